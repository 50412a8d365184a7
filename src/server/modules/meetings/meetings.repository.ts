import { and, asc, desc, eq, inArray, isNull, max, ne, sql } from 'drizzle-orm';
import type { ConsentRecord } from '../../../domain/cases.js';
import type { DbOrTx } from '../../db/client.js';
import {
  agendaItems,
  agendaMinutes,
  cases,
  consents,
  meetingCardInvitees,
  meetingExperiences,
  meetingInvitees,
  meetings,
  meetingTableMembers,
  meetingTables,
  minutesAddenda,
  organisations,
  people,
  persons,
  users,
} from '../../db/schema.js';
import { consentPending } from '../cases/cases.repository.js';

export type TableRow = typeof meetingTables.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type ItemRow = typeof agendaItems.$inferSelect;
export type MinutesRow = typeof agendaMinutes.$inferSelect;

export async function insertTable(tx: DbOrTx, values: typeof meetingTables.$inferInsert) {
  const [row] = await tx.insert(meetingTables).values(values).returning();
  return row!;
}

export async function insertTableMembers(tx: DbOrTx, rows: (typeof meetingTableMembers.$inferInsert)[]) {
  if (rows.length) await tx.insert(meetingTableMembers).values(rows);
}

export async function findTable(db: DbOrTx, id: string) {
  const [row] = await db.select().from(meetingTables).where(eq(meetingTables.id, id));
  return row ?? null;
}

export async function tableMembers(db: DbOrTx, tableId: string) {
  return db
    .select({
      organisationId: meetingTableMembers.organisationId,
      organisationName: organisations.name,
      userId: meetingTableMembers.userId,
      userName: users.displayName,
    })
    .from(meetingTableMembers)
    .innerJoin(organisations, eq(organisations.id, meetingTableMembers.organisationId))
    .leftJoin(users, eq(users.id, meetingTableMembers.userId))
    .where(eq(meetingTableMembers.tableId, tableId));
}

/** Tables of the given municipalities, with the chair's name. */
export async function tablesIn(db: DbOrTx, municipalityIds: string[]) {
  if (!municipalityIds.length) return [];
  return db
    .select({ table: meetingTables, chairName: users.displayName })
    .from(meetingTables)
    .innerJoin(users, eq(users.id, meetingTables.chairId))
    .where(and(inArray(meetingTables.municipalityId, municipalityIds), eq(meetingTables.active, true)))
    .orderBy(asc(meetingTables.name));
}

export async function meetingsOfTable(db: DbOrTx, tableId: string) {
  return db.select().from(meetings).where(eq(meetings.tableId, tableId)).orderBy(desc(meetings.startsAt)).limit(100);
}

/** Upcoming meetings where the user is invited or chairs, for their home page. */
export async function upcomingFor(db: DbOrTx, userId: string, now: Date) {
  return db
    .selectDistinct({ meeting: meetings, tableName: meetingTables.name })
    .from(meetings)
    .innerJoin(meetingTables, eq(meetingTables.id, meetings.tableId))
    .leftJoin(meetingInvitees, and(eq(meetingInvitees.meetingId, meetings.id), eq(meetingInvitees.userId, userId)))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        sql`${meetings.endsAt} > ${now.toISOString()}::timestamptz`,
        sql`(${meetingInvitees.userId} IS NOT NULL OR ${meetings.chairId} = ${userId})`,
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(20);
}

export async function insertMeeting(tx: DbOrTx, values: typeof meetings.$inferInsert) {
  const [row] = await tx.insert(meetings).values(values).returning();
  return row!;
}

