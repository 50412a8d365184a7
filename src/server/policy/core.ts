/** Sessions, second factor, administration scope and staff: the rules every other area builds on. */
import { type Role, roleRequires2fa } from '../../domain/roles.js';
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';

/** Whether this user must pass a second factor; demo accounts may skip it in demo mode only. */
export function mustUseSecondFactor(user: { role: Role | null; isDemo: boolean }, demoMode: boolean): boolean {
  if (!user.role || !roleRequires2fa(user.role)) return false;
  return !(demoMode && user.isDemo);
}

/** Signed in with a session whose second factor (if required) is done. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!actor.mfaSatisfied) throw new AppError('mfa_required');
  return actor;
}

/** Signed in, possibly still between password and second factor (enrolment and verification routes). */
export function requireSession(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

/** Functional administration (organisations, municipalities, users, access log) is for admins only. */
export function requireAdmin(actor: Actor | null): Actor {
  const a = requireActor(actor);
  // 404 like everything a caller may not see: non-admins learn nothing about the admin area's content or routes.
  // Administration is staff work: a client account never administers, whatever its role column says.
  if (a.role !== 'admin' || a.kind !== 'staff') throw new AppError('not_found');
  return a;
}

/** Region scope an admin may administer; repositories filter on it. */
export function adminRegionScope(actor: Actor): string[] {
  return actor.role === 'admin' ? actor.regionIds : [];
}

/** An admin may manage a record (organisation, municipality, user) only inside their regions; otherwise 404. */
export function assertInAdminScope(actor: Actor, record: { regionId: string } | null | undefined): asserts record {
  if (!record || actor.role !== 'admin' || !actor.regionIds.includes(record.regionId)) throw new AppError('not_found');
}

/** Admins cannot deactivate, delete or change the role of their own account: no locking out the last admin by accident. */
export function assertNotSelf(actor: Actor, targetUserId: string): void {
  if (actor.userId === targetUserId) throw new AppError('cannot_change_self');
}

/** A user may only assign municipalities inside the admin's regions, to organisations inside them. */
export function assertMunicipalitiesInScope(actor: Actor, municipalities: { id: string; regionId: string }[], requested: string[]): void {
  const ok = new Set(municipalities.filter((m) => actor.regionIds.includes(m.regionId)).map((m) => m.id));
  const bad = requested.map((id, i) => ({ id, i })).filter(({ id }) => !ok.has(id));
  if (bad.length)
    throw new AppError(
      'validation_failed',
      bad.map(({ i }) => ({ path: `body.municipalityIds.${i}`, code: 'unknown_municipality' })),
    );
}

/**
 * A user is placed only in an organisation of the admin's regions. An organisation outside them is answered as
 * unknown (a validation error on the field), the same as one that does not exist.
 */
export function assertOrganisationInScope(actor: Actor, organisation: { regionId: string } | null | undefined): void {
  if (!organisation || actor.role !== 'admin' || !actor.regionIds.includes(organisation.regionId))
    throw new AppError('validation_failed', [{ path: 'body.organisationId', code: 'unknown_organisation' }]);
}

/** The sociale kaart and smoelenboek are for every signed-in staff member; client accounts never see them. */
export function requireStaff(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.kind !== 'staff') throw new AppError('not_found');
  return a;
}

/** What an admin may do with one user account in the admin area; the users page shows its buttons from it. */
export interface UserAbilities {
  /** Name, e-mail, municipalities, the editor right (the role and the organisation of the own account excepted). */
  edit: boolean;
  /** Role and organisation: never of the own account. */
  changeRole: boolean;
  deactivate: boolean;
  delete: boolean;
}

/** The abilities on one user: an admin of the user's region, on anyone but herself for what could lock her out. */
export function userAbilities(actor: Actor, user: { id: string; regionId: string }): UserAbilities {
  const inScope = actor.kind === 'staff' && actor.role === 'admin' && actor.regionIds.includes(user.regionId);
  const other = inScope && actor.userId !== user.id;
  return { edit: inScope, changeRole: other, deactivate: other, delete: other };
}
