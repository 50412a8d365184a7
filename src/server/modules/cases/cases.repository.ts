import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { ConsentRecord } from '../../../domain/cases.js';
import type { DbOrTx } from '../../db/client.js';
import { rowFromJson } from '../../db/json-rows.js';
import {
  careTeamMembers,
  caseDirectors,
  caseEvents,
  cases,
  consentConfirmations,
  consents,
  emergencyAccess,
  familyPlans,
  involvementRegistrations,
  organisations,
  people,
  persons,
  userMunicipalities,
  users,
} from '../../db/schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type ConsentRow = Omit<typeof consents.$inferSelect, 'form'>;
export type DirectorRow = typeof caseDirectors.$inferSelect;
export type PlanRow = typeof familyPlans.$inferSelect;
export type EmergencyRow = typeof emergencyAccess.$inferSelect;

export interface CaseWithFacts {
  case: CaseRow;
  regionId: string;
  member: boolean;
  /** This actor's organisation's (or their personal) consent records, the latest per purpose first. */
  consents: ConsentRecord[];
  emergencyActive: boolean;
}

/**
 * The case and everything the need-to-know rule needs about this viewer, in one statement: membership, the consent
 * records that name their organisation (or them), and an active emergency grant. Read fresh on every request.
 */
export async function findCaseWithFacts(db: DbOrTx, id: string, viewer: { userId: string; organisationId: string }, forUpdate = false) {
  const lock = forUpdate ? sql`FOR UPDATE OF c` : sql``;
  const res = await db.execute<{ c: Record<string, unknown>; region_id: string; member: boolean; consents: Record<string, unknown>[]; emergency: boolean }>(sql`
    SELECT to_jsonb(c) AS c, m.region_id,
      EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = c.id AND t.user_id = ${viewer.userId} AND t.ended_at IS NULL) AS member,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('purpose', k.purpose, 'decision', k.decision, 'valid_from', k.valid_from,
               'valid_until', k.valid_until, 'recorded_at', k.recorded_at,
               'pending', k.needs_confirmation AND NOT EXISTS (SELECT 1 FROM consent_confirmations cc WHERE cc.consent_id = k.id))
             ORDER BY k.recorded_at DESC), '[]'::jsonb)
         FROM consents k WHERE k.case_id = c.id AND k.organisation_id = ${viewer.organisationId}
           AND (k.user_id IS NULL OR k.user_id = ${viewer.userId})) AS consents,
      EXISTS (SELECT 1 FROM emergency_access e WHERE e.case_id = c.id AND e.user_id = ${viewer.userId}
              AND e.granted_at <= now() AND e.expires_at > now()) AS emergency
    FROM cases c JOIN municipalities m ON m.id = c.municipality_id
    WHERE c.id = ${id} ${lock}`);
  const row = res.rows[0];
  if (!row) return null;
  return {
    case: rowFromJson<CaseRow>(row.c),
    regionId: row.region_id,
    member: row.member,
    emergencyActive: row.emergency,
    consents: row.consents.map((k) => ({
      organisationId: viewer.organisationId,
      purpose: k.purpose as ConsentRecord['purpose'],
      decision: k.decision as ConsentRecord['decision'],
      validFrom: k.valid_from as string,
      validUntil: (k.valid_until as string | null) ?? null,
      recordedAt: new Date(k.recorded_at as string),
      pending: k.pending as boolean,
    })),
  } satisfies CaseWithFacts;
}

