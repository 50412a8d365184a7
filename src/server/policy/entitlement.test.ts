import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import { assertMayConfirmConsent, assertMayRecordConsent, type CaseAccess, caseAbilities, mayConfirmConsent } from './cases.js';
import {
  assertMayEditPerson,
  assertMaySeePerson,
  mayReachCase,
  mayRegisterInvolvementIn,
  mayTriageSignal,
  personAbilities,
  personAccess,
  seesPersonDetails,
} from './families.js';
import { assertReferralSide, incomingScope, isReceiverOf, referralSide } from './referrals.js';

/** ADR 015: access follows from a relation the system can check, never from what a user says about herself. */
describe('the household case from the client page', () => {
  const c = (o: Partial<{ municipalityId: string; member: boolean; director: boolean }> = {}) => ({
    municipalityId: 'm1',
    member: false,
    director: false,
    ...o,
  });
  it('admits its care-team members, its director and the coordinator of its municipality; nobody else', () => {
    expect(mayReachCase(actor(), c({ member: true }))).toBe(true);
    expect(mayReachCase(actor(), c({ director: true }))).toBe(true);
    expect(mayReachCase(actor({ role: 'coordinator' }), c())).toBe(true);
    expect(mayReachCase(actor({ role: 'coordinator', municipalityIds: ['m2'] }), c())).toBe(false);
    expect(mayReachCase(actor(), c())).toBe(false);
  });
  it('offers to open a case only while none runs', () => {
    const facts = { municipalityId: 'm1', registeredByActor: true, caseContent: false, recordedByOwnOrganisation: true };
    expect(personAbilities(actor(), 'registrant', facts, null)).toMatchObject({ openCase: true, goToCase: false });
    expect(personAbilities(actor(), 'registrant', facts, c())).toMatchObject({ openCase: false, goToCase: false });
    expect(personAbilities(actor(), 'registrant', facts, c({ member: true }))).toMatchObject({ openCase: false, goToCase: true });
  });
});

describe('persons', () => {
  const facts = (o: Partial<{ municipalityId: string; registeredByActor: boolean; caseContent: boolean }> = {}) => ({
    municipalityId: 'm1',
    registeredByActor: false,
    caseContent: false,
    ...o,
  });

  it('the coordinator of the municipality and a care-team member with consent see everything; a registrant her own part; others nothing', () => {
    expect(personAccess(actor({ role: 'coordinator' }), facts())).toBe('full');
    expect(personAccess(actor({ role: 'coordinator', municipalityIds: ['m2'] }), facts())).toBeNull();
    expect(personAccess(actor(), facts({ caseContent: true }))).toBe('full');
    expect(personAccess(actor(), facts({ registeredByActor: true }))).toBe('registrant');
    expect(personAccess(actor(), facts())).toBeNull();
    for (const role of ['admin', 'policy'] as const) expect(personAccess(actor({ role }), facts({ registeredByActor: true, caseContent: true }))).toBeNull();
    expect(personAccess(actor({ kind: 'client' }), facts({ registeredByActor: true }))).toBeNull();
    expect(outcome(() => assertMaySeePerson(actor(), facts(), 'p1'))).toBe('not_found');
    expect(outcome(() => assertMaySeePerson(actor(), null, 'p1'))).toBe('not_found');
    expect(assertMaySeePerson(actor(), facts({ registeredByActor: true }), 'p1').detail).toBe('registrant');
  });

  it('a registrant sees and edits only what her own organisation recorded', () => {
    expect(seesPersonDetails('registrant', { recordedByOwnOrganisation: true })).toBe(true);
    expect(seesPersonDetails('registrant', { recordedByOwnOrganisation: false })).toBe(false);
    expect(seesPersonDetails('full', { recordedByOwnOrganisation: false })).toBe(true);
    expect(outcome(() => assertMayEditPerson('registrant', { recordedByOwnOrganisation: false }))).toBe('forbidden');
    expect(outcome(() => assertMayEditPerson('registrant', { recordedByOwnOrganisation: true }))).toBe('allowed');
    expect(outcome(() => assertMayEditPerson('full', { recordedByOwnOrganisation: false }))).toBe('allowed');
  });

  it('registers involvement only where she works or her organisation serves', () => {
    expect(mayRegisterInvolvementIn(actor(), 'm1', [])).toBe(true);
    expect(mayRegisterInvolvementIn(actor(), 'm2', [])).toBe(false);
    expect(mayRegisterInvolvementIn(actor(), 'm2', ['m2'])).toBe(true);
    expect(mayRegisterInvolvementIn(actor({ role: 'coordinator' }), 'm1', [])).toBe(true);
    expect(mayRegisterInvolvementIn(actor({ role: 'admin' }), 'm1', ['m1'])).toBe(false);
    expect(mayRegisterInvolvementIn(actor({ role: 'policy' }), 'm1', ['m1'])).toBe(false);
  });
});

