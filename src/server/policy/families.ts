/** Families, signals and involvement: who sees a person, a signal, a registration. */
import type { Actor } from '../context.js';
import { AppError, deniedError } from '../errors.js';
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
 * How much of a person record a viewer sees (ADR 015). 'full': every detail — for the hub coordinator of the
 * person's municipality, and for a care-team member whose organisation holds consent for case discussion in the
 * household's case. 'registrant': a professional whose only relation is her own involvement registration sees what
 * her own organisation recorded, plus the match; details other organisations recorded stay hidden.
 */
export type PersonDetail = 'full' | 'registrant';

/** What the database says about this viewer and this person, read in the transaction that logs the access. */
export interface PersonAccessFacts {
  municipalityId: string;
  /** An active involvement registration of the viewer in the person's household. */
  registeredByActor: boolean;
  /** The viewer is in the care team of the household's open case, and her organisation's consent covers discussing it. */
  caseContent: boolean;
}

/** The need-to-know rule for persons; null means the person is answered as if it did not exist. */
export function personAccess(actor: Actor, f: PersonAccessFacts): PersonDetail | null {
  if (actor.kind !== 'staff') return null;
  if (isCoordinatorFor(actor, f.municipalityId)) return 'full';
  if (actor.role !== 'professional') return null;
  if (f.caseContent) return 'full';
  if (f.registeredByActor) return 'registrant';
  return null;
}

/**
 * Who may see a person (see personAccess): returns the person with how much of it the actor sees; anyone else gets
 * 404 and the refusal is logged as denied.
 */
export function assertMaySeePerson<T extends PersonAccessFacts>(actor: Actor, person: T | null | undefined, id: string): T & { detail: PersonDetail } {
  const detail = person && personAccess(actor, person);
  if (!person || !detail) throw deniedError({ objectType: 'person', objectId: id });
  return { ...person, detail };
}

/** Whether the viewer sees the details of one record of a household: all of them, or those her organisation recorded. */
export function seesPersonDetails(detail: PersonDetail, record: { recordedByOwnOrganisation: boolean }): boolean {
  return detail === 'full' || record.recordedByOwnOrganisation;
}

/**
 * Editing a person record (details, birth) needs its details: a registrant may not overwrite what another
 * organisation recorded. She sees the person, so the refusal is an honest 403.
 */
export function assertMayEditPerson(detail: PersonDetail, record: { recordedByOwnOrganisation: boolean }): void {
  if (!seesPersonDetails(detail, record)) throw new AppError('forbidden');
}

/**
 * The area in which a professional may register involvement: the municipalities she works in and those her
 * organisation serves on the sociale kaart. Outside it a registration is answered as if the person did not exist.
 */
export function mayRegisterInvolvementIn(actor: Actor, municipalityId: string, servedByOrganisation: string[]): boolean {
  if (actor.kind !== 'staff' || (actor.role !== 'professional' && actor.role !== 'coordinator')) return false;
  return actor.municipalityIds.includes(municipalityId) || servedByOrganisation.includes(municipalityId);
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

/** What the viewer may do with a person's record, for the client page (the routes apply the same rules). */
export interface PersonAbilities {
  /** Correct details and record a birth (assertMayEditPerson). */
  edit: boolean;
  /** Open a case for the household: the coordinator of the municipality, or a professional registered with it — while none runs. */
  openCase: boolean;
  /** Go to the household's open case: its care team, its director and the coordinator (mayReachCase). */
  goToCase: boolean;
  /** Register or withdraw her own involvement here. */
  register: boolean;
  /** She sees the person as the municipality's coordinator, not through a registration of her own. */
  asCoordinator: boolean;
}

export function personAbilities(
  actor: Actor,
  detail: PersonDetail,
  p: PersonAccessFacts & { recordedByOwnOrganisation: boolean },
  /** The household's open case and the actor's relation to it; undefined where it was not looked up (search results). */
  activeCase?: { municipalityId: string; member: boolean; director: boolean } | null,
): PersonAbilities {
  const coordinator = isCoordinatorFor(actor, p.municipalityId);
  return {
    edit: seesPersonDetails(detail, p),
    openCase: (coordinator || p.registeredByActor) && !activeCase,
    goToCase: activeCase ? mayReachCase(actor, activeCase) : false,
    register: actor.role === 'professional',
    asCoordinator: coordinator && !p.registeredByActor,
  };
}

/**
 * Whether the actor may go to the household's open case from the client page: its care-team members and director,
 * and the coordinator of its municipality — the people the case page itself admits (`caseAccess`). Anyone else
 * learns only that a case runs, and whom to ask.
 */
export function mayReachCase(actor: Actor, c: { municipalityId: string; member: boolean; director: boolean }): boolean {
  return c.member || c.director || isCoordinatorFor(actor, c.municipalityId);
}

/** Whether the actor triages this signal (assertMayTriageSignal), and is not its own signaller. */
export function mayTriageSignal(actor: Actor, signal: { signallerId: string; municipalityId: string; toHub: boolean }): boolean {
  return signal.toHub && isCoordinatorFor(actor, signal.municipalityId) && signal.signallerId !== actor.userId;
}
