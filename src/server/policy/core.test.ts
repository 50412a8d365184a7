import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import { adminRegionScope, assertMunicipalitiesInScope, assertOrganisationInScope, requireAdmin, requireStaff, userAbilities } from './core.js';

const admin = actor({ role: 'admin' });

describe('core rules', () => {
  it('the admin area is for staff admins: a client account with an admin role is not', () => {
    expect(outcome(() => requireAdmin(admin))).toBe('allowed');
    expect(outcome(() => requireAdmin(actor({ role: 'admin', kind: 'client' })))).toBe('not_found');
    expect(outcome(() => requireAdmin(null))).toBe('unauthenticated');
  });

  it('the directory is for staff; client accounts get 404', () => {
    expect(outcome(() => requireStaff(actor()))).toBe('allowed');
    expect(outcome(() => requireStaff(actor({ kind: 'client' })))).toBe('not_found');
    expect(outcome(() => requireStaff(actor({ mfaSatisfied: false })))).toBe('mfa_required');
  });

  it('an admin administers her regions; nobody else administers any', () => {
    expect(adminRegionScope(admin)).toEqual(['r1']);
    expect(adminRegionScope(actor({ role: 'coordinator' }))).toEqual([]);
  });

  it('places users only in organisations and municipalities of the admin’s regions (as unknown otherwise)', () => {
    expect(outcome(() => assertOrganisationInScope(admin, { regionId: 'r1' }))).toBe('allowed');
    expect(outcome(() => assertOrganisationInScope(admin, { regionId: 'r2' }))).toBe('validation_failed');
    expect(outcome(() => assertOrganisationInScope(admin, null))).toBe('validation_failed');
    expect(outcome(() => assertOrganisationInScope(actor({ role: 'coordinator' }), { regionId: 'r1' }))).toBe('validation_failed');
    const ms = [
      { id: 'm1', regionId: 'r1' },
      { id: 'm9', regionId: 'r2' },
    ];
    expect(outcome(() => assertMunicipalitiesInScope(admin, ms, ['m1']))).toBe('allowed');
    expect(outcome(() => assertMunicipalitiesInScope(admin, ms, ['m1', 'm9']))).toBe('validation_failed');
  });

  it('tells an admin what she may do with a user: everything with others, never lock herself out', () => {
    expect(userAbilities(admin, { id: 'u2', regionId: 'r1' })).toEqual({ edit: true, changeRole: true, deactivate: true, delete: true });
    expect(userAbilities(admin, { id: 'u1', regionId: 'r1' })).toEqual({ edit: true, changeRole: false, deactivate: false, delete: false });
    expect(userAbilities(admin, { id: 'u2', regionId: 'r2' })).toEqual({ edit: false, changeRole: false, deactivate: false, delete: false });
    expect(userAbilities(actor({ role: 'coordinator' }), { id: 'u2', regionId: 'r1' })).toEqual({
      edit: false,
      changeRole: false,
      deactivate: false,
      delete: false,
    });
  });
});
