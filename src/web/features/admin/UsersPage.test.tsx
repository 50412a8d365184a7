import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, standInServer } from '../../testing/render';
import { UsersPage } from './UsersPage';

const ORG = '11111111-1111-4111-8111-111111111111';
const MUNI = '22222222-2222-4222-8222-222222222222';

function server(create: { status: number; body: unknown }) {
  return standInServer({
    'GET /api/v1/admin/users': { body: { items: [] } },
    'GET /api/v1/admin/organisations': {
      body: { items: [{ id: ORG, regionId: MUNI, name: 'GGD Zuid Limburg', type: 'jgz', phone: null, email: null, website: null, active: true, version: 1 }] },
    },
    'GET /api/v1/admin/municipalities': { body: { items: [{ id: MUNI, regionId: MUNI, name: 'Maastricht', cbsCode: 'GM0935', version: 1 }] } },
    'POST /api/v1/admin/users': create,
  });
}

describe('a new account', () => {
  it('asks for a municipality and a valid e-mail address before sending', async () => {
    const s = server({ status: 201, body: {} });
    renderPage(<UsersPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Nieuwe gebruiker' }));
    const form = screen.getByRole('form', { name: 'Nieuwe gebruiker' });
    await user.type(within(form).getByLabelText('Naam'), 'Sanne Jansen');
    await user.type(within(form).getByLabelText('E-mailadres'), 'sanne@');
    await user.click(within(form).getByRole('button', { name: 'Aanmaken' }));
    expect(await within(form).findByText('Vul een geldig e-mailadres in.')).toBeTruthy();
    expect(within(form).getByText('Kies minimaal één gemeente.')).toBeTruthy();
    expect(s.writes()).toEqual([]);
  });

  it('puts “e-mail address in use” on the e-mail field', async () => {
    const s = server({ status: 409, body: { error: { code: 'email_taken', details: [{ path: 'body.email', code: 'email_taken' }], requestId: 'r-2' } } });
    renderPage(<UsersPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Nieuwe gebruiker' }));
    const form = screen.getByRole('form', { name: 'Nieuwe gebruiker' });
    await user.type(within(form).getByLabelText('Naam'), 'Sanne Jansen');
    await user.type(within(form).getByLabelText('E-mailadres'), 'Sanne@Example.org');
    await user.selectOptions(await within(form).findByLabelText('Organisatie'), ORG);
    await user.click(await within(form).findByLabelText('Maastricht'));
    await user.type(within(form).getByLabelText('Startwachtwoord'), 'Zeer-lang-en-uniek-2027');
    await user.click(within(form).getByRole('button', { name: 'Aanmaken' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    // What is sent is the schema's output: the address in lower case.
    expect(s.writes()[0]!.body).toMatchObject({ email: 'sanne@example.org', organisationId: ORG, municipalityIds: [MUNI], role: 'professional' });
    expect(await within(form).findByText('Dit e-mailadres is al in gebruik.')).toBeTruthy();
  });
});
