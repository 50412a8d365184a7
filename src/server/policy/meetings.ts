/** Meeting tables and meetings: who sees a table or a meeting, who runs it, who hears which case on its agenda. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { isCoordinatorFor } from './families.js';

/** The part someone plays in a meeting; `null` is no part, answered with 404. */
export type MeetingRole = 'coordinator' | 'chair' | 'invitee';

/** What the database says about a meeting for this rule: its table's municipality, its chair, whether the actor is invited. */
export interface MeetingFacts {
  municipalityId: string;
  chairId: string;
  invited: boolean;
}

/** The table a rule is about: its municipality and its standing chair. */
export interface TableFacts {
  municipalityId: string;
  chairId: string;
}

/**
 * Who takes part in a meeting: the coordinator of its table's municipality, its chair and its invitees (staff only).
 * The coordinator comes first: she hears every case of her municipality, even at a meeting she also chairs.
 */
export function meetingRole(actor: Actor, f: MeetingFacts): MeetingRole | null {
  if (actor.kind !== 'staff') return null;
  if (isCoordinatorFor(actor, f.municipalityId)) return 'coordinator';
  if (f.chairId === actor.userId) return 'chair';
  return f.invited ? 'invitee' : null;
}

/** A meeting is seen by its participants only; to anyone else it does not exist (404). */
export function assertMaySeeMeeting(actor: Actor, f: MeetingFacts | null | undefined): MeetingRole {
  const role = f ? meetingRole(actor, f) : null;
  if (!role) throw new AppError('not_found');
  return role;
}

/**
 * Running a meeting — free agenda items, minutes, addenda, cancelling — is for its chair and the coordinator.
 * Invitees see the meeting, so refusing them is an honest 403.
 */
export function mayRunMeeting(role: MeetingRole | null): boolean {
  return role === 'coordinator' || role === 'chair';
}

export function assertMayRunMeeting(role: MeetingRole): void {
  if (!mayRunMeeting(role)) throw new AppError('forbidden');
}

/** Adopting the minutes is the chair's act alone, even when the coordinator wrote them (ADR 010). */
export function mayAdoptMinutes(actor: Actor, f: { chairId: string }): boolean {
  return actor.kind === 'staff' && f.chairId === actor.userId;
}

export function assertMayAdoptMinutes(actor: Actor, f: { chairId: string }): void {
  if (!mayAdoptMinutes(actor, f)) throw new AppError('forbidden');
}

/**
 * Who puts a case on an agenda: the coordinator of the case's municipality or its case director — the people who
 * decide where the family is discussed. The meeting's own participants check comes first (assertMaySeeMeeting).
 */
export function mayPutCaseOnAgenda(actor: Actor, c: { municipalityId: string; directorId: string | null }): boolean {
  return isCoordinatorFor(actor, c.municipalityId) || (c.directorId !== null && c.directorId === actor.userId);
}

export function assertMayPutCaseOnAgenda(actor: Actor, c: { municipalityId: string; directorId: string | null }): void {
  if (!mayPutCaseOnAgenda(actor, c)) throw new AppError('forbidden');
}

/**
 * Whether a participant hears an agenda item: free and anonymised items always; a case item when she coordinates
 * the case's municipality or her organisation holds valid consent for case discussion. Otherwise the item is masked.
 */
export function hearsAgendaItem(actor: Actor, item: { kind: string; municipalityId: string | null; organisationConsent: boolean }): boolean {
  if (item.kind !== 'case') return true;
  return (item.municipalityId !== null && isCoordinatorFor(actor, item.municipalityId)) || item.organisationConsent;
}

/** Writing a case item's minutes needs what hearing it needs; a participant without it is told so (403 consent_missing). */
export function assertHearsCaseItem(actor: Actor, c: { municipalityId: string; organisationConsent: boolean }): void {
  if (!hearsAgendaItem(actor, { kind: 'case', ...c })) throw new AppError('consent_missing');
}

/**
 * An anonymised consultation is linked to the real case by its owner only (someone else's item does not exist for
 * her: 404); she must then see the case's content (policy.assertCaseContent).
 */
