import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DbOrTx } from '../../db/client.js';
import { rowFromJson } from '../../db/json-rows.js';
import { households, involvementRegistrations, municipalities, personRelations, persons } from '../../db/schema.js';

export type PersonRow = typeof persons.$inferSelect;
export type PersonView = PersonRow & { municipalityName: string; registeredByActor: boolean };

/** Who is looking: their active registrations and coordinator municipalities decide what they see. */
export interface Viewer {
  userId: string;
  coordinatorMunicipalityIds: string[];
}

/** True when the viewer has an active involvement registration with someone in the person's household. */
const registeredBy = (userId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${involvementRegistrations} r
    WHERE r.household_id = ${persons.householdId} AND r.user_id = ${userId} AND r.ended_at IS NULL)`;

/** The repository's own line of defence: rows outside the viewer's entitlement are never selected. */
function visibleTo(v: Viewer) {
  const coord = v.coordinatorMunicipalityIds.length ? inArray(persons.municipalityId, v.coordinatorMunicipalityIds) : undefined;
  return or(registeredBy(v.userId), coord);
}

const viewColumns = (userId: string) => ({ person: persons, municipalityName: municipalities.name, registeredByActor: registeredBy(userId) });
const flatten = (r: { person: PersonRow; municipalityName: string; registeredByActor: boolean }): PersonView => ({
  ...r.person,
  municipalityName: r.municipalityName,
  registeredByActor: r.registeredByActor,
});

export async function findVisiblePerson(db: DbOrTx, id: string, v: Viewer): Promise<PersonView | null> {
  const [row] = await db
    .select(viewColumns(v.userId))
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
  const text = `
    WITH found AS (
      SELECT p.*, m.name AS municipality_name, ${registered} AS registered_by_actor
      FROM persons p JOIN municipalities m ON m.id = p.municipality_id
      WHERE ${match} AND p.merged_into_id IS NULL AND (${registered} OR p.municipality_id = ANY($3::uuid[]))
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

/** Possible duplicates of a person without BSN: same folded family name and the same date (birth or due). */
export async function identityCandidates(db: DbOrTx, familyNameKey: string, date: string) {
  return db
    .select({
      id: persons.id,
      givenName: persons.givenName,
      familyName: persons.familyName,
      dateOfBirth: persons.dateOfBirth,
      dueDate: persons.dueDate,
      postcode: persons.postcode,
      municipalityName: municipalities.name,
    })
    .from(persons)
    .innerJoin(municipalities, eq(municipalities.id, persons.municipalityId))
    .where(and(eq(persons.familyNameKey, familyNameKey), or(eq(persons.dateOfBirth, date), eq(persons.dueDate, date)), isNull(persons.mergedIntoId)))
    .limit(10);
}
export type IdentityCandidate = Awaited<ReturnType<typeof identityCandidates>>[number];

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

export async function householdMembers(db: DbOrTx, householdId: string) {
  return db
    .select()
    .from(persons)
    .where(and(eq(persons.householdId, householdId), isNull(persons.mergedIntoId)))
    .orderBy(asc(persons.createdAt));
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

/** Possible duplicate pairs among the live persons of the given municipalities (same folded name and date of birth). */
export async function duplicatePairs(db: DbOrTx, municipalityIds: string[]) {
  if (!municipalityIds.length) return [];
  const res = await db.execute<{ a: string; b: string }>(sql`
    SELECT a.id AS a, b.id AS b FROM ${persons} a
    JOIN ${persons} b ON b.family_name_key = a.family_name_key AND (b.created_at, b.id) > (a.created_at, a.id)
      AND (b.date_of_birth = a.date_of_birth OR b.due_date = a.due_date)
      AND b.merged_into_id IS NULL
    WHERE a.merged_into_id IS NULL
      AND a.municipality_id IN (${sql.join(
        municipalityIds.map((m) => sql`${m}::uuid`),
        sql`, `,
      )})
      AND b.municipality_id IN (${sql.join(
        municipalityIds.map((m) => sql`${m}::uuid`),
        sql`, `,
      )})
    ORDER BY a.created_at LIMIT 100`);
  return res.rows;
}
