import { describe, expect, it } from 'vitest';
import type { Actor } from './context.js';
import {
  assertInAdminScope,
  assertMayMergePersons,
  assertMaySeePerson,
  assertMaySeeSignal,
  assertMayTriageSignal,
  assertNotSelf,
  assertOwnRegistration,
  mustUseSecondFactor,
  requireActor,
  requireAdmin,
  requireCareStaff,
  requireSession,
} from './policy.js';
import { outcome, actor as policyActor } from './testing/policy-actor.js';

// These rules are mostly about administration: the default actor here is an admin.
const actor = (o: Partial<Actor> = {}): Actor => policyActor({ role: 'admin', ...o });
const code = outcome;

describe('policy', () => {
  it('requires a session, and a passed second factor for everything but enrolment', () => {
    expect(code(() => requireSession(null))).toBe('unauthenticated');
    expect(code(() => requireSession(actor({ mfaSatisfied: false })))).toBe('allowed');
    expect(code(() => requireActor(null))).toBe('unauthenticated');
    expect(code(() => requireActor(actor({ mfaSatisfied: false })))).toBe('mfa_required');
    expect(code(() => requireActor(actor()))).toBe('allowed');
  });

  it('admits only admins to the admin area', () => {
    expect(code(() => requireAdmin(actor()))).toBe('allowed');
    for (const role of ['coordinator', 'professional', 'policy'] as const) expect(code(() => requireAdmin(actor({ role })))).toBe('not_found');
    expect(code(() => requireAdmin(actor({ mfaSatisfied: false })))).toBe('mfa_required');
  });

  it('answers not_found outside the admin’s regions, for missing records and for non-admins', () => {
    expect(code(() => assertInAdminScope(actor(), { regionId: 'r1' }))).toBe('allowed');
    expect(code(() => assertInAdminScope(actor(), { regionId: 'r2' }))).toBe('not_found');
    expect(code(() => assertInAdminScope(actor(), null))).toBe('not_found');
    expect(code(() => assertInAdminScope(actor({ role: 'coordinator' }), { regionId: 'r1' }))).toBe('not_found');
  });

  it('refuses changes to the own account', () => {
    expect(code(() => assertNotSelf(actor(), 'u1'))).toBe('cannot_change_self');
    expect(code(() => assertNotSelf(actor(), 'u2'))).toBe('allowed');
  });

  it('requires 2FA for roles that see personal data; demo accounts skip it in demo mode only', () => {
    for (const role of ['admin', 'coordinator', 'professional'] as const) {
      expect(mustUseSecondFactor({ role, isDemo: false }, true)).toBe(true);
      expect(mustUseSecondFactor({ role, isDemo: true }, false)).toBe(true);
      expect(mustUseSecondFactor({ role, isDemo: true }, true)).toBe(false);
    }
    expect(mustUseSecondFactor({ role: 'policy', isDemo: false }, false)).toBe(false);
  });

  it('families are for professionals and coordinators; a person for the registered professional or the municipality’s coordinator', () => {
    for (const role of ['professional', 'coordinator'] as const) expect(code(() => requireCareStaff(actor({ role })))).toBe('allowed');
    for (const role of ['admin', 'policy'] as const) expect(code(() => requireCareStaff(actor({ role })))).toBe('not_found');
    const pro = actor({ role: 'professional' });
    const coord = actor({ role: 'coordinator', municipalityIds: ['m1'] });
    const facts = (o: { municipalityId?: string; registeredByActor?: boolean; caseContent?: boolean } = {}) => ({
      municipalityId: 'm1',
      registeredByActor: false,
      caseContent: false,
      ...o,
    });
    expect(code(() => assertMaySeePerson(pro, facts({ registeredByActor: true }), 'p1'))).toBe('allowed');
    expect(code(() => assertMaySeePerson(pro, facts(), 'p1'))).toBe('not_found');
    expect(code(() => assertMaySeePerson(coord, facts(), 'p1'))).toBe('allowed');
    expect(code(() => assertMaySeePerson(coord, facts({ municipalityId: 'm2' }), 'p1'))).toBe('not_found');
    expect(code(() => assertMaySeePerson(pro, null, 'p1'))).toBe('not_found');
    expect(code(() => assertMayMergePersons(coord, { municipalityId: 'm1' }, { municipalityId: 'm1' }))).toBe('allowed');
    expect(code(() => assertMayMergePersons(coord, { municipalityId: 'm1' }, { municipalityId: 'm2' }))).toBe('not_found');
    expect(code(() => assertMayMergePersons(pro, { municipalityId: 'm1' }, { municipalityId: 'm1' }))).toBe('not_found');
  });

  it('a signal for its signaller and, once routed to the hub, the coordinator — who alone triages it', () => {
    const signal = { signallerId: 'u9', municipalityId: 'm1', toHub: true };
    const signaller = actor({ role: 'professional', userId: 'u9' });
    const coord = actor({ role: 'coordinator' });
    expect(code(() => assertMaySeeSignal(signaller, signal))).toBe('allowed');
    expect(code(() => assertMaySeeSignal(coord, signal))).toBe('allowed');
    expect(code(() => assertMaySeeSignal(coord, { ...signal, toHub: false }))).toBe('not_found');
    expect(code(() => assertMaySeeSignal(actor({ role: 'professional' }), signal))).toBe('not_found');
    expect(code(() => assertMaySeeSignal(actor({ role: 'coordinator', municipalityIds: ['m2'] }), signal))).toBe('not_found');
    expect(code(() => assertMayTriageSignal(coord, signal))).toBe('allowed');
    expect(code(() => assertMayTriageSignal(signaller, signal))).toBe('forbidden');
    expect(code(() => assertOwnRegistration(signaller, { userId: 'u9' }))).toBe('allowed');
    expect(code(() => assertOwnRegistration(coord, { userId: 'u9' }))).toBe('not_found');
  });
});
