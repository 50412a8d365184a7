import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, standInServer } from '../../testing/render';
import { ServiceEditPage } from './ServiceEditPage';

const ORG = '11111111-1111-4111-8111-111111111111';
const LOCATION = '22222222-2222-4222-8222-222222222222';
const organisation = {
  id: ORG,
  name: 'Stichting Kraamzorg Zuid',
  type: 'kraamzorg',
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
  locations: [
    {
      id: LOCATION,
      organisationId: ORG,
      name: 'Hoofdkantoor',
      address: 'Markt 1',
      postcode: '6211 CK',
      city: 'Maastricht',
      municipalityId: null,
      openingHours: [],
      accessibility: null,
      active: true,
      version: 1,
      lastConfirmedAt: '2026-11-01T10:00:00.000Z',
      stale: false,
    },
  ],
  people: [],
};

function server(answer?: { status: number; body: unknown }) {
  return standInServer({
    'GET /api/v1/directory/organisations/:id': { body: organisation },
    'GET /api/v1/directory/programmes': { body: { items: [] } },
    'GET /api/v1/public/municipalities': { body: { items: [] } },
    'POST /api/v1/directory/organisations/:id/services': answer ?? { status: 201, body: { id: '33333333-3333-4333-8333-333333333333' } },
  });
}
const open = () =>
  renderPage(<ServiceEditPage />, { path: '/sociale-kaart/organisatie/:orgId/aanbod/nieuw', url: `/sociale-kaart/organisatie/${ORG}/aanbod/nieuw` });

describe('the service form', () => {
  it('shows a field error from the server’s own schema before anything is sent', async () => {
    const s = server();
    open();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Naam'), 'K');
    await user.type(screen.getByLabelText(/Wachttijd \(weken\)/), '-3');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    // The limits of serviceInputSchema, in words: at least 2 characters, and its own message for a negative wait.
    expect(await screen.findByText('Gebruik minstens 2 tekens.')).toBeTruthy();
    expect(screen.getByText('De wachttijd kan niet negatief zijn.')).toBeTruthy();
    expect(screen.getByLabelText('Naam').getAttribute('aria-invalid')).toBe('true');
    expect(s.writes()).toEqual([]);
  });

  it('puts the server’s field errors of a 400 on the same fields', async () => {
    const s = server({
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          details: [
            { path: 'body.locationIds.0', code: 'unknown_location' },
            { path: 'body.name', code: 'name_taken' },
          ],
          requestId: 'req-1',
        },
      },
    });
    open();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Naam'), 'Kraamzorg aan huis');
    await user.click(screen.getByLabelText('Hoofdkantoor, Maastricht'));
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    expect(s.writes()[0]!.body).toMatchObject({ name: 'Kraamzorg aan huis', locationIds: [LOCATION], pregnancyFromWeek: null, waitingWeeks: null });
    const locations = screen.getByRole('group', { name: 'Locaties' });
    expect(await within(locations).findByText('Deze locatie hoort niet bij de organisatie.')).toBeTruthy();
    const name = screen.getByLabelText('Naam');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toBe('Deze naam bestaat al.');
  });

  it('chooses languages by name, never by code', async () => {
    const s = server();
    open();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Naam'), 'Voorlichting');
    const languages = screen.getByRole('group', { name: 'Talen' });
    await user.type(within(languages).getByLabelText('Zoek een taal'), 'arab');
    // The search narrows the list to matching names; chosen languages stay.
    expect(within(languages).queryByLabelText('Pools')).toBeNull();
    expect(within(languages).getByRole('status').textContent).toBe('1 taal gevonden.');
    expect((within(languages).getByLabelText('Nederlands') as HTMLInputElement).checked).toBe(true);
    await user.click(within(languages).getByLabelText('Arabisch'));
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    expect(s.writes()[0]!.body).toMatchObject({ languages: ['nl', 'ar'] });
    expect(s.writes()[0]!.headers.get('content-type')).toContain('application/json');
  });
});
