import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, standInServer } from '../../testing/render';
import { MinutesForm } from './MinutesForm';
import type { AgendaItem } from './queries';

const NURSE = '99999999-9999-4999-8999-999999999999';
const item = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  position: 1,
  kind: 'case',
  title: 'El Amrani',
  masked: false,
  people: { team: [{ userId: NURSE, name: 'Joyce Jeugdverpleegkundige', organisationName: 'JGZ' }], household: [] },
  directorId: NURSE,
  minutes: null,
} as unknown as AgendaItem;

describe('the minutes of a case item', () => {
  it('asks what and who for every action before sending, and puts a server verdict on the action’s own field', async () => {
    const s = standInServer({
      'PUT /api/v1/agenda-items/:id/minutes': {
        status: 400,
        body: { error: { code: 'validation_failed', details: [{ path: 'body.actions.0.dueDate', code: 'in_past' }], requestId: 'r-3' } },
      },
    });
    renderPage(<MinutesForm item={item} meetingId="m1" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Verslag schrijven' }));
    await user.click(screen.getByRole('button', { name: 'Actie toevoegen' }));
    await user.type(screen.getByLabelText('Actie 1: wat'), 'Kr');
    await user.click(screen.getByRole('button', { name: 'Verslag opslaan' }));
    // The domain's own message for both: what is too short, and nobody owns the action.
    await waitFor(() => expect(screen.getAllByText('Verplicht veld.')).toHaveLength(2));
    expect(screen.getByLabelText('Actie 1: wat').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Actie 1: wie').getAttribute('aria-invalid')).toBe('true');
    expect(s.writes()).toEqual([]);

    await user.type(screen.getByLabelText('Actie 1: wat'), 'aamzorg aanvragen');
    await user.selectOptions(screen.getByLabelText('Actie 1: wie'), `u:${NURSE}`);
    await user.type(screen.getByLabelText('Actie 1: uiterlijk'), '2026-01-05');
    await user.click(screen.getByRole('button', { name: 'Verslag opslaan' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    expect(s.writes()[0]!.body).toMatchObject({
      version: 0,
      regieHolderId: NURSE,
      actions: [{ what: 'Kraamzorg aanvragen', ownerKind: 'professional', ownerUserId: NURSE, ownerPersonId: null, dueDate: '2026-01-05' }],
    });
    expect(await screen.findByText('Deze tijd ligt in het verleden.')).toBeTruthy();
    expect(screen.getByLabelText('Actie 1: uiterlijk').getAttribute('aria-invalid')).toBe('true');
  });
});
