import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DbOrTx } from '../../db/client.js';
import { rowFromJson } from '../../db/json-rows.js';
import { households, involvementRegistrations, municipalities, personRelations, persons, users } from '../../db/schema.js';

export type PersonRow = typeof persons.$inferSelect;
/** A person as one viewer sees it: the facts the policy needs (personAccess) travel with the row. */
export type PersonView = PersonRow & { municipalityName: string; registeredByActor: boolean; caseContent: boolean; recordedByOwnOrganisation: boolean };
/** A household member with whether the viewer's organisation recorded it (what a registrant may see of it). */
export type MemberRow = PersonRow & { recordedByOwnOrganisation: boolean };

/** Who is looking: their registrations, care-team consent, organisation and coordinator municipalities decide. */
export interface Viewer {
  userId: string;
  organisationId: string;
  coordinatorMunicipalityIds: string[];
}

/** True when the viewer has an active involvement registration with someone in the person's household. */
const registeredBy = (userId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${involvementRegistrations} r
    WHERE r.household_id = ${persons.householdId} AND r.user_id = ${userId} AND r.ended_at IS NULL)`;

/**
 * True when the viewer is in the care team of the household's open case and the latest counting consent record for
 * her organisation (or her) and case discussion is a given one in its period — the same rule as domain consentState,
 * in SQL so that it can scope queries. A record that awaits confirmation does not count (ADR 015).
 */
export const caseContentSql = (householdId: SQL, userId: string, organisationId: string) => sql<boolean>`EXISTS (
    SELECT 1 FROM cases c JOIN care_team_members t ON t.case_id = c.id AND t.user_id = ${userId} AND t.ended_at IS NULL
    WHERE c.household_id = ${householdId} AND c.phase <> 'afgesloten'
      AND coalesce((
        SELECT k.decision = 'given' AND k.valid_from <= (now() AT TIME ZONE 'Europe/Amsterdam')::date
               AND (k.valid_until IS NULL OR k.valid_until >= (now() AT TIME ZONE 'Europe/Amsterdam')::date)
        FROM consents k
        WHERE k.case_id = c.id AND k.organisation_id = ${organisationId} AND (k.user_id IS NULL OR k.user_id = ${userId})
          AND k.purpose = 'case_discussion'
          AND (NOT k.needs_confirmation OR EXISTS (SELECT 1 FROM consent_confirmations cc WHERE cc.consent_id = k.id))
        ORDER BY k.recorded_at DESC LIMIT 1), false))`;

const caseContent = (v: Viewer) => caseContentSql(sql`${persons.householdId}`, v.userId, v.organisationId);

/** True when the person record was created by someone of the viewer's organisation. */
const recordedBy = (organisationId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${users} u WHERE u.id = ${persons.createdById} AND u.organisation_id = ${organisationId})`;

/** The repository's own line of defence: rows outside the viewer's entitlement are never selected. */
function visibleTo(v: Viewer) {
  const coord = v.coordinatorMunicipalityIds.length ? inArray(persons.municipalityId, v.coordinatorMunicipalityIds) : undefined;
  return or(registeredBy(v.userId), caseContent(v), coord);
}

const viewColumns = (v: Viewer) => ({
  person: persons,
  municipalityName: municipalities.name,
  registeredByActor: registeredBy(v.userId),
  caseContent: caseContent(v),
  recordedByOwnOrganisation: recordedBy(v.organisationId),
});
const flatten = (r: {
  person: PersonRow;
  municipalityName: string;
  registeredByActor: boolean;
  caseContent: boolean;
  recordedByOwnOrganisation: boolean;
}): PersonView => ({
  ...r.person,
  municipalityName: r.municipalityName,
  registeredByActor: r.registeredByActor,
  caseContent: r.caseContent,
  recordedByOwnOrganisation: r.recordedByOwnOrganisation,
});

export async function findVisiblePerson(db: DbOrTx, id: string, v: Viewer): Promise<PersonView | null> {
  const [row] = await db
    .select(viewColumns(v))
    .from(persons)
    .innerJoin(municipalities, eq(municipalities.id, persons.municipalityId))
    .where(and(eq(persons.id, id), isNull(persons.mergedIntoId), visibleTo(v)));
  return row ? flatten(row) : null;
}

/** Any live person by id, unscoped: for identity-confirmed registration and merging, never returned as is. */
export async function findPersonById(db: DbOrTx, id: string): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), isNull(persons.mergedIntoId)));
  return row ?? null;
}

export async function findByBsnHash(db: DbOrTx, bsnHash: string): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.bsnHash, bsnHash), isNull(persons.mergedIntoId)));
  return row ?? null;
}

/** The same lookup as a statement prepared once per pooled connection: the hot path of registering by BSN. */
export async function findByBsnHashPrepared(pool: pg.Pool, bsnHash: string): Promise<PersonRow | null> {
  const res = await pool.query<{ p: Record<string, unknown> }>({
    name: 'kp_person_by_bsn',
    text: 'SELECT to_jsonb(p) AS p FROM persons p WHERE bsn_hash = $1 AND merged_into_id IS NULL',
    values: [bsnHash],
  });
  return res.rows[0] ? rowFromJson<PersonRow>(res.rows[0].p) : null;
}

