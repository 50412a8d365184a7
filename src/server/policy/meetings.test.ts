import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import {
  assertHearsCaseItem,
  assertMayAdoptMinutes,
  assertMayCheckDoubleDiscussion,
  assertMayCreateTable,
  assertMayManageTable,
  assertMayPutCaseOnAgenda,
  assertMayRunMeeting,
  assertMaySearchStaff,
  assertMaySeeMeeting,
  assertMaySeeTable,
  assertOwnsAnonymousItem,
  hearsAgendaItem,
  meetingAbilities,
  meetingRole,
  tableAbilities,
  tableMunicipalities,
} from './meetings.js';

const coordinator = actor({ userId: 'coord', role: 'coordinator' });
const chair = actor({ userId: 'chair' });
const invitee = actor({ userId: 'inv' });
const stranger = actor({ userId: 'x' });
const otherCoordinator = actor({ userId: 'coord2', role: 'coordinator', municipalityIds: ['m2'] });
const meeting = (o: Partial<{ municipalityId: string; chairId: string; invited: boolean }> = {}) => ({
  municipalityId: 'm1',
  chairId: 'chair',
  invited: false,
  ...o,
});

describe('who takes part in a meeting', () => {
  it('the coordinator of its municipality, its chair and its invitees; nobody else', () => {
    expect(meetingRole(coordinator, meeting())).toBe('coordinator');
    expect(meetingRole(chair, meeting())).toBe('chair');
    expect(meetingRole(invitee, meeting({ invited: true }))).toBe('invitee');
    expect(meetingRole(stranger, meeting())).toBeNull();
    expect(meetingRole(otherCoordinator, meeting())).toBeNull();
    // A coordinator who chairs her own municipality's meeting hears it as coordinator.
    expect(meetingRole(actor({ userId: 'chair', role: 'coordinator' }), meeting())).toBe('coordinator');
  });

  it('client accounts take part in nothing, even when named', () => {
    expect(meetingRole(actor({ userId: 'inv', kind: 'client' }), meeting({ invited: true }))).toBeNull();
    expect(meetingRole(actor({ userId: 'chair', kind: 'client' }), meeting())).toBeNull();
  });

  it('answers 404 to non-participants and for missing meetings', () => {
    expect(outcome(() => assertMaySeeMeeting(chair, meeting()))).toBe('allowed');
    expect(outcome(() => assertMaySeeMeeting(stranger, meeting()))).toBe('not_found');
    expect(outcome(() => assertMaySeeMeeting(otherCoordinator, meeting()))).toBe('not_found');
    expect(outcome(() => assertMaySeeMeeting(chair, null))).toBe('not_found');
  });
});

describe('running a meeting', () => {
  it('chair and coordinator run it; invitees get 403', () => {
    expect(outcome(() => assertMayRunMeeting('chair'))).toBe('allowed');
    expect(outcome(() => assertMayRunMeeting('coordinator'))).toBe('allowed');
    expect(outcome(() => assertMayRunMeeting('invitee'))).toBe('forbidden');
  });

  it('only the chair adopts the minutes, not the coordinator or an invitee', () => {
    expect(outcome(() => assertMayAdoptMinutes(chair, { chairId: 'chair' }))).toBe('allowed');
    expect(outcome(() => assertMayAdoptMinutes(coordinator, { chairId: 'chair' }))).toBe('forbidden');
    expect(outcome(() => assertMayAdoptMinutes(invitee, { chairId: 'chair' }))).toBe('forbidden');
    expect(outcome(() => assertMayAdoptMinutes(actor({ userId: 'chair', kind: 'client' }), { chairId: 'chair' }))).toBe('forbidden');
  });

  it('a case goes on the agenda by its municipality’s coordinator or its director', () => {
    const c = { municipalityId: 'm1', directorId: 'dir' };
    expect(outcome(() => assertMayPutCaseOnAgenda(coordinator, c))).toBe('allowed');
    expect(outcome(() => assertMayPutCaseOnAgenda(actor({ userId: 'dir' }), c))).toBe('allowed');
    expect(outcome(() => assertMayPutCaseOnAgenda(chair, c))).toBe('forbidden');
    expect(outcome(() => assertMayPutCaseOnAgenda(otherCoordinator, c))).toBe('forbidden');
    expect(outcome(() => assertMayPutCaseOnAgenda(chair, { municipalityId: 'm1', directorId: null }))).toBe('forbidden');
  });

  it('the double-discussion check needs both: seeing the meeting and putting the case on it (else 404)', () => {
    const c = { municipalityId: 'm1', directorId: 'inv' };
    expect(outcome(() => assertMayCheckDoubleDiscussion(coordinator, meeting(), c))).toBe('allowed');
    expect(outcome(() => assertMayCheckDoubleDiscussion(invitee, meeting({ invited: true }), c))).toBe('allowed');
    expect(outcome(() => assertMayCheckDoubleDiscussion(invitee, meeting(), c))).toBe('not_found');
    expect(outcome(() => assertMayCheckDoubleDiscussion(chair, meeting(), c))).toBe('not_found');
    expect(outcome(() => assertMayCheckDoubleDiscussion(otherCoordinator, meeting({ municipalityId: 'm2' }), c))).toBe('not_found');
    expect(outcome(() => assertMayCheckDoubleDiscussion(coordinator, null, c))).toBe('not_found');
    expect(outcome(() => assertMayCheckDoubleDiscussion(coordinator, meeting(), null))).toBe('not_found');
  });

  it('an anonymised consultation belongs to its owner only', () => {
    expect(outcome(() => assertOwnsAnonymousItem(invitee, { kind: 'anonymous', ownerId: 'inv' }))).toBe('allowed');
    expect(outcome(() => assertOwnsAnonymousItem(chair, { kind: 'anonymous', ownerId: 'inv' }))).toBe('not_found');
    expect(outcome(() => assertOwnsAnonymousItem(invitee, { kind: 'free', ownerId: 'inv' }))).toBe('not_found');
    expect(outcome(() => assertOwnsAnonymousItem(invitee, null))).toBe('not_found');
  });
});