export async function findMeeting(db: DbOrTx, id: string, forUpdate = false) {
  const q = db.select().from(meetings).where(eq(meetings.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateMeeting(tx: DbOrTx, id: string, patch: Partial<typeof meetings.$inferInsert>) {
  const [row] = await tx
    .update(meetings)
    .set({ ...patch, version: sql`${meetings.version} + 1`, updatedAt: sql`now()` })
    .where(eq(meetings.id, id))
    .returning();
  return row!;
}

export async function insertInvitees(tx: DbOrTx, rows: (typeof meetingInvitees.$inferInsert)[]) {
  if (rows.length) await tx.insert(meetingInvitees).values(rows).onConflictDoNothing();
}

export async function invitees(db: DbOrTx, meetingId: string) {
  return db
    .select({
      userId: users.id,
      name: users.displayName,
      email: users.email,
      language: users.language,
      organisationId: meetingInvitees.organisationId,
      organisationName: organisations.name,
    })
    .from(meetingInvitees)
    .innerJoin(users, eq(users.id, meetingInvitees.userId))
    .innerJoin(organisations, eq(organisations.id, meetingInvitees.organisationId))
    .where(eq(meetingInvitees.meetingId, meetingId))
    .orderBy(asc(users.displayName));
}

/** Active smoelenboek cards of active organisations, with the account linked to each (if any). */
export async function activeCards(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: people.id, name: people.name, email: people.email, organisationId: people.organisationId, userId: people.userId })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(inArray(people.id, ids), eq(people.active, true), eq(organisations.active, true)));
}

export async function insertCardInvitees(tx: DbOrTx, rows: (typeof meetingCardInvitees.$inferInsert)[]) {
  if (rows.length) await tx.insert(meetingCardInvitees).values(rows).onConflictDoNothing();
}

/** Invitees without an account yet, known by their card: reached by mail only. */
export async function cardInvitees(db: DbOrTx, meetingId: string) {
  return db
    .select({
      personId: people.id,
      name: people.name,
      email: people.email,
      organisationId: meetingCardInvitees.organisationId,
      organisationName: organisations.name,
    })
    .from(meetingCardInvitees)
    .innerJoin(people, eq(people.id, meetingCardInvitees.personId))
    .innerJoin(organisations, eq(organisations.id, meetingCardInvitees.organisationId))
    .where(eq(meetingCardInvitees.meetingId, meetingId))
    .orderBy(asc(people.name));
}

export async function staffUsers(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, organisationId: users.organisationId, name: users.displayName })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.kind, 'staff'), isNull(users.deactivatedAt)));
}

export async function organisationsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: organisations.id, name: organisations.name, email: organisations.email }).from(organisations).where(inArray(organisations.id, ids));
}

// ─── Agenda ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function itemsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({
      item: agendaItems,
      clientName: sql<string | null>`concat_ws(' ', ${persons.givenName}, ${persons.familyName})`,
      clientId: cases.clientId,
      municipalityId: cases.municipalityId,
      directorId: cases.directorId,
    })
    .from(agendaItems)
    .leftJoin(cases, eq(cases.id, agendaItems.caseId))
    .leftJoin(persons, eq(persons.id, cases.clientId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
}

export async function findItem(db: DbOrTx, id: string) {
  const [row] = await db.select().from(agendaItems).where(eq(agendaItems.id, id));
  return row ?? null;
}

export async function insertItem(tx: DbOrTx, values: Omit<typeof agendaItems.$inferInsert, 'position'>) {
  const [last] = await tx
    .select({ n: max(agendaItems.position) })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, values.meetingId));
  const [row] = await tx
    .insert(agendaItems)
    .values({ ...values, position: (last?.n ?? 0) + 1 })
    .returning();
  return row!;
}

export async function updateItem(tx: DbOrTx, id: string, patch: Partial<typeof agendaItems.$inferInsert>) {
  const [row] = await tx.update(agendaItems).set(patch).where(eq(agendaItems.id, id)).returning();
  return row!;
}

export async function closeItems(tx: DbOrTx, meetingId: string) {
  await tx.update(agendaItems).set({ open: false }).where(eq(agendaItems.meetingId, meetingId));
}

/**
 * The double-discussion check: open agenda items about this household at another table (any municipality), with
 * that table's name and chair — nothing about the content. One index range (agenda_items_open_household_idx).
 */
export async function openItemsElsewhere(db: DbOrTx, householdId: string, tableId: string) {
  const res = await db.execute<{ table_name: string; chair_name: string; starts_at: string }>(sql`
    SELECT t.name AS table_name, u.display_name AS chair_name, m.starts_at
    FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id JOIN meeting_tables t ON t.id = m.table_id JOIN users u ON u.id = t.chair_id
    WHERE i.household_id = ${householdId} AND i.open AND m.table_id <> ${tableId}
    ORDER BY m.starts_at LIMIT 10`);
  return res.rows.map((r) => ({ tableName: r.table_name, chairName: r.chair_name, startsAt: new Date(r.starts_at) }));
}

