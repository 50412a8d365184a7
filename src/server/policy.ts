/**
 * All authorization rules of Knooppunt, in one place. Routes call these before the service; repositories
 * additionally scope their queries (two lines of defence). Whatever a caller may not see is answered with
 * `not_found`, exactly like something that does not exist.
 */
import { type Role, roleRequires2fa } from '../domain/roles.js';
import type { Actor } from './context.js';
import { AppError } from './errors.js';

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
  if (a.role !== 'admin') throw new AppError('not_found');
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

/** The sociale kaart and smoelenboek are for every signed-in staff member; client accounts never see them. */
export function requireStaff(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.kind !== 'staff') throw new AppError('not_found');
  return a;
}

/**
 * Who may maintain an organisation's directory entries (the organisation itself, its services, locations and
 * people cards): a functional admin of its region, or a holder of the editor right at that organisation.
 */
export function canMaintainOrganisation(actor: Actor, organisation: { id: string; regionId: string }): boolean {
  if (actor.role === 'admin' && actor.regionIds.includes(organisation.regionId)) return true;
  return actor.directoryEditor && actor.organisationId === organisation.id;
}

/** A professional maintains their own card; otherwise the organisation's maintainers do. */
export function canMaintainPersonCard(actor: Actor, card: { userId: string | null }, organisation: { id: string; regionId: string }): boolean {
  return (card.userId !== null && card.userId === actor.userId) || canMaintainOrganisation(actor, organisation);
}

/**
 * Directory records are visible to every staff member, so refusing an edit is an honest 403 rather than a 404:
 * hiding what the caller just read would protect nothing.
 */
export function assertMayMaintain(allowed: boolean): void {
  if (!allowed) throw new AppError('forbidden');
}

// ─── Families, signals and involvement ───────────────────────────────────────────────────────────────────────

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

// ─── Cases: need-to-know ─────────────────────────────────────────────────────────────────────────────────────

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

export function assertCaseAccess(actor: Actor, f: CaseAccessFacts | null): CaseAccess {
  const access = f && caseAccess(actor, f);
  if (!access) throw new AppError('not_found');
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

// ─── Referrals ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Which side of a referral the actor is on. The receiving organisation's care staff are the receiver; on the
 * sending side, whoever sees the case's content (care team with consent, the coordinator, emergency access).
 * Anyone else: null, answered with 404. Staff of the receiving organisation act as receiver even in their own case.
 */
export function referralSide(actor: Actor, r: { receivingOrganisationId: string }, caseAccess: CaseAccess | null): 'receiver' | 'sender' | null {
  if (actor.kind !== 'staff' || (actor.role !== 'professional' && actor.role !== 'coordinator')) return null;
  if (actor.organisationId === r.receivingOrganisationId) return 'receiver';
  if (caseAccess?.level === 'content') return 'sender';
  return null;
}

export function assertReferralSide(actor: Actor, r: { receivingOrganisationId: string } | null, caseAccess: CaseAccess | null): 'receiver' | 'sender' {
  const side = r && referralSide(actor, r, caseAccess);
  if (!side) throw new AppError('not_found');
  return side;
}

/** Referring is for the people who work with the family: the case director and care-team members with consent. */
export function assertMayRefer(actor: Actor, f: { member: boolean; directorId: string | null }, access: CaseAccess): void {
  assertCaseContent(access);
  if (!(f.member || f.directorId === actor.userId)) throw new AppError('forbidden');
}

// ─── Monitor ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Who sees the monitor of a municipality: its policy officers and hub coordinators, and admins of its region. They
 * see aggregates only, with small numbers suppressed; professionals get 404.
 */
export function assertMayMonitor(actor: Actor, m: { id: string; regionId: string } | null | undefined): asserts m {
  if (!m || actor.kind !== 'staff') throw new AppError('not_found');
  if ((actor.role === 'policy' || actor.role === 'coordinator') && actor.municipalityIds.includes(m.id)) return;
  if (actor.role === 'admin' && actor.regionIds.includes(m.regionId)) return;
  throw new AppError('not_found');
}

/**
 * Who sees a region's figures and the comparison between its municipalities: anyone who may monitor one of its
 * municipalities (policy officers and coordinators there) and the region's admins. Everything they see there is a
 * suppressed aggregate; municipalities compare themselves with their neighbours as they do in public benchmarks.
 */
export function assertMayMonitorRegion(actor: Actor, region: { id: string; municipalityIds: string[] } | null | undefined): asserts region {
  if (!region || actor.kind !== 'staff') throw new AppError('not_found');
  if (actor.role === 'admin' && actor.regionIds.includes(region.id)) return;
  if ((actor.role === 'policy' || actor.role === 'coordinator') && region.municipalityIds.some((m) => actor.municipalityIds.includes(m))) return;
  throw new AppError('not_found');
}
