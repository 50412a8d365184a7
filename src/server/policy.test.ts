import { describe, expect, it } from 'vitest';
import type { Actor } from './context.js';
import type { AppError } from './errors.js';
import { assertInAdminScope, assertNotSelf, mustUseSecondFactor, requireActor, requireAdmin, requireSession } from './policy.js';

const actor = (o: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  kind: 'staff',
  role: 'admin',
  organisationId: 'o1',
  municipalityIds: ['m1'],
  regionIds: ['r1'],
  isDemo: false,
  directoryEditor: false,
  mfaSatisfied: true,
  ...o,
});
const code = (f: () => unknown) => {
  try {
    f();
    return 'allowed';
  } catch (e) {
    return (e as AppError).code;
  }
};

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
});