export function assertOwnsAnonymousItem(actor: Actor, item: { kind: string; ownerId: string } | null | undefined): asserts item {
  if (!item || item.kind !== 'anonymous' || item.ownerId !== actor.userId) throw new AppError('not_found');
}

/** Meeting tables are seen by staff working in their municipality (404 elsewhere). */
export function maySeeTable(actor: Actor, t: TableFacts): boolean {
  return actor.kind === 'staff' && actor.municipalityIds.includes(t.municipalityId);
}

export function assertMaySeeTable(actor: Actor, t: TableFacts | null | undefined): asserts t {
  if (!t || !maySeeTable(actor, t)) throw new AppError('not_found');
}

/** The municipalities whose tables an actor lists; the repository scopes the list with it. */
export function tableMunicipalities(actor: Actor): string[] {
  return actor.kind === 'staff' ? actor.municipalityIds : [];
}

/** A table is managed — meetings scheduled, the parents' experience read — by its coordinator and its chair. */
export function mayManageTable(actor: Actor, t: TableFacts): boolean {
  return maySeeTable(actor, t) && (isCoordinatorFor(actor, t.municipalityId) || t.chairId === actor.userId);
}

/** Scheduling a meeting: 404 outside the table's municipality, 403 for staff there who do not manage the table. */
export function assertMayManageTable(actor: Actor, t: TableFacts | null | undefined): asserts t {
  assertMaySeeTable(actor, t);
  if (!mayManageTable(actor, t)) throw new AppError('forbidden');
}

/** A new table is set up by a coordinator of its municipality. */
export function mayCreateTable(actor: Actor, municipalityId: string): boolean {
  return actor.kind === 'staff' && isCoordinatorFor(actor, municipalityId);
}

export function assertMayCreateTable(actor: Actor, municipalityId: string): void {
  if (!mayCreateTable(actor, municipalityId)) throw new AppError('forbidden');
}

/** Looking up staff (chair, invitees) is limited to the municipalities one works in. */
export function assertMaySearchStaff(actor: Actor, municipalityId: string): void {
  if (actor.kind !== 'staff' || !actor.municipalityIds.includes(municipalityId)) throw new AppError('not_found');
}

/**
 * The double-discussion check names other tables of a family: it is for whoever may put the case on this
 * meeting's agenda — a participant of the meeting who coordinates the case's municipality or directs the case.
 */
export function assertMayCheckDoubleDiscussion(
  actor: Actor,
  meeting: MeetingFacts | null | undefined,
  c: { municipalityId: string; directorId: string | null } | null | undefined,
): void {
  if (!meeting || !meetingRole(actor, meeting) || !c || !mayPutCaseOnAgenda(actor, c)) throw new AppError('not_found');
}

/** What the caller may do with one meeting; the web app shows its buttons from these, the services enforce the same rules. */
export interface MeetingAbilities {
  /** Chair or coordinator: free items, minutes, addenda, cancelling. */
  run: boolean;
  addFreeItem: boolean;
  /** Any participant may propose a case she directs or coordinates; the case itself is checked on adding. */
  addCaseItem: boolean;
  addAnonymousItem: boolean;
  writeMinutes: boolean;
  adoptMinutes: boolean;
  addAddendum: boolean;
  cancel: boolean;
}

/** The abilities of one participant in one meeting, from the same rules the services apply. */
export function meetingAbilities(actor: Actor, f: MeetingFacts): MeetingAbilities {
  const role = meetingRole(actor, f);
  const run = mayRunMeeting(role);
  return {
    run,
    addFreeItem: run,
    addCaseItem: role !== null,
    addAnonymousItem: role !== null,
    writeMinutes: run,
    adoptMinutes: role !== null && mayAdoptMinutes(actor, f),
    addAddendum: run,
    cancel: run,
  };
}

/** What the caller may do with one meeting table. */
export interface TableAbilities {
  scheduleMeeting: boolean;
  seeExperiences: boolean;
}

export function tableAbilities(actor: Actor, t: TableFacts): TableAbilities {
  const manage = mayManageTable(actor, t);
  return { scheduleMeeting: manage, seeExperiences: manage };
}