describe('hearing a case on the agenda', () => {
  it('free and anonymised items for everyone; a case with consent for the organisation or as its coordinator', () => {
    expect(hearsAgendaItem(stranger, { kind: 'free', municipalityId: null, organisationConsent: false })).toBe(true);
    expect(hearsAgendaItem(stranger, { kind: 'anonymous', municipalityId: null, organisationConsent: false })).toBe(true);
    expect(hearsAgendaItem(invitee, { kind: 'case', municipalityId: 'm1', organisationConsent: true })).toBe(true);
    expect(hearsAgendaItem(coordinator, { kind: 'case', municipalityId: 'm1', organisationConsent: false })).toBe(true);
    expect(hearsAgendaItem(invitee, { kind: 'case', municipalityId: 'm1', organisationConsent: false })).toBe(false);
    expect(hearsAgendaItem(otherCoordinator, { kind: 'case', municipalityId: 'm1', organisationConsent: false })).toBe(false);
  });

  it('writing a case item’s minutes without that right is consent_missing', () => {
    expect(outcome(() => assertHearsCaseItem(chair, { municipalityId: 'm1', organisationConsent: true }))).toBe('allowed');
    expect(outcome(() => assertHearsCaseItem(coordinator, { municipalityId: 'm1', organisationConsent: false }))).toBe('allowed');
    expect(outcome(() => assertHearsCaseItem(chair, { municipalityId: 'm1', organisationConsent: false }))).toBe('consent_missing');
    expect(outcome(() => assertHearsCaseItem(otherCoordinator, { municipalityId: 'm1', organisationConsent: false }))).toBe('consent_missing');
  });
});

describe('tables', () => {
  const t = { municipalityId: 'm1', chairId: 'chair' };
  it('are seen by staff of their municipality; 404 elsewhere and for client accounts', () => {
    expect(outcome(() => assertMaySeeTable(stranger, t))).toBe('allowed');
    expect(outcome(() => assertMaySeeTable(actor({ municipalityIds: ['m2'] }), t))).toBe('not_found');
    expect(outcome(() => assertMaySeeTable(actor({ kind: 'client' }), t))).toBe('not_found');
    expect(outcome(() => assertMaySeeTable(stranger, null))).toBe('not_found');
    expect(tableMunicipalities(stranger)).toEqual(['m1']);
    expect(tableMunicipalities(actor({ kind: 'client' }))).toEqual([]);
  });

  it('are managed by their coordinator and chair: others there 403, elsewhere 404', () => {
    expect(outcome(() => assertMayManageTable(coordinator, t))).toBe('allowed');
    expect(outcome(() => assertMayManageTable(chair, t))).toBe('allowed');
    expect(outcome(() => assertMayManageTable(stranger, t))).toBe('forbidden');
    expect(outcome(() => assertMayManageTable(otherCoordinator, t))).toBe('not_found');
    expect(outcome(() => assertMayManageTable(actor({ userId: 'chair', municipalityIds: ['m2'] }), t))).toBe('not_found');
  });

  it('are created by a coordinator of the municipality only', () => {
    expect(outcome(() => assertMayCreateTable(coordinator, 'm1'))).toBe('allowed');
    expect(outcome(() => assertMayCreateTable(coordinator, 'm2'))).toBe('forbidden');
    expect(outcome(() => assertMayCreateTable(chair, 'm1'))).toBe('forbidden');
    expect(outcome(() => assertMayCreateTable(actor({ role: 'policy' }), 'm1'))).toBe('forbidden');
    expect(outcome(() => assertMayCreateTable(actor({ role: 'coordinator', kind: 'client' }), 'm1'))).toBe('forbidden');
  });

  it('staff are looked up in one’s own municipalities only', () => {
    expect(outcome(() => assertMaySearchStaff(chair, 'm1'))).toBe('allowed');
    expect(outcome(() => assertMaySearchStaff(chair, 'm2'))).toBe('not_found');
    expect(outcome(() => assertMaySearchStaff(actor({ kind: 'client' }), 'm1'))).toBe('not_found');
  });
});

describe('abilities', () => {
  it('the chair may do everything with her meeting; an invitee only propose items', () => {
    expect(meetingAbilities(chair, meeting())).toEqual({
      run: true,
      addFreeItem: true,
      addCaseItem: true,
      addAnonymousItem: true,
      writeMinutes: true,
      adoptMinutes: true,
      addAddendum: true,
      cancel: true,
    });
    expect(meetingAbilities(invitee, meeting({ invited: true }))).toEqual({
      run: false,
      addFreeItem: false,
      addCaseItem: true,
      addAnonymousItem: true,
      writeMinutes: false,
      adoptMinutes: false,
      addAddendum: false,
      cancel: false,
    });
    expect(meetingAbilities(coordinator, meeting())).toMatchObject({ run: true, adoptMinutes: false });
    expect(Object.values(meetingAbilities(stranger, meeting())).every((v) => v === false)).toBe(true);
  });

  it('a table’s abilities follow who manages it', () => {
    const t = { municipalityId: 'm1', chairId: 'chair' };
    expect(tableAbilities(chair, t)).toEqual({ scheduleMeeting: true, seeExperiences: true });
    expect(tableAbilities(stranger, t)).toEqual({ scheduleMeeting: false, seeExperiences: false });
    expect(tableAbilities(otherCoordinator, t)).toEqual({ scheduleMeeting: false, seeExperiences: false });
  });
});
