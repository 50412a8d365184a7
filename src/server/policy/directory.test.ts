import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import {
  assertMayCreateOwnCard,
  assertMayMaintain,
  assertMayMaintainSynonyms,
  assertMaySeeService,
  canMaintainOrganisation,
  canMaintainPersonCard,
  mayImportOverOrganisation,
  organisationAbilities,
  personCardAbilities,
  seesFullDirectory,
  synonymAbilities,
} from './directory.js';

const org = { id: 'o1', regionId: 'r1' };
const otherOrg = { id: 'o2', regionId: 'r1' };
const farOrg = { id: 'o3', regionId: 'r2' };

describe('who maintains the directory', () => {
  it('an admin maintains every organisation of her regions, not of other regions', () => {
    const admin = actor({ role: 'admin' });
    expect(canMaintainOrganisation(admin, otherOrg)).toBe(true);
    expect(canMaintainOrganisation(admin, farOrg)).toBe(false);
  });

  it('an editor maintains her own organisation only; without the right nobody else does', () => {
    const editor = actor({ directoryEditor: true });
    expect(canMaintainOrganisation(editor, org)).toBe(true);
    expect(canMaintainOrganisation(editor, otherOrg)).toBe(false);
    expect(canMaintainOrganisation(actor(), org)).toBe(false);
    for (const role of ['coordinator', 'policy'] as const) expect(canMaintainOrganisation(actor({ role }), org)).toBe(false);
  });

  it('a professional maintains her own card; a colleague’s card only with the editor right', () => {
    expect(canMaintainPersonCard(actor(), { userId: 'u1' }, org)).toBe(true);
    expect(canMaintainPersonCard(actor(), { userId: 'u2' }, org)).toBe(false);
    expect(canMaintainPersonCard(actor(), { userId: null }, org)).toBe(false);
    expect(canMaintainPersonCard(actor({ directoryEditor: true }), { userId: 'u2' }, org)).toBe(true);
    expect(canMaintainPersonCard(actor({ directoryEditor: true }), { userId: 'u2' }, otherOrg)).toBe(false);
  });

  it('refusing an edit is 403: the record is visible to all staff', () => {
    expect(outcome(() => assertMayMaintain(true))).toBe('allowed');
    expect(outcome(() => assertMayMaintain(false))).toBe('forbidden');
  });

  it('abilities follow the same rules, and are all false without a signed-in staff member', () => {
    expect(organisationAbilities(actor({ directoryEditor: true }), org)).toEqual({ maintain: true });
    expect(organisationAbilities(actor({ directoryEditor: true }), otherOrg)).toEqual({ maintain: false });
    expect(organisationAbilities(null, org)).toEqual({ maintain: false });
    expect(organisationAbilities(actor({ directoryEditor: true, kind: 'client' }), org)).toEqual({ maintain: false });
    expect(personCardAbilities(actor(), { userId: 'u1' }, otherOrg)).toEqual({ maintain: true });
    expect(personCardAbilities(actor(), { userId: 'u2' }, org)).toEqual({ maintain: false });
    expect(personCardAbilities(null, { userId: 'u1' }, org)).toEqual({ maintain: false });
  });
});

describe('who sees what of the directory', () => {
  it('signed-in staff past the second factor see everything; the public, clients and half-signed-in sessions not', () => {
    expect(seesFullDirectory(actor())).toBe(true);
    expect(seesFullDirectory(null)).toBe(false);
    expect(seesFullDirectory(actor({ kind: 'client' }))).toBe(false);
    expect(seesFullDirectory(actor({ mfaSatisfied: false }))).toBe(false);
  });

  it('a service page without signing in only for public services (404 otherwise)', () => {
    expect(outcome(() => assertMaySeeService(null, { isPublic: true }))).toBe('allowed');
    expect(outcome(() => assertMaySeeService(null, { isPublic: false }))).toBe('not_found');
    expect(outcome(() => assertMaySeeService(actor(), { isPublic: false }))).toBe('allowed');
  });

  it('one’s own card only in one’s own organisation', () => {
    expect(outcome(() => assertMayCreateOwnCard(actor(), org))).toBe('allowed');
    expect(outcome(() => assertMayCreateOwnCard(actor(), otherOrg))).toBe('not_found');
    expect(outcome(() => assertMayCreateOwnCard(actor({ kind: 'client' }), org))).toBe('not_found');
  });

  it('an import replaces an organisation only for an admin of its region, or from the operator’s CLI', () => {
    expect(mayImportOverOrganisation(actor({ role: 'admin' }), org)).toBe(true);
    expect(mayImportOverOrganisation(actor({ role: 'admin' }), farOrg)).toBe(false);
    expect(mayImportOverOrganisation(actor({ directoryEditor: true }), org)).toBe(false);
    expect(mayImportOverOrganisation(null, farOrg)).toBe(true);
  });
});

describe('who maintains the synonym list of the search', () => {
  it('functional admins of any region do; the answer for everyone else is 404', () => {
    expect(outcome(() => assertMayMaintainSynonyms(actor({ role: 'admin' })))).toBe('allowed');
    expect(outcome(() => assertMayMaintainSynonyms(actor({ role: 'admin', regionIds: ['r2'] })))).toBe('allowed');
    for (const role of ['professional', 'coordinator', 'policy'] as const)
      expect(outcome(() => assertMayMaintainSynonyms(actor({ role, directoryEditor: true })))).toBe('not_found');
    expect(outcome(() => assertMayMaintainSynonyms(actor({ role: 'admin', kind: 'client' })))).toBe('not_found');
    expect(outcome(() => assertMayMaintainSynonyms(actor({ role: 'admin', mfaSatisfied: false })))).toBe('mfa_required');
    expect(outcome(() => assertMayMaintainSynonyms(null))).toBe('unauthenticated');
  });

  it('abilities follow the same rule', () => {
    expect(synonymAbilities(actor({ role: 'admin' }))).toEqual({ maintain: true });
    expect(synonymAbilities(actor({ directoryEditor: true }))).toEqual({ maintain: false });
    expect(synonymAbilities(null)).toEqual({ maintain: false });
  });
});