export async function recordDoubleDiscussion(tx: DbOrTx, v: { meetingId: string; caseId: string; userId: string; outcome: 'warned' | 'confirmed' }) {
  await tx.execute(
    sql`INSERT INTO double_discussion_warnings (meeting_id, case_id, user_id, outcome) VALUES (${v.meetingId}, ${v.caseId}, ${v.userId}, ${v.outcome})`,
  );
}

/** Consent records for case discussion of these cases and organisations (the per-participant check). */
export async function caseDiscussionConsents(db: DbOrTx, caseIds: string[], organisationIds: string[]) {
  if (!caseIds.length || !organisationIds.length) return [];
  const rows = await db
    .select({
      caseId: consents.caseId,
      organisationId: consents.organisationId,
      purpose: consents.purpose,
      decision: consents.decision,
      validFrom: consents.validFrom,
      validUntil: consents.validUntil,
      recordedAt: consents.recordedAt,
      pending: consentPending,
    })
    .from(consents)
    .where(
      and(
        inArray(consents.caseId, caseIds),
        inArray(consents.organisationId, organisationIds),
        eq(consents.purpose, 'case_discussion'),
        isNull(consents.userId),
      ),
    );
  return rows as (ConsentRecord & { caseId: string })[];
}

// ─── Minutes ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function minutesOf(db: DbOrTx, meetingId: string) {
  return db
    .select({ minutes: agendaMinutes, regieHolderName: users.displayName })
    .from(agendaMinutes)
    .leftJoin(users, eq(users.id, agendaMinutes.regieHolderId))
    .where(eq(agendaMinutes.meetingId, meetingId));
}

export async function findMinutes(db: DbOrTx, itemId: string) {
  const [row] = await db.select().from(agendaMinutes).where(eq(agendaMinutes.itemId, itemId));
  return row ?? null;
}

export async function insertMinutes(tx: DbOrTx, values: typeof agendaMinutes.$inferInsert) {
  const [row] = await tx.insert(agendaMinutes).values(values).returning();
  return row!;
}