/**
 * Exact search and its access-log rows in one prepared statement (one round trip, atomic): by BSN, or by folded
 * family name + date. Only persons the viewer may see; one 'search' row per person found, or one without subject.
 */
export async function searchAndLog(
  pool: pg.Pool,
  q: { bsnHash: string } | { familyNameKey: string; date: string },
  v: Viewer,
  who: { role: string; organisationId: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<PersonView[]> {
  const byBsn = 'bsnHash' in q;
  const match = byBsn ? 'p.bsn_hash = $1' : 'p.family_name_key = $1 AND (p.date_of_birth = $8::date OR p.due_date = $8::date)';
  const registered = 'EXISTS (SELECT 1 FROM involvement_registrations r WHERE r.household_id = p.household_id AND r.user_id = $2::uuid AND r.ended_at IS NULL)';
  // caseContentSql written out for a prepared statement: $2 the viewer, $5 her organisation.
  const caseContent = `EXISTS (
    SELECT 1 FROM cases c JOIN care_team_members t ON t.case_id = c.id AND t.user_id = $2::uuid AND t.ended_at IS NULL
    WHERE c.household_id = p.household_id AND c.phase <> 'afgesloten'
      AND coalesce((
        SELECT k.decision = 'given' AND k.valid_from <= (now() AT TIME ZONE 'Europe/Amsterdam')::date
               AND (k.valid_until IS NULL OR k.valid_until >= (now() AT TIME ZONE 'Europe/Amsterdam')::date)
        FROM consents k
        WHERE k.case_id = c.id AND k.organisation_id = $5::uuid AND (k.user_id IS NULL OR k.user_id = $2::uuid)
          AND k.purpose = 'case_discussion'
          AND (NOT k.needs_confirmation OR EXISTS (SELECT 1 FROM consent_confirmations cc WHERE cc.consent_id = k.id))
        ORDER BY k.recorded_at DESC LIMIT 1), false))`;
  const recorded = 'EXISTS (SELECT 1 FROM users u WHERE u.id = p.created_by_id AND u.organisation_id = $5::uuid)';
  const text = `
    WITH found AS (
      SELECT p.*, m.name AS municipality_name, ${registered} AS registered_by_actor, ${caseContent} AS case_content,
        ${recorded} AS recorded_by_own_organisation
      FROM persons p JOIN municipalities m ON m.id = p.municipality_id
      WHERE ${match} AND p.merged_into_id IS NULL AND (${registered} OR ${caseContent} OR p.municipality_id = ANY($3::uuid[]))
      ORDER BY p.family_name, p.given_name LIMIT 20
    ), logged AS (
      INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
      SELECT 'search'::access_event_type, $2::uuid, $4::role, $5::uuid, f.id, 'person', f.id::text, 'zoeken naar cliënt', $6::inet, $7::text FROM found f
      UNION ALL
      SELECT 'search'::access_event_type, $2::uuid, $4::role, $5::uuid, NULL::uuid, 'person', NULL::text, 'zoeken naar cliënt', $6::inet, $7::text WHERE NOT EXISTS (SELECT 1 FROM found)
    )
    SELECT to_jsonb(found) AS p FROM found`;
  const res = await pool.query<{ p: Record<string, unknown> }>({
    name: byBsn ? 'kp_search_bsn' : 'kp_search_name',
    text,
    values: [
      byBsn ? q.bsnHash : q.familyNameKey,
      v.userId,
      v.coordinatorMunicipalityIds,
      who.role,
      who.organisationId,
      meta.ip,
      meta.userAgent?.slice(0, 512) ?? null,
      // The date is a parameter of the name search only: an unreferenced parameter has no type.
      ...(byBsn ? [] : [q.date]),
    ],
  });
  return res.rows.map((r) => rowFromJson<PersonView>(r.p));
}

/**
 * Persons already known under this folded family name and date (birth or due), for the identity check of a
 * registration without BSN. Only what the check compares: the list never leaves the server.
 */
export async function identityCandidates(db: DbOrTx, familyNameKey: string, date: string) {
  return db
    .select({ id: persons.id, postcode: persons.postcode, address: persons.address })
    .from(persons)
    .where(and(eq(persons.familyNameKey, familyNameKey), or(eq(persons.dateOfBirth, date), eq(persons.dueDate, date)), isNull(persons.mergedIntoId)))
    .limit(50);
}

export async function municipalityExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, id));
  return Boolean(row);
}

export async function insertHousehold(tx: DbOrTx, municipalityId: string, createdById: string) {
  const [h] = await tx.insert(households).values({ municipalityId, createdById }).returning();
  return h!;
}