describe('what the client and signal pages offer', () => {
  const p = (o: Partial<{ registeredByActor: boolean; recordedByOwnOrganisation: boolean; municipalityId: string }> = {}) => ({
    municipalityId: 'm1',
    registeredByActor: true,
    caseContent: false,
    recordedByOwnOrganisation: false,
    ...o,
  });

  it('person abilities follow the rules: edit only what she sees, open a case when registered or coordinating', () => {
    expect(personAbilities(actor(), 'registrant', p())).toEqual({ edit: false, openCase: true, goToCase: false, register: true, asCoordinator: false });
    expect(personAbilities(actor(), 'registrant', p({ recordedByOwnOrganisation: true })).edit).toBe(true);
    expect(personAbilities(actor({ role: 'coordinator' }), 'full', p({ registeredByActor: false }))).toEqual({
      edit: true,
      openCase: true,
      goToCase: false,
      register: false,
      asCoordinator: true,
    });
    expect(personAbilities(actor(), 'full', p({ registeredByActor: false })).openCase).toBe(false);
  });

  it('a signal is triaged by the coordinator of its municipality once at the hub — never by its own signaller', () => {
    const s = { signallerId: 'u9', municipalityId: 'm1', toHub: true };
    expect(mayTriageSignal(actor({ role: 'coordinator' }), s)).toBe(true);
    expect(mayTriageSignal(actor({ role: 'coordinator' }), { ...s, toHub: false })).toBe(false);
    expect(mayTriageSignal(actor({ role: 'coordinator', userId: 'u9' }), s)).toBe(false);
    expect(mayTriageSignal(actor({ role: 'coordinator', municipalityIds: ['m2'] }), s)).toBe(false);
    expect(mayTriageSignal(actor({ userId: 'u9' }), s)).toBe(false);
  });
});

describe('consent', () => {
  const kase = { municipalityId: 'm1', directorId: 'director' };
  const record = (o: Partial<{ recordedById: string; organisationId: string }> = {}) => ({ recordedById: 'member', organisationId: 'o2', ...o });

  it('the care team and the coordinator record consent; others may not', () => {
    expect(outcome(() => assertMayRecordConsent(actor(), { member: true, municipalityId: 'm1' }))).toBe('allowed');
    expect(outcome(() => assertMayRecordConsent(actor({ role: 'coordinator' }), { member: false, municipalityId: 'm1' }))).toBe('allowed');
    expect(outcome(() => assertMayRecordConsent(actor(), { member: false, municipalityId: 'm1' }))).toBe('forbidden');
    expect(outcome(() => assertMayRecordConsent(actor({ role: 'coordinator', municipalityIds: ['m2'] }), { member: false, municipalityId: 'm1' }))).toBe(
      'forbidden',
    );
  });

  it('a self-recorded consent is confirmed by the director or the coordinator — never the recorder or a colleague who would gain by it', () => {
    const director = actor({ userId: 'director', organisationId: 'o3' });
    const coordinator = actor({ userId: 'coord', role: 'coordinator', organisationId: 'hub' });
    expect(mayConfirmConsent(director, kase, record())).toBe(true);
    expect(mayConfirmConsent(coordinator, kase, record())).toBe(true);
    expect(mayConfirmConsent(actor({ userId: 'member', organisationId: 'o2' }), kase, record())).toBe(false);
    expect(mayConfirmConsent(actor({ userId: 'other' }), kase, record())).toBe(false);
    expect(mayConfirmConsent(director, kase, record({ recordedById: 'director', organisationId: 'o3' }))).toBe(false);
    expect(mayConfirmConsent(actor({ userId: 'director', organisationId: 'o2' }), kase, record())).toBe(false);
    expect(mayConfirmConsent(coordinator, kase, record({ recordedById: 'coord' }))).toBe(false);
    expect(mayConfirmConsent(actor({ userId: 'coord', role: 'coordinator', municipalityIds: ['m2'] }), kase, record())).toBe(false);
    expect(outcome(() => assertMayConfirmConsent(actor({ userId: 'other' }), kase, record()))).toBe('forbidden');
  });

  it('the case page’s abilities follow the same rules', () => {
    const content: CaseAccess = { level: 'content', basis: 'care_team' };
    const existence: CaseAccess = { level: 'existence', basis: 'care_team' };
    const f = { ...kase, member: true, open: true };
    expect(caseAbilities(actor({ userId: 'director' }), f, content)).toEqual({
      direct: true,
      refer: true,
      recordConsent: true,
      confirmConsent: true,
      reviewEmergency: false,
      nameProcessDirector: false,
    });
    expect(caseAbilities(actor(), f, existence)).toEqual({
      direct: false,
      refer: false,
      recordConsent: true,
      confirmConsent: false,
      reviewEmergency: false,
      nameProcessDirector: false,
    });
    expect(caseAbilities(actor({ role: 'coordinator' }), { ...f, member: false }, { level: 'content', basis: 'coordinator' })).toMatchObject({
      direct: true,
      refer: false,
      confirmConsent: true,
      reviewEmergency: true,
      nameProcessDirector: true,
    });
    expect(caseAbilities(actor({ userId: 'director' }), { ...f, open: false }, content)).toMatchObject({ direct: false, refer: false, recordConsent: false });
  });
});

