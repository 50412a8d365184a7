import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage, standInServer } from '../../testing/render';
import { TablePage } from './TablePage';

const TABLE = '44444444-4444-4444-8444-444444444444';
const table = {
  id: TABLE,
  name: 'RTO Maastricht-Heuvelland',
  type: 'rto',
  municipalityId: '55555555-5555-4555-8555-555555555555',
  chairName: 'Anna de Vries',
  chairId: '66666666-6666-4666-8666-666666666666',
  place: '',
  description: '',
  abilities: { scheduleMeeting: true, seeExperiences: false },
  members: [],
  meetings: [],
  experiences: null,
};

function server() {
  return standInServer({
    'GET /api/v1/meeting-tables/:id': { body: table },
    'POST /api/v1/meeting-tables/:id/meetings': { status: 201, body: { id: '77777777-7777-4777-8777-777777777777' } },
  });
}
const open = () => renderPage(<TablePage />, { path: '/overleg/tafel/:id', url: `/overleg/tafel/${TABLE}` });

describe('scheduling a meeting', () => {
  beforeEach(() => {
    // A winter afternoon; only Date is faked, so the form's timers and promises run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2027-01-10T12:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('refuses a start in the past, an end before the start, then a meeting without place or link, before sending', async () => {
    const s = server();
    open();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Datum'), '2027-01-09');
    await user.type(screen.getByLabelText('Begintijd'), '14:00');
    await user.type(screen.getByLabelText('Eindtijd'), '13:00');
    await user.click(screen.getByRole('button', { name: 'Overleg plannen en uitnodigen' }));
    expect(await screen.findByText('Deze tijd ligt in het verleden.')).toBeTruthy();
    expect(screen.getByText('De eindtijd moet na de begintijd liggen.')).toBeTruthy();
    // With the times right, the domain's own rule of meetingInputSchema speaks: a place or a video link.
    await user.clear(screen.getByLabelText('Datum'));
    await user.type(screen.getByLabelText('Datum'), '2027-01-15');
    await user.clear(screen.getByLabelText('Eindtijd'));
    await user.type(screen.getByLabelText('Eindtijd'), '15:00');
    await user.click(screen.getByRole('button', { name: 'Overleg plannen en uitnodigen' }));
    expect(await screen.findByText('Vul een plaats of een videoverbinding in.')).toBeTruthy();
    expect(screen.queryByText('Deze tijd ligt in het verleden.')).toBeNull();
    expect(s.writes()).toEqual([]);
  });

  it('sends the times as Dutch time, whatever the device’s time zone', async () => {
    const s = server();
    open();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Datum'), '2027-01-15');
    await user.type(screen.getByLabelText('Begintijd'), '14:00');
    await user.type(screen.getByLabelText('Eindtijd'), '15:30');
    await user.type(screen.getByLabelText('Plaats'), 'Stadhuis, zaal 2');
    await user.click(screen.getByRole('button', { name: 'Overleg plannen en uitnodigen' }));
    await waitFor(() => expect(s.writes()).toHaveLength(1));
    // 14:00 in Amsterdam in January is 13:00 UTC (the test machine runs on UTC, where the old form sent 14:00Z).
    expect(s.writes()[0]!.body).toEqual({
      startsAt: '2027-01-15T13:00:00.000Z',
      endsAt: '2027-01-15T14:30:00.000Z',
      place: 'Stadhuis, zaal 2',
      videoUrl: null,
      inviteeIds: [],
      inviteePersonIds: [],
    });
  });
});