/** A case row without the viewer's facts: for work done on the case's behalf (a meeting's adopted minutes). */
export async function caseById(db: DbOrTx, id: string, forUpdate = false) {
  const q = db.select().from(cases).where(eq(cases.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertCase(tx: DbOrTx, values: typeof cases.$inferInsert) {
  const [row] = await tx.insert(cases).values(values).returning();
  return row!;
}

export async function updateCase(tx: DbOrTx, id: string, patch: Partial<typeof cases.$inferInsert>, version?: number) {
  const where = version === undefined ? eq(cases.id, id) : and(eq(cases.id, id), eq(cases.version, version));
  const [row] = await tx
    .update(cases)
    .set({ ...patch, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning();
  return row ?? null;
}

export async function activeCaseOfHousehold(db: DbOrTx, householdId: string) {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.householdId, householdId), sql`${cases.phase} <> 'afgesloten'`))
    .limit(1);
  return row ?? null;
}

/** Appends to the timeline. clock_timestamp(), not now(): several events of one transaction keep their order. */
export async function addEvent(tx: DbOrTx, caseId: string, kind: string, actorId: string | null, data: Record<string, unknown> = {}) {
  await tx.insert(caseEvents).values({ caseId, kind, actorId, data, at: sql`clock_timestamp()` });
}

/** The timeline, newest first, optionally by kind and before a moment (paging). */
export async function timeline(db: DbOrTx, caseId: string, f: { kinds?: string[]; before?: Date; limit: number }) {
  return db
    .select({ event: caseEvents, actorName: users.displayName })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorId))
    .where(
      and(eq(caseEvents.caseId, caseId), f.kinds?.length ? inArray(caseEvents.kind, f.kinds) : undefined, f.before ? lt(caseEvents.at, f.before) : undefined),
    )
    .orderBy(desc(caseEvents.at), desc(caseEvents.id))
    .limit(f.limit);
}

// ─── Care team ───────────────────────────────────────────────────────────────────────────────────────────────

export async function careTeam(db: DbOrTx, caseId: string) {
  return (
    db
      .select({
        member: careTeamMembers,
        name: sql<string>`coalesce(${users.displayName}, ${people.name})`,
        email: sql<string>`coalesce(${users.email}, ${people.email}, '')`,
        organisationName: organisations.name,
        organisationType: organisations.type,
        jobTitle: people.jobTitle,
        phone: people.phone,
      })
      .from(careTeamMembers)
      .leftJoin(users, eq(users.id, careTeamMembers.userId))
      .innerJoin(organisations, eq(organisations.id, careTeamMembers.organisationId))
      // A member without an account yet is known by her smoelenboek card.
      .leftJoin(
        people,
        sql`${people.id} = ${careTeamMembers.personId} OR (${careTeamMembers.personId} IS NULL AND ${people.userId} = ${careTeamMembers.userId})`,
      )
      .where(and(eq(careTeamMembers.caseId, caseId), isNull(careTeamMembers.endedAt)))
      .orderBy(asc(careTeamMembers.since))
  );
}
export type CareTeamRow = Awaited<ReturnType<typeof careTeam>>[number];

export async function addMember(tx: DbOrTx, values: typeof careTeamMembers.$inferInsert) {
  const [row] = await tx.insert(careTeamMembers).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function endMember(tx: DbOrTx, caseId: string, userId: string) {
  const rows = await tx
    .update(careTeamMembers)
    .set({ endedAt: new Date() })
    .where(and(eq(careTeamMembers.caseId, caseId), eq(careTeamMembers.userId, userId), isNull(careTeamMembers.endedAt)))
    .returning();
  return rows[0] ?? null;
}

/** An active smoelenboek card of an active organisation, with the account linked to it (if any). */
export async function activeCard(db: DbOrTx, personId: string) {
  const [row] = await db
    .select({ id: people.id, name: people.name, email: people.email, organisationId: people.organisationId, userId: people.userId })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(people.id, personId), eq(people.active, true), eq(organisations.active, true)));
  return row ?? null;
}

/** Active staff users (professionals and coordinators) with their organisation: who can join a care team. */
export async function staffUser(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.displayName, organisationId: users.organisationId, role: users.role, kind: users.kind })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
  return row && row.kind === 'staff' && (row.role === 'professional' || row.role === 'coordinator') && row.organisationId ? row : null;
}