export async function updateMinutes(tx: DbOrTx, itemId: string, version: number, patch: Partial<typeof agendaMinutes.$inferInsert>) {
  const [row] = await tx
    .update(agendaMinutes)
    .set({ ...patch, version: sql`${agendaMinutes.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(agendaMinutes.itemId, itemId), eq(agendaMinutes.version, version)))
    .returning();
  return row ?? null;
}

export async function addenda(db: DbOrTx, meetingId: string) {
  return db
    .select({ addendum: minutesAddenda, authorName: users.displayName })
    .from(minutesAddenda)
    .innerJoin(users, eq(users.id, minutesAddenda.authorId))
    .where(eq(minutesAddenda.meetingId, meetingId))
    .orderBy(asc(minutesAddenda.at));
}

export async function insertAddendum(tx: DbOrTx, values: typeof minutesAddenda.$inferInsert) {
  const [row] = await tx.insert(minutesAddenda).values(values).returning();
  return row!;
}

// ─── Experiences ─────────────────────────────────────────────────────────────────────────────────────────────

export async function insertExperience(tx: DbOrTx, values: typeof meetingExperiences.$inferInsert) {
  await tx.insert(meetingExperiences).values(values);
}

export async function findExperience(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ experience: meetingExperiences, tableName: meetingTables.name, startsAt: meetings.startsAt })
    .from(meetingExperiences)
    .innerJoin(meetingTables, eq(meetingTables.id, meetingExperiences.tableId))
    .innerJoin(meetings, eq(meetings.id, meetingExperiences.meetingId))
    .where(eq(meetingExperiences.tokenHash, tokenHash));
  return row ?? null;
}

/** Answers once: false when the link was already used. */
export async function answerExperience(tx: DbOrTx, id: string, a: { heard: string; clearWhoHelps: string; better: string | null }) {
  const done = await tx
    .update(meetingExperiences)
    .set({ ...a, answeredAt: sql`now()` })
    .where(and(eq(meetingExperiences.id, id), isNull(meetingExperiences.answeredAt)))
    .returning({ id: meetingExperiences.id });
  return done.length > 0;
}

export async function experiencesOfTable(db: DbOrTx, tableId: string) {
  return db
    .select({ heard: meetingExperiences.heard, clearWhoHelps: meetingExperiences.clearWhoHelps, better: meetingExperiences.better })
    .from(meetingExperiences)
    .where(and(eq(meetingExperiences.tableId, tableId), ne(sql`${meetingExperiences.answeredAt} IS NULL`, sql`true`)));
}

/*
 * The double-discussion check in one statement: the facts the policy decides on (the meeting's municipality, chair
 * and whether the actor is invited; the case's municipality and director), scoped as the policy would — she sees the
 * meeting and directs the case or coordinates its municipality (second line of defence) — the other tables with an
 * open item about the household, and the access-log row for the read, in a data-modifying CTE of the same statement.
 */
const DOUBLE_CHECK = `
  WITH m AS (
    SELECT m.id, m.table_id, t.municipality_id, m.chair_id,
      EXISTS (SELECT 1 FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.user_id = $3::uuid) AS invited
    FROM meetings m JOIN meeting_tables t ON t.id = m.table_id
    WHERE m.id = $1::uuid AND (t.municipality_id = ANY($4::uuid[]) OR m.chair_id = $3::uuid
      OR EXISTS (SELECT 1 FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.user_id = $3::uuid))
  ),
  c AS (
    SELECT c.id, c.household_id, c.client_id, c.municipality_id, c.director_id FROM cases c
    WHERE c.id = $2::uuid AND (c.municipality_id = ANY($4::uuid[]) OR c.director_id = $3::uuid) AND EXISTS (SELECT 1 FROM m)
  ),
  elsewhere AS (
    SELECT t.name AS "tableName", u.display_name AS "chairName", mm.starts_at AS "startsAt"
    FROM agenda_items i JOIN meetings mm ON mm.id = i.meeting_id JOIN meeting_tables t ON t.id = mm.table_id JOIN users u ON u.id = t.chair_id
    WHERE i.household_id = (SELECT household_id FROM c) AND i.open AND mm.table_id <> (SELECT table_id FROM m)
    ORDER BY mm.starts_at LIMIT 10
  ),
  logged AS (
    INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
    SELECT 'read', $3::uuid, $5::role, $6::uuid, c.client_id, 'case', c.id::text, 'overleg: controle dubbele bespreking', $7::inet, $8::text FROM c
  )
  SELECT (SELECT jsonb_build_object('municipalityId', municipality_id, 'chairId', chair_id, 'invited', invited) FROM m WHERE EXISTS (SELECT 1 FROM c)) AS meeting,
    (SELECT jsonb_build_object('municipalityId', municipality_id, 'directorId', director_id) FROM c) AS "case",
    coalesce((SELECT jsonb_agg(e) FROM elsewhere e), '[]'::jsonb) AS elsewhere`;

interface DoubleCheckRow {
  meeting: { municipalityId: string; chairId: string; invited: boolean } | null;
  case: { municipalityId: string; directorId: string | null } | null;
  elsewhere: { tableName: string; chairName: string; startsAt: string }[];
}

export async function doubleDiscussionCheck(
  pool: {
    query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: DoubleCheckRow[] }>;
  },
  meetingId: string,
  caseId: string,
  who: { userId: string; coordinatorOf: string[]; role: string; organisationId: string; ip: string | null; userAgent: string | null },
) {
  const res = await pool.query({
    name: 'kp_double_discussion_check',
    text: DOUBLE_CHECK,
    values: [meetingId, caseId, who.userId, `{${who.coordinatorOf.join(',')}}`, who.role, who.organisationId, who.ip, who.userAgent?.slice(0, 512) ?? null],
  });
  const row = res.rows[0]!;
  if (!row.meeting || !row.case) return null;
  return { meeting: row.meeting, case: row.case, elsewhere: row.elsewhere.map((e) => ({ ...e, startsAt: new Date(e.startsAt) })) };
}