export async function insertPerson(tx: DbOrTx, values: typeof persons.$inferInsert): Promise<PersonRow> {
  const [p] = await tx.insert(persons).values(values).returning();
  return p!;
}

/** Serialises registrations and membership changes of one household, so concurrent registrations see each other. */
export async function lockHousehold(tx: DbOrTx, householdId: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM ${households} WHERE id = ${householdId} FOR UPDATE`);
}

/** A transaction-scoped advisory lock on an identity (BSN hash, or folded name + date): one creator at a time. */
export async function lockIdentity(tx: DbOrTx, key: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

export async function householdMembers(db: DbOrTx, householdId: string, organisationId: string): Promise<MemberRow[]> {
  const rows = await db
    .select({ person: persons, recordedByOwnOrganisation: recordedBy(organisationId) })
    .from(persons)
    .where(and(eq(persons.householdId, householdId), isNull(persons.mergedIntoId)))
    .orderBy(asc(persons.createdAt));
  return rows.map((r) => ({ ...r.person, recordedByOwnOrganisation: r.recordedByOwnOrganisation }));
}

export async function householdRelations(db: DbOrTx, personIds: string[]) {
  if (!personIds.length) return [];
  return db.select().from(personRelations).where(inArray(personRelations.fromPersonId, personIds));
}

export async function insertRelations(tx: DbOrTx, rows: (typeof personRelations.$inferInsert)[]) {
  if (rows.length) await tx.insert(personRelations).values(rows).onConflictDoNothing();
}

export async function updatePerson(tx: DbOrTx, id: string, version: number, patch: Partial<typeof persons.$inferInsert>) {
  const [p] = await tx
    .update(persons)
    .set({ ...patch, version: sql`${persons.version} + 1`, updatedAt: new Date() })
    .where(and(eq(persons.id, id), eq(persons.version, version), isNull(persons.mergedIntoId)))
    .returning();
  return p ?? null;
}

/**
 * Possible duplicate pairs among the live persons of the given municipalities: the same folded family name, the
 * same kind of person (an adult — mother, partner, carer, other — or a child, born or unborn, since the unborn child
 * becomes a child on her own record), and the same date of birth or, where a date of birth is missing on either side, the same due date. So a mother and
 * her unborn child, who share a family name and a due date, are never proposed. Given names are not compared: a
 * typo in one is a common cause of a double record, and the coordinator sees both names before merging.
 */
export async function duplicatePairs(db: DbOrTx, municipalityIds: string[]) {
  if (!municipalityIds.length) return [];
  const inMunis = sql.join(
    municipalityIds.map((m) => sql`${m}::uuid`),
    sql`, `,
  );
  const young = sql`ARRAY['unborn', 'child']::text[]`;
  const res = await db.execute<{ a: string; b: string; reason: 'same_date_of_birth' | 'same_due_date' }>(sql`
    SELECT a.id AS a, b.id AS b,
      CASE WHEN b.date_of_birth = a.date_of_birth THEN 'same_date_of_birth' ELSE 'same_due_date' END AS reason
    FROM ${persons} a
    JOIN ${persons} b ON b.family_name_key = a.family_name_key AND (b.created_at, b.id) > (a.created_at, a.id)
      AND b.merged_into_id IS NULL
      AND (b.household_role::text = ANY(${young})) = (a.household_role::text = ANY(${young}))
      AND (b.date_of_birth = a.date_of_birth
        OR ((b.date_of_birth IS NULL OR a.date_of_birth IS NULL) AND b.due_date = a.due_date))
    WHERE a.merged_into_id IS NULL
      AND a.municipality_id IN (${inMunis})
      AND b.municipality_id IN (${inMunis})
    ORDER BY a.created_at LIMIT 100`);
  return res.rows;
}

/** Which of these person records someone of the organisation created (what a registrant sees in full). */
export async function recordedByOrganisation(db: DbOrTx, personIds: string[], organisationId: string): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .innerJoin(users, eq(users.id, persons.createdById))
    .where(and(inArray(persons.id, personIds), eq(users.organisationId, organisationId)));
  return new Set(rows.map((r) => r.id));
}

/**
 * The household's open case and how the viewer relates to it: a member of its care team, or its director. What
 * she may do with that is the policy's call (`mayReachCase`).
 */
export async function householdCaseRelation(db: DbOrTx, householdId: string, userId: string) {
  const res = await db.execute<{ id: string; municipality_id: string; member: boolean; director: boolean }>(sql`
    SELECT c.id, c.municipality_id,
      EXISTS (SELECT 1 FROM care_team_members m WHERE m.case_id = c.id AND m.user_id = ${userId} AND m.ended_at IS NULL) AS member,
      c.director_id IS NOT DISTINCT FROM ${userId}::uuid AS director
    FROM cases c WHERE c.household_id = ${householdId} AND c.phase <> 'afgesloten' LIMIT 1`);
  const row = res.rows[0];
  return row ? { caseId: row.id, municipalityId: row.municipality_id, member: row.member, director: row.director } : null;
}