/** Professionals with an active involvement registration in the household who are not yet in the care team. */
export async function involvedNotInTeam(db: DbOrTx, caseId: string, householdId: string) {
  return db
    .selectDistinctOn([involvementRegistrations.userId], {
      userId: involvementRegistrations.userId,
      name: users.displayName,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(involvementRegistrations)
    .innerJoin(users, eq(users.id, involvementRegistrations.userId))
    .innerJoin(organisations, eq(organisations.id, involvementRegistrations.organisationId))
    .where(
      and(
        eq(involvementRegistrations.householdId, householdId),
        isNull(involvementRegistrations.endedAt),
        isNull(users.deactivatedAt),
        sql`NOT EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = ${caseId} AND t.user_id = ${involvementRegistrations.userId} AND t.ended_at IS NULL)`,
      ),
    );
}

/**
 * Professionals and coordinators working in the municipality whose name matches: candidates for a care team (not
 * yet in it, when a case is given) or a meeting (chair, invitees).
 */
export async function staffByName(db: DbOrTx, municipalityId: string, q: string, notInTeamOf?: string) {
  return db
    .select({ userId: users.id, name: users.displayName, organisationId: organisations.id, organisationName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(userMunicipalities, and(eq(userMunicipalities.userId, users.id), eq(userMunicipalities.municipalityId, municipalityId)))
    .where(
      and(
        isNull(users.deactivatedAt),
        inArray(users.role, ['professional', 'coordinator']),
        sql`${users.displayName} ILIKE ${`%${q.replace(/[\\%_]/g, '\\$&')}%`}`,
        notInTeamOf
          ? sql`NOT EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = ${notInTeamOf} AND t.user_id = ${users.id} AND t.ended_at IS NULL)`
          : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(20);
}

export async function hasActiveRegistration(db: DbOrTx, householdId: string, userId: string) {
  const [row] = await db
    .select({ id: involvementRegistrations.id })
    .from(involvementRegistrations)
    .where(and(eq(involvementRegistrations.householdId, householdId), eq(involvementRegistrations.userId, userId), isNull(involvementRegistrations.endedAt)))
    .limit(1);
  return Boolean(row);
}

// ─── Consent ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A record that needs confirmation and has none yet: it does not count (domain consentState). */
const consentPending = sql<boolean>`(${consents.needsConfirmation} AND NOT EXISTS (SELECT 1 FROM consent_confirmations cc WHERE cc.consent_id = ${consents.id}))`;

/** Every consent column but the uploaded form, which is only read when someone downloads it. */
const consentColumns = {
  id: consents.id,
  caseId: consents.caseId,
  givenByPersonId: consents.givenByPersonId,
  organisationId: consents.organisationId,
  userId: consents.userId,
  purpose: consents.purpose,
  purposeDetail: consents.purposeDetail,
  decision: consents.decision,
  validFrom: consents.validFrom,
  validUntil: consents.validUntil,
  how: consents.how,
  formName: consents.formName,
  formType: consents.formType,
  note: consents.note,
  recordedById: consents.recordedById,
  recordedAt: consents.recordedAt,
  needsConfirmation: consents.needsConfirmation,
  pending: consentPending,
};

export async function consentsOf(db: DbOrTx, caseId: string) {
  return db
    .select({ consent: consentColumns, organisationName: organisations.name, userName: users.displayName })
    .from(consents)
    .innerJoin(organisations, eq(organisations.id, consents.organisationId))
    .leftJoin(users, eq(users.id, consents.userId))
    .where(eq(consents.caseId, caseId))
    .orderBy(desc(consents.recordedAt));
}
export type ConsentListRow = Awaited<ReturnType<typeof consentsOf>>[number];

/**
 * Organisations a consent can name: the care team's (always), and by name any active organisation of the region or
 * with a service for the municipality. The team's come first.
 */
export async function consentOrganisations(db: DbOrTx, c: { caseId: string; regionId: string; municipalityId: string }, q?: string) {
  const match = q
    ? sql`(o.region_id = ${c.regionId} OR EXISTS (SELECT 1 FROM services s JOIN service_municipalities sm ON sm.service_id = s.id
            WHERE s.organisation_id = o.id AND s.active AND sm.municipality_id = ${c.municipalityId}))
          AND o.name ILIKE ${`%${q.replace(/[\\%_]/g, '\\$&')}%`}`
    : sql`false`;
  const res = await db.execute<{ id: string; name: string; in_care_team: boolean }>(sql`
    SELECT o.id, o.name,
      EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = ${c.caseId} AND t.organisation_id = o.id AND t.ended_at IS NULL) AS in_care_team
    FROM organisations o
    WHERE o.active AND (EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = ${c.caseId} AND t.organisation_id = o.id AND t.ended_at IS NULL)
      OR (${match}))
    ORDER BY 3 DESC, lower(o.name)
    LIMIT 30`);
  return res.rows.map((r) => ({ id: r.id, name: r.name, inCareTeam: r.in_care_team }));
}

/** One organisation consent may name in this case (the rule of consentOrganisations), or null. */
export async function nameableOrganisation(db: DbOrTx, organisationId: string, c: { regionId: string; municipalityId: string }) {
  const res = await db.execute<{ id: string; name: string }>(sql`
    SELECT o.id, o.name FROM organisations o
    WHERE o.id = ${organisationId} AND o.active
      AND (o.region_id = ${c.regionId} OR EXISTS (SELECT 1 FROM services s JOIN service_municipalities sm ON sm.service_id = s.id
            WHERE s.organisation_id = o.id AND s.active AND sm.municipality_id = ${c.municipalityId}))`);
  return res.rows[0] ?? null;
}

export async function insertConsents(tx: DbOrTx, rows: (typeof consents.$inferInsert)[]) {
  return tx.insert(consents).values(rows).returning(consentColumns);
}

export async function findConsent(db: DbOrTx, caseId: string, id: string) {
  const [row] = await db
    .select()
    .from(consents)
    .where(and(eq(consents.caseId, caseId), eq(consents.id, id)));
  return row ?? null;
}

/** Whether an organisation holds a valid consent for case discussion now (latest organisation-wide record decides). */
export async function organisationConsents(db: DbOrTx, caseId: string, organisationId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .select({
      purpose: consents.purpose,
      decision: consents.decision,
      validFrom: consents.validFrom,
      validUntil: consents.validUntil,
      recordedAt: consents.recordedAt,
      pending: consentPending,
    })
    .from(consents)
    .where(and(eq(consents.caseId, caseId), eq(consents.organisationId, organisationId), isNull(consents.userId)));
  return rows.map((r) => ({ ...r, organisationId }));
}

// ─── Regie ───────────────────────────────────────────────────────────────────────────────────────────────────

export async function directorsOf(db: DbOrTx, caseId: string) {
  return db
    .select({ director: caseDirectors, name: users.displayName })
    .from(caseDirectors)
    .innerJoin(users, eq(users.id, caseDirectors.userId))
    .where(eq(caseDirectors.caseId, caseId))
    .orderBy(desc(caseDirectors.proposedAt));
}
export type DirectorListRow = Awaited<ReturnType<typeof directorsOf>>[number];

export async function insertDirector(tx: DbOrTx, values: typeof caseDirectors.$inferInsert) {
  const [row] = await tx.insert(caseDirectors).values(values).returning();
  return row!;
}

export async function findDirector(db: DbOrTx, caseId: string, id: string) {
  const [row] = await db
    .select()
    .from(caseDirectors)
    .where(and(eq(caseDirectors.caseId, caseId), eq(caseDirectors.id, id)));
  return row ?? null;
}

export async function setDirectorStatus(tx: DbOrTx, id: string, from: string, patch: Partial<typeof caseDirectors.$inferInsert>) {
  const [row] = await tx
    .update(caseDirectors)
    .set(patch)
    .where(and(eq(caseDirectors.id, id), eq(caseDirectors.status, from)))
    .returning();
  return row ?? null;
}

export async function endCurrentDirector(tx: DbOrTx, caseId: string, kind: 'case' | 'process', at: Date) {
  const rows = await tx
    .update(caseDirectors)
    .set({ status: 'ended', endedAt: at })
    .where(and(eq(caseDirectors.caseId, caseId), eq(caseDirectors.kind, kind), eq(caseDirectors.status, 'current')))
    .returning();
  return rows[0] ?? null;
}

export async function currentDirector(db: DbOrTx, caseId: string, kind: 'case' | 'process') {
  const [row] = await db
    .select()
    .from(caseDirectors)
    .where(and(eq(caseDirectors.caseId, caseId), eq(caseDirectors.kind, kind), eq(caseDirectors.status, 'current')));
  return row ?? null;
}

// ─── Emergency access ────────────────────────────────────────────────────────────────────────────────────────

export async function insertEmergency(tx: DbOrTx, values: typeof emergencyAccess.$inferInsert) {
  const [row] = await tx.insert(emergencyAccess).values(values).returning();
  return row!;
}

export async function emergencyOf(db: DbOrTx, caseId: string) {
  return db
    .select({ grant: emergencyAccess, name: users.displayName, organisationName: organisations.name })
    .from(emergencyAccess)
    .innerJoin(users, eq(users.id, emergencyAccess.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(emergencyAccess.caseId, caseId))
    .orderBy(desc(emergencyAccess.grantedAt));
}

export async function reviewEmergency(tx: DbOrTx, caseId: string, id: string, patch: Partial<typeof emergencyAccess.$inferInsert>) {
  const [row] = await tx
    .update(emergencyAccess)
    .set(patch)
    .where(and(eq(emergencyAccess.caseId, caseId), eq(emergencyAccess.id, id), isNull(emergencyAccess.review)))
    .returning();
  return row ?? null;
}

// ─── Family plan ─────────────────────────────────────────────────────────────────────────────────────────────

export async function planVersions(db: DbOrTx, caseId: string) {
  return db.select().from(familyPlans).where(eq(familyPlans.caseId, caseId)).orderBy(desc(familyPlans.number));
}

export async function findPlan(db: DbOrTx, caseId: string, number: number) {
  const [row] = await db
    .select()
    .from(familyPlans)
    .where(and(eq(familyPlans.caseId, caseId), eq(familyPlans.number, number)));
  return row ?? null;
}

export async function insertPlan(tx: DbOrTx, values: typeof familyPlans.$inferInsert) {
  const [row] = await tx.insert(familyPlans).values(values).returning();
  return row!;
}

export async function updateDraft(tx: DbOrTx, id: string, version: number, patch: Partial<typeof familyPlans.$inferInsert>) {
  const [row] = await tx
    .update(familyPlans)
    .set({ ...patch, version: sql`${familyPlans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(familyPlans.id, id), eq(familyPlans.version, version), eq(familyPlans.status, 'draft')))
    .returning();
  return row ?? null;
}

export async function householdOf(db: DbOrTx, householdId: string) {
  return db
    .select({ id: persons.id, givenName: persons.givenName, familyName: persons.familyName, role: persons.householdRole, dateOfBirth: persons.dateOfBirth })
    .from(persons)
    .where(and(eq(persons.householdId, householdId), isNull(persons.mergedIntoId)))
    .orderBy(asc(persons.createdAt));
}

export { consentPending };

export async function insertConsentConfirmation(tx: DbOrTx, consentId: string, userId: string) {
  await tx.insert(consentConfirmations).values({ consentId, confirmedById: userId }).onConflictDoNothing();
}

export async function consentConfirmed(db: DbOrTx, consentId: string): Promise<boolean> {
  const [row] = await db.select({ id: consentConfirmations.consentId }).from(consentConfirmations).where(eq(consentConfirmations.consentId, consentId));
  return Boolean(row);
}
