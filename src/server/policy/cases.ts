/** Cases: the need-to-know rule, emergency access and who directs a case. */
import type { Actor } from '../context.js';
import { AppError, deniedError } from '../errors.js';
import { isCoordinatorFor } from './families.js';

/**
 * How much of a case someone sees. 'content': everything. 'plan': the case's existence, its director and the family
 * plan (consent for sharing the plan only). 'existence': that the case exists and whom to call (the director).
 */
export type CaseAccessLevel = 'content' | 'plan' | 'existence';
export type CaseAccessBasis = 'coordinator' | 'care_team' | 'emergency';
export interface CaseAccess {
  level: CaseAccessLevel;
  basis: CaseAccessBasis;
}

/** What the database says about this actor and this case; computed fresh on every request (withdrawal is immediate). */
export interface CaseAccessFacts {
  municipalityId: string;
  regionId: string;
  member: boolean;
  consentCaseDiscussion: boolean;
  consentSharePlan: boolean;
  emergencyActive: boolean;
}

/**
 * The need-to-know rule. The municipality's hub coordinator sees the whole case. A care-team member sees content
 * only while their organisation (or they personally) hold valid consent for case discussion; with consent for
 * sharing the plan only, the plan; without consent, the case's existence and the director's contact. Emergency
 * access (break the glass — for professionals of the municipality, and admins of its region) is the one override.
 * Everyone else: null, which callers answer with 404.
 */
export function caseAccess(actor: Actor, f: CaseAccessFacts): CaseAccess | null {
  if (isCoordinatorFor(actor, f.municipalityId)) return { level: 'content', basis: 'coordinator' };
  if (f.emergencyActive && mayBreakGlass(actor, f)) return { level: 'content', basis: 'emergency' };
  if (f.member && actor.kind === 'staff') {
    if (f.consentCaseDiscussion) return { level: 'content', basis: 'care_team' };
    return { level: f.consentSharePlan ? 'plan' : 'existence', basis: 'care_team' };
  }
  return null;
}

/** See caseAccess; a case the actor may not see is 404 and the refusal is logged as denied. */
export function assertCaseAccess(actor: Actor, f: CaseAccessFacts | null, id: string): CaseAccess {
  const access = f && caseAccess(actor, f);
  if (!access) throw deniedError({ objectType: 'case', objectId: id });
  return access;
}

/** Content needs consent (or the coordinator role, or emergency access); a member without it is told so, honestly. */
export function assertCaseContent(access: CaseAccess, needed: 'content' | 'plan' = 'content'): void {
  if (access.level === 'content') return;
  if (needed === 'plan' && access.level === 'plan') return;
  throw new AppError('consent_missing');
}

/**
 * Who may break the glass: a professional working in the case's municipality, or an admin of its region (the
 * "admin with a logged reason"). A coordinator of another municipality or a professional elsewhere may not.
 */
export function mayBreakGlass(actor: Actor, f: { municipalityId: string; regionId: string }): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'admin') return actor.regionIds.includes(f.regionId);
  return actor.role === 'professional' && actor.municipalityIds.includes(f.municipalityId);
}

/** The care team and regie are managed by the hub coordinator and the current case director. */
export function assertMayDirectCase(actor: Actor, f: { municipalityId: string; directorId: string | null }): void {
  if (!(isCoordinatorFor(actor, f.municipalityId) || f.directorId === actor.userId)) throw new AppError('forbidden');
}

/** Reviewing emergency access afterwards is the coordinator's task. */
export function assertMayReviewEmergency(actor: Actor, f: { municipalityId: string }): void {
  if (!isCoordinatorFor(actor, f.municipalityId)) throw new AppError('not_found');
}

/** Recording or withdrawing consent is for the care team and the municipality's coordinator; others see no case. */
export function assertMayRecordConsent(actor: Actor, f: { member: boolean; municipalityId: string }): void {
  if (!(f.member || isCoordinatorFor(actor, f.municipalityId))) throw new AppError('forbidden');
}

/**
 * Nobody grants themselves consent (ADR 015): a given consent naming the recorder's own organisation counts once
 * someone else confirms it — the case director or the municipality's coordinator, never the recorder, and never a
 * colleague of the organisation that would gain access by it (the coordinator's access does not rest on consent).
 */
export function mayConfirmConsent(
  actor: Actor,
  f: { municipalityId: string; directorId: string | null },
  record: { recordedById: string; organisationId: string },
): boolean {
  const coordinator = isCoordinatorFor(actor, f.municipalityId);
  if (!(coordinator || f.directorId === actor.userId)) return false;
  if (record.recordedById === actor.userId) return false;
  return coordinator || record.organisationId !== actor.organisationId;
}

/** See mayConfirmConsent; the case is visible to the caller, so a refusal is an honest 403. */
export function assertMayConfirmConsent(
  actor: Actor,
  f: { municipalityId: string; directorId: string | null },
  record: { recordedById: string; organisationId: string },
): void {
  if (!mayConfirmConsent(actor, f, record)) throw new AppError('forbidden');
}

