import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { RegistrationEndReason } from '../../../domain/persons.js';
import type { DbOrTx } from '../../db/client.js';
import { households, involvementRegistrations, matches, notifications, organisations, people, persons, users } from '../../db/schema.js';

export type Registration = typeof involvementRegistrations.$inferSelect;

/**
 * Inserts an active registration unless this professional already has one for the person; the partial unique
 * index makes that check race-free. Returns null when one existed.
 */
export async function insertRegistration(
  tx: DbOrTx,
  r: { personId: string; householdId: string; organisationId: string; userId: string; startDate: string; endDate: string },
): Promise<Registration | null> {
  const [row] = await tx
    .insert(involvementRegistrations)
    .values(r)
    .onConflictDoNothing({ target: [involvementRegistrations.personId, involvementRegistrations.userId], where: sql`ended_at IS NULL` })
    .returning();
  return row ?? null;
}

export async function findActiveRegistration(tx: DbOrTx, personId: string, userId: string): Promise<Registration | null> {
  const [row] = await tx
    .select()
    .from(involvementRegistrations)
    .where(and(eq(involvementRegistrations.personId, personId), eq(involvementRegistrations.userId, userId), isNull(involvementRegistrations.endedAt)));
  return row ?? null;
}

export async function findRegistration(db: DbOrTx, id: string): Promise<Registration | null> {
  const [row] = await db.select().from(involvementRegistrations).where(eq(involvementRegistrations.id, id));
  return row ?? null;
}

/** Active registrations of other professionals in the household: each one is a match with the new registration. */
export async function othersActiveInHousehold(tx: DbOrTx, householdId: string, exceptUserId: string, exceptId: string) {
  return tx
    .select({ id: involvementRegistrations.id, userId: involvementRegistrations.userId, personId: involvementRegistrations.personId })
    .from(involvementRegistrations)
    .where(
      and(
        eq(involvementRegistrations.householdId, householdId),
        isNull(involvementRegistrations.endedAt),
        sql`${involvementRegistrations.userId} <> ${exceptUserId}`,
        sql`${involvementRegistrations.id} <> ${exceptId}`,
      ),
    );
}

export async function insertMatches(tx: DbOrTx, rows: (typeof matches.$inferInsert)[]) {
  if (!rows.length) return [];
  return tx.insert(matches).values(rows).onConflictDoNothing().returning();
}

export async function insertNotifications(tx: DbOrTx, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await tx.insert(notifications).values(rows);
}

export async function userEmails(tx: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: users.id, email: users.email, language: users.language })
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.deactivatedAt)));
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
  const deleteAfter = new Date(now);
  deleteAfter.setUTCFullYear(deleteAfter.getUTCFullYear() + retentionYears);
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
