/** Families, signals and involvement: who sees a person, a signal, a registration. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { requireStaff } from './core.js';

/**
 * Personal data of families is for professionals and hub coordinators only. Admins administer the platform and
 * policy officers see aggregates; neither browses families (admin access with a logged reason comes with cases).
 */
export function requireCareStaff(actor: Actor | null): Actor {
  const a = requireStaff(actor);
  if (a.role !== 'professional' && a.role !== 'coordinator') throw new AppError('not_found');
  return a;
}

/** A hub coordinator of this municipality: receives its signals and sees its families. */
export function isCoordinatorFor(actor: Actor, municipalityId: string): boolean {
  return actor.role === 'coordinator' && actor.municipalityIds.includes(municipalityId);
}

/** The municipalities whose families this actor sees as coordinator; repositories scope person queries with it. */
export function coordinatorMunicipalities(actor: Actor): string[] {
  return actor.role === 'coordinator' ? actor.municipalityIds : [];
}

/**
 * Who may see a person: a professional with an active involvement registration in the person's household, or the
 * coordinator of the person's municipality (the care team joins with case coordination). Anyone else: 404.
 */
export function assertMaySeePerson(actor: Actor, person: { municipalityId: string; registeredByActor: boolean } | null | undefined): asserts person {
  if (!person || !(person.registeredByActor || isCoordinatorFor(actor, person.municipalityId))) throw new AppError('not_found');
}

/** A signal is seen by whoever recorded it and, once routed to the hub, by the coordinators of its municipality. */
export function assertMaySeeSignal(actor: Actor, signal: { signallerId: string; municipalityId: string; toHub: boolean } | null | undefined): asserts signal {
  if (!signal) throw new AppError('not_found');
  if (signal.signallerId === actor.userId) return;
  if (signal.toHub && isCoordinatorFor(actor, signal.municipalityId)) return;
  throw new AppError('not_found');
}

/** Acknowledging and deciding on a signal is the coordinator's work; the signaller sees it but gets 403. */
export function assertMayTriageSignal(actor: Actor, signal: { municipalityId: string; toHub: boolean }): void {
  if (!signal.toHub || !isCoordinatorFor(actor, signal.municipalityId)) throw new AppError('forbidden');
}

/** Two person records are merged only by a coordinator of both their municipalities. */
export function assertMayMergePersons(actor: Actor, a: { municipalityId: string }, b: { municipalityId: string }): void {
  if (!isCoordinatorFor(actor, a.municipalityId) || !isCoordinatorFor(actor, b.municipalityId)) throw new AppError('not_found');
}

/** Only the professional who registered involvement withdraws it or records that the family was informed. */
export function assertOwnRegistration(actor: Actor, registration: { userId: string } | null | undefined): asserts registration {
  if (!registration || registration.userId !== actor.userId) throw new AppError('not_found');
}
