import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, standInServer } from '../../testing/render';
import { OrganisationPage } from './OrganisationPage';

const ORG = '11111111-1111-4111-8111-111111111111';
const organisation = {
  id: ORG,
  name: 'Verloskundigenpraktijk De Wieg',
  type: 'verloskunde',
  description: null,
  phone: null,
  email: null,
  website: null,
  kvkNumber: null,
  agbCode: null,
  version: 1,
  abilities: { maintain: true },
  lastConfirmedAt: '2026-11-01T10:00:00.000Z',
  lastConfirmedBy: null,
  stale: false,
  services: [],
  locations: [],
  people: [],
};

describe('a new location', () => {
  it('checks the postcode and the opening hours with the domain’s rules before sending, and sends the hours as slots', async () => {
    const s = standInServer({
      'GET /api/v1/directory/organisations/:id': { body: organisation },
      'GET /api/v1/public/municipalities': { body: { items: [] } },
      'POST /api/v1/directory/organisations/:id/locations': { status: 201, body: { id: '22222222-2222-4222-8222-222222222222' } },
    });
    renderPage(<OrganisationPage />, { path: '/sociale-kaart/organisatie/:id', url: `/sociale-kaart/organisatie/${ORG}` });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Nieuwe locatie' }));
    const form = screen.getByRole('form', { name: 'Nieuwe locatie' });
    await user.type(within(form).getByLabelText('Naam'), 'Praktijk De Wieg');
    await user.type(within(form).getByLabelText('Adres'), 'Markt 1');
    await user.type(within(form).getByLabelText('Postcode'), '123');
    await user.type(within(form).getByLabelText('Plaats'), 'Kerkrade');
    await user.type(within(form).getByLabelText('Openingstijden'), 'ma 12:00-09:00');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await within(form).findByText('Vul een postcode in als 1234 AB.')).toBeTruthy();
    expect(within(form).getByText('De sluitingstijd ligt voor de openingstijd.')).toBeTruthy();
    expect(s.writes()).toEqual([]);

    await user.clear(within(form).getByLabelText('Postcode'));
    await user.type(within(form).getByLabelText('Postcode'), '6461ab');
    await user.clear(within(form).getByLabelText('Openingstijden'));
    await user.type(within(form).getByLabelText('Openingstijden'), 'ma 09:00-12:00');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    expect(s.writes()[0]!.body).toMatchObject({ postcode: '6461 AB', municipalityId: null, openingHours: [{ day: 'mo', opens: '09:00', closes: '12:00' }] });
  });
});
