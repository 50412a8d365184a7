import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type pg from 'pg';
import { archiveDeletionDate, type RegistrationEndReason } from '../../../domain/persons.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { rowFromJson } from '../../db/json-rows.js';
import { households, involvementRegistrations, matches, notifications, organisations, people, persons, users } from '../../db/schema.js';

export type Registration = typeof involvementRegistrations.$inferSelect;

export async function findRegistration(db: DbOrTx, id: string): Promise<Registration | null> {
  const [row] = await db.select().from(involvementRegistrations).where(eq(involvementRegistrations.id, id));
  return row ?? null;
}

export async function insertNotifications(tx: DbOrTx, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await tx.insert(notifications).values(rows);
}

/**
 * Ends active registrations (one person's, or the given ids) for a reason; the archive keeps them for matching
 * history until `delete_after`. Returns what ended, for the access log.
 */
export async function endActiveRegistrations(
  tx: DbOrTx,
  where: { personId: string } | { ids: string[] },
  reason: RegistrationEndReason,
  now: Date,
  retentionYears: number,
) {
  const deleteAfter = archiveDeletionDate(now, retentionYears);
  const cond = 'personId' in where ? eq(involvementRegistrations.personId, where.personId) : inArray(involvementRegistrations.id, where.ids);
  if ('ids' in where && !where.ids.length) return [];
  return tx
    .update(involvementRegistrations)
    .set({ endedAt: now, endReason: reason, deleteAfter: deleteAfter.toISOString().slice(0, 10) })
    .where(and(cond, isNull(involvementRegistrations.endedAt)))
    .returning({ id: involvementRegistrations.id, personId: involvementRegistrations.personId, userId: involvementRegistrations.userId });
}

/** The actor's registrations (active first, then the archive), with the person they concern. */
export async function listRegistrationsOf(db: DbOrTx, userId: string, f: { personId?: string; activeOnly?: boolean }) {
  return db
    .select({ registration: involvementRegistrations, person: persons })
    .from(involvementRegistrations)
    .innerJoin(persons, eq(persons.id, involvementRegistrations.personId))
    .where(
      and(
        eq(involvementRegistrations.userId, userId),
        f.personId ? eq(involvementRegistrations.personId, f.personId) : undefined,
        f.activeOnly ? isNull(involvementRegistrations.endedAt) : undefined,
      ),
    )
    .orderBy(sql`${involvementRegistrations.endedAt} IS NOT NULL`, desc(involvementRegistrations.createdAt))
    .limit(500);
}

/** The contact details a match may show of a professional: name, organisation, function and direct contact. */
export async function professionalContact(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.displayName,
      email: users.email,
      organisationName: organisations.name,
      organisationPhone: organisations.phone,
      jobTitle: people.jobTitle,
      phone: people.phone,
      cardEmail: people.email,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(people, eq(people.userId, users.id))
    .where(eq(users.id, userId));
  return row ?? null;
}

export type MatchRow = typeof matches.$inferSelect;

/** Matches in which the user holds one of the two registrations. */
export async function matchesOf(db: DbOrTx, userId: string) {
  const res = await db.execute<{ id: string; mine: string; theirs: string; their_user_id: string }>(sql`
    SELECT m.id, ra.id AS mine, rb.id AS theirs, rb.user_id AS their_user_id FROM ${matches} m
      JOIN ${involvementRegistrations} ra ON ra.id = m.registration_a_id JOIN ${involvementRegistrations} rb ON rb.id = m.registration_b_id
      WHERE ra.user_id = ${userId}
    UNION ALL
    SELECT m.id, rb.id, ra.id, ra.user_id FROM ${matches} m
      JOIN ${involvementRegistrations} ra ON ra.id = m.registration_a_id JOIN ${involvementRegistrations} rb ON rb.id = m.registration_b_id
      WHERE rb.user_id = ${userId}`);
  return res.rows;
}

export async function findMatch(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ match: matches, a: involvementRegistrations })
    .from(matches)
    .innerJoin(involvementRegistrations, eq(involvementRegistrations.id, matches.registrationAId))
    .where(eq(matches.id, id));
  if (!row) return null;
  const b = await findRegistration(db, row.match.registrationBId);
  return b ? { match: row.match, a: row.a, b } : null;
}