/** Whether the actor may confirm consents in this case at all (an ability the case page shows). */
export function mayConfirmConsents(actor: Actor, f: { municipalityId: string; directorId: string | null }): boolean {
  return isCoordinatorFor(actor, f.municipalityId) || f.directorId === actor.userId;
}

/** What this actor may do with this case: computed here so that the web app never re-derives it from a role. */
export interface CaseAbilities {
  /** Manage the care team and regie, edit and adopt the family plan. */
  direct: boolean;
  refer: boolean;
  recordConsent: boolean;
  confirmConsent: boolean;
  reviewEmergency: boolean;
  nameProcessDirector: boolean;
}

export function caseAbilities(
  actor: Actor,
  f: { municipalityId: string; directorId: string | null; member: boolean; open: boolean },
  access: CaseAccess,
): CaseAbilities {
  const coordinator = isCoordinatorFor(actor, f.municipalityId);
  const direct = f.open && (coordinator || f.directorId === actor.userId);
  return {
    direct,
    refer: f.open && access.level === 'content' && (f.member || f.directorId === actor.userId),
    recordConsent: f.open && (f.member || coordinator),
    confirmConsent: f.open && mayConfirmConsents(actor, f),
    reviewEmergency: coordinator,
    nameProcessDirector: f.open && coordinator,
  };
}

/**
 * Why an action is not offered, so that the web app can say so instead of silently leaving a button out:
 * `case_closed` (a closed case is read-only), `not_director` (the case director's or the coordinator's task),
 * `no_consent` (the viewer's organisation holds no valid consent for case discussion), `not_in_care_team`,
 * `coordinator_only` (the hub coordinator's task, such as naming a process director or reopening).
 */
export const CASE_DENIAL_REASONS = ['case_closed', 'not_director', 'no_consent', 'not_in_care_team', 'coordinator_only'] as const;
export type CaseDenialReason = (typeof CASE_DENIAL_REASONS)[number];
export type CaseAction = keyof Omit<CaseAbilities, 'reviewEmergency'> | 'changePhase' | 'addNote';
export type CaseAbilityReasons = Partial<Record<CaseAction, CaseDenialReason>>;

/**
 * The reason for every action caseAbilities (or the phase machine, or the note rule) refuses this actor; an action
 * that is allowed has no entry. The same facts as caseAbilities, so the two never disagree.
 */
export function caseAbilityReasons(
  actor: Actor,
  f: { municipalityId: string; directorId: string | null; member: boolean; open: boolean },
  access: CaseAccess,
): CaseAbilityReasons {
  const coordinator = isCoordinatorFor(actor, f.municipalityId);
  const directs = coordinator || f.directorId === actor.userId;
  const a = caseAbilities(actor, f, access);
  const out: CaseAbilityReasons = {};
  const closedOr = (r: CaseDenialReason) => (f.open ? r : 'case_closed');
  if (!a.direct) out.direct = closedOr('not_director');
  if (!a.confirmConsent) out.confirmConsent = closedOr('not_director');
  if (!a.recordConsent) out.recordConsent = closedOr('not_in_care_team');
  if (!a.nameProcessDirector) out.nameProcessDirector = closedOr('coordinator_only');
  if (!a.refer) out.refer = closedOr(access.level !== 'content' ? 'no_consent' : 'not_in_care_team');
  if (!(f.open ? directs : coordinator)) out.changePhase = f.open ? 'not_director' : 'coordinator_only';
  if (!(f.open && access.level === 'content')) out.addNote = closedOr('no_consent');
  return out;
}

/** Only the municipality's coordinator names a process director (procesregie guards progress across organisations). */
export function assertMayNameProcessDirector(actor: Actor, f: { municipalityId: string }): void {
  if (!isCoordinatorFor(actor, f.municipalityId)) throw new AppError('forbidden');
}

/**
 * A regie proposal is answered by the person proposed (accept or decline); it is withdrawn by whoever proposed it
 * or by the municipality's coordinator.
 */
export function assertMayAnswerProposal(
  actor: Actor,
  f: { municipalityId: string },
  p: { userId: string; proposedById: string | null },
  answer: 'accept' | 'decline' | 'withdraw',
): void {
  const ok = answer === 'withdraw' ? p.proposedById === actor.userId || isCoordinatorFor(actor, f.municipalityId) : p.userId === actor.userId;
  if (!ok) throw new AppError('forbidden');
}

/**
 * Breaking the glass is for those mayBreakGlass allows and who have no regular access: the coordinator sees the
 * case anyway. Anyone else is answered as if the case did not exist.
 */
export function assertMayBreakGlassInto(actor: Actor, f: { municipalityId: string; regionId: string } | null, id: string): void {
  if (!f || !mayBreakGlass(actor, f) || isCoordinatorFor(actor, f.municipalityId)) throw deniedError({ objectType: 'case', objectId: id });
}