describe('incoming referrals', () => {
  const referral = (o: Partial<{ receivingOrganisationId: string; municipalityId: string; answeredById: string | null }> = {}) => ({
    receivingOrganisationId: 'o1',
    municipalityId: 'm1',
    answeredById: null,
    ...o,
  });

  it('only holders of the intake right where the referral is, and its named receiver, handle it', () => {
    expect(isReceiverOf(actor({ intakeRight: true }), referral())).toBe(true);
    expect(isReceiverOf(actor(), referral())).toBe(false);
    expect(isReceiverOf(actor({ intakeRight: true, municipalityIds: ['m2'] }), referral())).toBe(false);
    expect(isReceiverOf(actor({ intakeRight: true, organisationId: 'o2' }), referral())).toBe(false);
    expect(isReceiverOf(actor(), referral({ answeredById: 'u1' }))).toBe(true);
    expect(isReceiverOf(actor({ role: 'policy', intakeRight: true }), referral())).toBe(false);
  });

  it('the sending side needs the case’s content; anyone else is 404', () => {
    const content: CaseAccess = { level: 'content', basis: 'care_team' };
    expect(referralSide(actor({ organisationId: 'o9' }), referral(), content)).toBe('sender');
    expect(referralSide(actor({ organisationId: 'o9' }), referral(), { level: 'plan', basis: 'care_team' })).toBeNull();
    // Staff of the receiving organisation without the right are on the sending side only through the case.
    expect(referralSide(actor(), referral(), content)).toBe('sender');
    expect(referralSide(actor(), referral(), null)).toBeNull();
    expect(outcome(() => assertReferralSide(actor(), referral(), null, 'r1'))).toBe('not_found');
  });

  it('the board is scoped to the intake’s municipalities, or to what she answered herself', () => {
    expect(incomingScope(actor({ intakeRight: true }))).toEqual({ organisationId: 'o1', municipalityIds: ['m1'], receiverUserId: 'u1' });
    expect(incomingScope(actor())).toEqual({ organisationId: 'o1', municipalityIds: [], receiverUserId: 'u1' });
  });
});

describe('regie and emergency access', () => {
  it('only the coordinator names a process director; proposals are answered by the proposed, withdrawn by the proposer or coordinator', async () => {
    const { assertMayAnswerProposal, assertMayNameProcessDirector } = await import('./cases.js');
    const f = { municipalityId: 'm1' };
    expect(outcome(() => assertMayNameProcessDirector(actor({ role: 'coordinator' }), f))).toBe('allowed');
    expect(outcome(() => assertMayNameProcessDirector(actor(), f))).toBe('forbidden');
    const p = { userId: 'u2', proposedById: 'u3' };
    expect(outcome(() => assertMayAnswerProposal(actor({ userId: 'u2' }), f, p, 'accept'))).toBe('allowed');
    expect(outcome(() => assertMayAnswerProposal(actor({ userId: 'u3' }), f, p, 'accept'))).toBe('forbidden');
    expect(outcome(() => assertMayAnswerProposal(actor({ userId: 'u3' }), f, p, 'withdraw'))).toBe('allowed');
    expect(outcome(() => assertMayAnswerProposal(actor({ role: 'coordinator' }), f, p, 'withdraw'))).toBe('allowed');
    expect(outcome(() => assertMayAnswerProposal(actor({ userId: 'u2' }), f, p, 'withdraw'))).toBe('forbidden');
  });

  it('the glass is broken by a professional of the municipality or an admin of the region — not by the coordinator, not from elsewhere', async () => {
    const { assertMayBreakGlassInto } = await import('./cases.js');
    const f = { municipalityId: 'm1', regionId: 'r1' };
    expect(outcome(() => assertMayBreakGlassInto(actor(), f, 'c1'))).toBe('allowed');
    expect(outcome(() => assertMayBreakGlassInto(actor({ role: 'admin' }), f, 'c1'))).toBe('allowed');
    expect(outcome(() => assertMayBreakGlassInto(actor({ role: 'coordinator' }), f, 'c1'))).toBe('not_found');
    expect(outcome(() => assertMayBreakGlassInto(actor({ municipalityIds: ['m2'] }), f, 'c1'))).toBe('not_found');
    expect(outcome(() => assertMayBreakGlassInto(actor({ role: 'admin', regionIds: ['r2'] }), f, 'c1'))).toBe('not_found');
    expect(outcome(() => assertMayBreakGlassInto(actor(), null, 'c1'))).toBe('not_found');
  });
});