export async function markFollowedUp(tx: DbOrTx, id: string, version: number, centralContactUserId: string, byUserId: string) {
  const [row] = await tx
    .update(matches)
    .set({ centralContactUserId, followedUpAt: new Date(), followedUpById: byUserId, version: sql`${matches.version} + 1` })
    .where(and(eq(matches.id, id), eq(matches.version, version)))
    .returning();
  return row ?? null;
}

/** Matches in the given municipalities not followed up and created before `before` (the coordinator's list). */
export async function unfollowedMatches(db: DbOrTx, municipalityIds: string[], before: Date) {
  if (!municipalityIds.length) return [];
  return db
    .select({ match: matches, municipalityId: households.municipalityId })
    .from(matches)
    .innerJoin(households, eq(households.id, matches.householdId))
    .where(and(isNull(matches.followedUpAt), inArray(households.municipalityId, municipalityIds), sql`${matches.createdAt} < ${before.toISOString()}`))
    .orderBy(matches.createdAt)
    .limit(500);
}

export async function recordInformed(tx: DbOrTx, id: string, informedAt: Date, whom: string[], how: string) {
  const [row] = await tx
    .update(involvementRegistrations)
    .set({ informedAt, informedWhom: whom, informedHow: how })
    .where(eq(involvementRegistrations.id, id))
    .returning();
  return row ?? null;
}

type PersonRow = typeof persons.$inferSelect;
export interface RegisterResult {
  status: 'ok' | 'not_found' | 'deceased';
  created: boolean;
  matches: number;
  registration: Registration;
  person: PersonRow;
}

/**
 * One round trip: the database function kp_register_involvement (migration 0013) locks the household, inserts
 * the registration or finds the existing one, records matches, notifications and outbox mail, and the access log.
 */
export async function registerInvolvement(
  db: DbOrTx,
  r: {
    personId: string;
    actor: Actor;
    start: string;
    end: string;
    meta: RequestMeta;
    mail: { subjectNl: string; textNl: string; subjectEn: string; textEn: string };
  },
  pool?: pg.Pool,
): Promise<RegisterResult> {
  const values = [
    r.personId,
    r.actor.userId,
    r.actor.organisationId,
    r.actor.role,
    r.start,
    r.end,
    r.meta.ip,
    r.meta.userAgent?.slice(0, 512) ?? null,
    r.mail.subjectNl,
    r.mail.textNl,
    r.mail.subjectEn,
    r.mail.textEn,
  ];
  // Outside a transaction the statement is prepared once per pooled connection (named); inside one it runs plainly.
  const res = pool
    ? await pool.query<{ r: Record<string, unknown> }>({
        name: 'kp_register_involvement',
        text: 'SELECT kp_register_involvement($1, $2, $3, $4, $5::date, $6::date, $7::inet, $8, $9, $10, $11, $12) AS r',
        values,
      })
    : await db.execute<{ r: Record<string, unknown> }>(
        sql`SELECT kp_register_involvement(${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )}) AS r`,
      );
  const out = res.rows[0]!.r as {
    status: RegisterResult['status'];
    created?: boolean;
    matches?: number;
    registration?: Record<string, unknown>;
    person?: Record<string, unknown>;
  };
  return {
    status: out.status,
    created: out.created ?? false,
    matches: out.matches ?? 0,
    registration: out.registration ? rowFromJson<Registration>(out.registration) : (null as never),
    person: out.person ? rowFromJson<PersonRow>(out.person) : (null as never),
  };
}

/** The municipalities an organisation serves on the sociale kaart: those of its active services. */
export async function servedMunicipalities(db: DbOrTx, organisationId: string): Promise<string[]> {
  const res = await db.execute<{ municipality_id: string }>(sql`
    SELECT DISTINCT sm.municipality_id FROM service_municipalities sm JOIN services s ON s.id = sm.service_id
    WHERE s.organisation_id = ${organisationId} AND s.active`);
  return res.rows.map((r) => r.municipality_id);
}

/** How many identity checks (registrations by a person's data) this user made in the last hour. */
export async function recentIdentityChecks(db: DbOrTx, userId: string): Promise<number> {
  const res = await db.execute<{ n: number }>(sql`
    SELECT count(DISTINCT object_id)::int AS n FROM access_log
    WHERE user_id = ${userId} AND object_type = 'identity_check' AND occurred_at > now() - interval '1 hour'`);
  return res.rows[0]?.n ?? 0;
}
