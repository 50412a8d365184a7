import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import { type WorkItemFacts, workItemNamesClient, workScope } from './workspace.js';

const caseFacts = (o: Partial<Extract<WorkItemFacts, { kind: 'case' }>['facts']> = {}): WorkItemFacts => ({
  kind: 'case',
  facts: { municipalityId: 'm1', regionId: 'r1', member: true, consentCaseDiscussion: true, consentSharePlan: false, emergencyActive: false, ...o },
});
const incoming = (o: Partial<Extract<WorkItemFacts, { kind: 'incoming_referral' }>['facts']> = {}): WorkItemFacts => ({
  kind: 'incoming_referral',
  facts: { receivingOrganisationId: 'o1', municipalityId: 'm1', answeredById: null, ...o },
});

describe('the work overview’s scope', () => {
  it('gives a coordinator her hub queues and care work', () => {
    expect(workScope(actor({ role: 'coordinator', municipalityIds: ['m1', 'm2'] }))).toMatchObject({ careWork: true, coordinatorOf: ['m1', 'm2'] });
  });

  it('gives a professional care work but no hub queues; her incoming referrals only with the intake right', () => {
    expect(workScope(actor())).toMatchObject({ careWork: true, coordinatorOf: [], incoming: { organisationId: 'o1', municipalityIds: [] } });
    expect(workScope(actor({ intakeRight: true })).incoming.municipalityIds).toEqual(['m1']);
  });

  it('gives policy officers and admins an overview without care queues', () => {
    for (const role of ['policy', 'admin'] as const) {
      const s = workScope(actor({ role, intakeRight: true }));
      expect(s).toMatchObject({ careWork: false, coordinatorOf: [] });
      expect(s.incoming.municipalityIds).toEqual([]);
    }
  });

  it('refuses client accounts, sessions before the second factor and anonymous callers', () => {
    expect(outcome(() => workScope(actor({ kind: 'client' })))).toBe('not_found');
    expect(outcome(() => workScope(actor({ mfaSatisfied: false })))).toBe('mfa_required');
    expect(outcome(() => workScope(null))).toBe('unauthenticated');
  });
});

describe('where an item of the overview names its client', () => {
  it('a signal: to the coordinator of its municipality only', () => {
    expect(workItemNamesClient(actor({ role: 'coordinator' }), { kind: 'signal', municipalityId: 'm1' })).toBe(true);
    expect(workItemNamesClient(actor({ role: 'coordinator' }), { kind: 'signal', municipalityId: 'm2' })).toBe(false);
    expect(workItemNamesClient(actor(), { kind: 'signal', municipalityId: 'm1' })).toBe(false);
  });

  it('a case item: where the case’s content is visible, not to a member without consent for case discussion', () => {
    expect(workItemNamesClient(actor(), caseFacts())).toBe(true);
    expect(workItemNamesClient(actor(), caseFacts({ consentCaseDiscussion: false }))).toBe(false);
    expect(workItemNamesClient(actor(), caseFacts({ consentCaseDiscussion: false, consentSharePlan: true }))).toBe(false);
    expect(workItemNamesClient(actor(), caseFacts({ member: false }))).toBe(false);
    expect(workItemNamesClient(actor(), caseFacts({ member: false, consentCaseDiscussion: false, emergencyActive: true }))).toBe(true);
    expect(workItemNamesClient(actor({ role: 'coordinator' }), caseFacts({ member: false, consentCaseDiscussion: false }))).toBe(true);
    expect(workItemNamesClient(actor({ role: 'coordinator', municipalityIds: ['m2'] }), caseFacts({ member: false }))).toBe(false);
  });

  it('an incoming referral: to the intake of the receiving organisation there, or the one who answered it', () => {
    expect(workItemNamesClient(actor({ intakeRight: true }), incoming())).toBe(true);
    expect(workItemNamesClient(actor(), incoming())).toBe(false);
    expect(workItemNamesClient(actor(), incoming({ answeredById: 'u1' }))).toBe(true);
    expect(workItemNamesClient(actor({ intakeRight: true }), incoming({ municipalityId: 'm2' }))).toBe(false);
    expect(workItemNamesClient(actor({ intakeRight: true }), incoming({ receivingOrganisationId: 'o2' }))).toBe(false);
  });

  it('a match on her own registration: to the professional who registered, not to a policy officer', () => {
    expect(workItemNamesClient(actor(), { kind: 'own_registration', municipalityId: 'm9' })).toBe(true);
    expect(workItemNamesClient(actor({ role: 'policy' }), { kind: 'own_registration', municipalityId: 'm1' })).toBe(false);
  });

  it('never for a client account or before the second factor', () => {
    for (const a of [actor({ kind: 'client', role: 'coordinator' }), actor({ role: 'coordinator', mfaSatisfied: false })]) {
      expect(workItemNamesClient(a, { kind: 'signal', municipalityId: 'm1' })).toBe(false);
      expect(workItemNamesClient(a, caseFacts())).toBe(false);
    }
  });
});
