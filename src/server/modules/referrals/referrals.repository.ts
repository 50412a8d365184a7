import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ReferralStatus } from '../../../domain/referrals.js';
import type { DbOrTx } from '../../db/client.js';
import { rowFromJson } from '../../db/json-rows.js';
import {
  caseEvents,
  familyPlans,
  organisations,
  persons,
  referralAttachments,
  referralEvents,
  referrals,
  services,
  userMunicipalities,
  users,
} from '../../db/schema.js';

export type ReferralRow = typeof referrals.$inferSelect;

/** The service as the referral needs it: who receives, within which norm, and whether it is open at all. */
export async function serviceForReferral(db: DbOrTx, serviceId: string) {
  const [row] = await db
    .select({
      id: services.id,
      name: services.name,
      organisationId: services.organisationId,
      organisationName: organisations.name,
      organisationEmail: organisations.email,
      norm: services.responseNormWorkingDays,
      active: services.active,
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(and(eq(services.id, serviceId), eq(services.active, true), eq(organisations.active, true)));
  return row ?? null;
}

export async function personInHousehold(db: DbOrTx, personId: string, householdId: string) {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.householdId, householdId), isNull(persons.mergedIntoId)));
  return Boolean(row);
}

export async function insertReferral(tx: DbOrTx, values: typeof referrals.$inferInsert) {
  const [row] = await tx.insert(referrals).values(values).returning();
  return row!;
}

export async function addReferralEvent(tx: DbOrTx, values: typeof referralEvents.$inferInsert) {
  await tx.insert(referralEvents).values({ ...values, at: sql`clock_timestamp()` });
}

export async function insertAttachments(tx: DbOrTx, rows: (typeof referralAttachments.$inferInsert)[]) {
  if (rows.length) await tx.insert(referralAttachments).values(rows);
}

/** Adopted plan versions of the case by number: only adopted versions travel with a referral. */
export async function adoptedPlans(db: DbOrTx, caseId: string, numbers: number[]) {
  if (!numbers.length) return [];
  return db
    .select({ id: familyPlans.id, number: familyPlans.number })
    .from(familyPlans)
    .where(and(eq(familyPlans.caseId, caseId), inArray(familyPlans.number, numbers), eq(familyPlans.status, 'adopted')));
}

export async function caseNotes(db: DbOrTx, caseId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.id, ids), eq(caseEvents.kind, 'note')));
}

/** Care staff of an organisation: who hears of a new or overdue referral for it. */
/** Who handles the organisation's intake in a municipality: the active holders of its intake right working there. */
export async function intakeOf(db: DbOrTx, organisationId: string, municipalityId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userMunicipalities, and(eq(userMunicipalities.userId, users.id), eq(userMunicipalities.municipalityId, municipalityId)))
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.intakeRight, true),
        inArray(users.role, ['professional', 'coordinator']),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(200);
}

export interface ReferralDetail {
  r: ReferralRow;
  serviceName: string;
  receivingOrganisationName: string;
  receivingOrganisationEmail: string | null;
  senderName: string;
  senderEmail: string;
  senderPhone: string | null;
  senderOrganisationName: string;
  person: { givenName: string; familyName: string; dateOfBirth: string | null; contactPhone: string | null };
  municipalityId: string;
  directorId: string | null;
  /** The referral this one was made again after, and the one made again after this (closed loop across declines). */
  previous: LinkedReferral | null;
  followUp: LinkedReferral | null;
}
export interface LinkedReferral {
  id: string;
  serviceName: string;
  status: ReferralStatus;
}

/** One referral with what its page shows; `forUpdate` locks it, so that two answers run one after the other. */
export async function findReferral(db: DbOrTx, id: string, forUpdate = false): Promise<ReferralDetail | null> {
  const lock = forUpdate ? sql`FOR UPDATE OF r` : sql``;
  const res = await db.execute<Record<string, unknown> & { r: Record<string, unknown> }>(sql`
    SELECT to_jsonb(r) AS r, s.name AS service_name, o.name AS receiving_name, o.email AS receiving_email, u.display_name AS sender_name,
           u.email AS sender_email, so.phone AS sender_phone, so.name AS sender_org_name,
           p.given_name, p.family_name, p.date_of_birth, p.contact_phone, c.municipality_id, c.director_id,
           (SELECT jsonb_build_object('id', x.id, 'serviceName', xs.name, 'status', x.status)
              FROM referrals x JOIN services xs ON xs.id = x.service_id WHERE x.id = r.previous_referral_id) AS previous,
           (SELECT jsonb_build_object('id', x.id, 'serviceName', xs.name, 'status', x.status)
              FROM referrals x JOIN services xs ON xs.id = x.service_id WHERE x.previous_referral_id = r.id) AS follow_up
    FROM referrals r
    JOIN services s ON s.id = r.service_id
    JOIN organisations o ON o.id = r.receiving_organisation_id
    JOIN users u ON u.id = r.sender_id
    JOIN organisations so ON so.id = r.sender_organisation_id
    JOIN persons p ON p.id = r.person_id
    JOIN cases c ON c.id = r.case_id
    WHERE r.id = ${id} ${lock}`);
  const row = res.rows[0];
  if (!row) return null;
  return {
    r: rowFromJson<ReferralRow>(row.r),
    serviceName: row.service_name as string,
    receivingOrganisationName: row.receiving_name as string,
    receivingOrganisationEmail: (row.receiving_email as string | null) ?? null,
    senderName: row.sender_name as string,
    senderEmail: row.sender_email as string,
    senderPhone: (row.sender_phone as string | null) ?? null,
    senderOrganisationName: row.sender_org_name as string,
    person: {
      givenName: row.given_name as string,
      familyName: row.family_name as string,
      dateOfBirth: (row.date_of_birth as string | null) ?? null,
      contactPhone: (row.contact_phone as string | null) ?? null,
    },
    municipalityId: row.municipality_id as string,
    directorId: (row.director_id as string | null) ?? null,
    previous: (row.previous as LinkedReferral | null) ?? null,
    followUp: (row.follow_up as LinkedReferral | null) ?? null,
  };
}

/** The referral made again after this one, if any. */
export async function followUpOf(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: referrals.id }).from(referrals).where(eq(referrals.previousReferralId, id));
  return row ?? null;
}

export async function updateReferral(tx: DbOrTx, id: string, patch: Partial<typeof referrals.$inferInsert>) {
  const [row] = await tx
    .update(referrals)
    .set({ ...patch, version: sql`${referrals.version} + 1`, updatedAt: sql`now()` })
    .where(eq(referrals.id, id))
    .returning();
  return row!;
}

export async function historyOf(db: DbOrTx, referralId: string) {
  return db
    .select({
      id: referralEvents.id,
      fromStatus: referralEvents.fromStatus,
      toStatus: referralEvents.toStatus,
      actorName: users.displayName,
      note: referralEvents.note,
      data: referralEvents.data,
      at: referralEvents.at,
    })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.actorId))
    .where(eq(referralEvents.referralId, referralId))
    .orderBy(asc(referralEvents.at));
}

/** The attachments with their content: an adopted plan version, or a note from the timeline. */
export async function attachmentsOf(db: DbOrTx, referralId: string) {
  return db
    .select({
      id: referralAttachments.id,
      kind: referralAttachments.kind,
      planNumber: familyPlans.number,
      planContent: familyPlans.content,
      planAdoptedAt: familyPlans.adoptedAt,
      noteData: caseEvents.data,
      noteAt: caseEvents.at,
    })
    .from(referralAttachments)
    .leftJoin(familyPlans, eq(familyPlans.id, referralAttachments.planId))
    .leftJoin(caseEvents, eq(caseEvents.id, referralAttachments.eventId))
    .where(eq(referralAttachments.referralId, referralId));
}

const SUMMARY = sql`r.id, r.case_id, r.status, r.urgency, r.due_on, r.sent_at, r.expected_start, r.escalated_at, r.version,
  s.name AS service_name, o.name AS organisation_name, u.display_name AS sender_name`;

export interface ReferralSummary {
  id: string;
  caseId: string;
  status: ReferralStatus;
  urgency: string;
  dueOn: string;
  sentAt: Date;
  expectedStart: string | null;
  escalatedAt: Date | null;
  version: number;
  serviceName: string;
  organisationName: string;
  senderName: string;
  personName?: string;
}

function summary(row: Record<string, unknown>): ReferralSummary {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    status: row.status as ReferralStatus,
    urgency: row.urgency as string,
    dueOn: row.due_on as string,
    sentAt: new Date(row.sent_at as string),
    expectedStart: (row.expected_start as string | null) ?? null,
    escalatedAt: row.escalated_at ? new Date(row.escalated_at as string) : null,
    version: row.version as number,
    serviceName: row.service_name as string,
    organisationName: row.organisation_name as string,
    senderName: row.sender_name as string,
    ...(row.person_name ? { personName: row.person_name as string } : {}),
  };
}

/** The referrals of a case, newest first (sender side: the whole closed loop at a glance). */
export async function referralsOfCase(db: DbOrTx, caseId: string) {
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT ${SUMMARY} FROM referrals r
    JOIN services s ON s.id = r.service_id JOIN organisations o ON o.id = r.receiving_organisation_id JOIN users u ON u.id = r.sender_id
    WHERE r.case_id = ${caseId} ORDER BY r.sent_at DESC LIMIT 200`);
  return res.rows.map(summary);
}

const OPEN_STATUSES = sql`('sent', 'received', 'accepted', 'waiting_list', 'first_contact')`;

/**
 * An organisation's incoming board in one statement: the counts (new, overdue, waiting list) and one page of the
 * open referrals, by due day, with the client's name (the receiver needs to know whom to contact). Read straight from
 * the partial index referrals_incoming_idx; the access-log row is written in the same statement.
 */
export async function incomingBoard(
  db: DbOrTx,
  scope: { organisationId: string; municipalityIds: string[]; receiverUserId: string },
  today: string,
  view: 'open' | 'new' | 'overdue' | 'waiting',
  page: { offset: number; limit: number },
  log: { userId: string; role: string; ip: string | null; userAgent: string | null },
) {
  const filter =
    view === 'new'
      ? sql`r.status IN ('sent', 'received')`
      : view === 'overdue'
        ? sql`r.status IN ('sent', 'received') AND r.due_on < ${today}::date`
        : view === 'waiting'
          ? sql`r.status = 'waiting_list'`
          : sql`r.status IN ${OPEN_STATUSES}`;
  // policy.incomingScope: intake in her municipalities, or the referrals she answered herself.
  const mine = sql`r.receiving_organisation_id = ${scope.organisationId}
    AND (c.municipality_id = ANY(${`{${scope.municipalityIds.join(',')}}`}::uuid[]) OR r.answered_by_id = ${scope.receiverUserId})`;
  const res = await db.execute<Record<string, unknown>>(sql`
    WITH counts AS (
      SELECT count(*) FILTER (WHERE r.status IN ('sent', 'received')) AS new,
             count(*) FILTER (WHERE r.status IN ('sent', 'received') AND r.due_on < ${today}::date) AS overdue,
             count(*) FILTER (WHERE r.status = 'waiting_list') AS waiting,
             count(*) AS open
      FROM referrals r JOIN cases c ON c.id = r.case_id WHERE ${mine} AND r.status IN ${OPEN_STATUSES}
    ), items AS (
      SELECT ${SUMMARY}, concat_ws(' ', p.given_name, p.family_name) AS person_name, r.person_id AS subject
      FROM referrals r JOIN cases c ON c.id = r.case_id
      JOIN services s ON s.id = r.service_id JOIN organisations o ON o.id = r.receiving_organisation_id
      JOIN users u ON u.id = r.sender_id JOIN persons p ON p.id = r.person_id
      WHERE ${mine} AND r.status IN ${OPEN_STATUSES} AND ${filter}
      ORDER BY r.due_on, r.sent_at, r.id LIMIT ${page.limit} OFFSET ${page.offset}
    ), logged AS (
      -- One row per client shown (NEN 7513: who saw whom), or one without subject for an empty board.
      INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
      SELECT 'read'::access_event_type, ${log.userId}::uuid, ${log.role}::role, ${scope.organisationId}::uuid, i.subject, 'referral', i.id::text,
             'inkomende verwijzingen (ontvangende organisatie)', ${log.ip}::inet, ${log.userAgent} FROM items i
      UNION ALL
      SELECT 'read'::access_event_type, ${log.userId}::uuid, ${log.role}::role, ${scope.organisationId}::uuid, NULL::uuid, 'referral', NULL::text,
             'inkomende verwijzingen (ontvangende organisatie)', ${log.ip}::inet, ${log.userAgent} WHERE NOT EXISTS (SELECT 1 FROM items)
    )
    SELECT (SELECT to_jsonb(counts) FROM counts) AS counts, coalesce((SELECT jsonb_agg(to_jsonb(items) - 'subject') FROM items), '[]'::jsonb) AS items`);
  const row = res.rows[0]!;
  const counts = row.counts as Record<string, string | number>;
  return {
    counts: { new: Number(counts.new), overdue: Number(counts.overdue), waiting: Number(counts.waiting), open: Number(counts.open) },
    items: (row.items as Record<string, unknown>[]).map(summary),
  };
}

/**
 * Overdue referrals the actor must chase: those they sent, those of cases in the municipalities they coordinate,
 * and those of cases where they are process director. Names of services and organisations only — no client.
 */
export async function overdueFor(db: DbOrTx, actor: { userId: string; coordinatorOf: string[] }, today: string) {
  const munis = actor.coordinatorOf.length ? sql`c.municipality_id = ANY(${`{${actor.coordinatorOf.join(',')}}`}::uuid[])` : sql`false`;
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT ${SUMMARY} FROM referrals r
    JOIN cases c ON c.id = r.case_id
    JOIN services s ON s.id = r.service_id JOIN organisations o ON o.id = r.receiving_organisation_id JOIN users u ON u.id = r.sender_id
    WHERE r.status IN ('sent', 'received') AND r.due_on < ${today}::date
      AND (r.sender_id = ${actor.userId} OR ${munis}
           OR EXISTS (SELECT 1 FROM case_directors d WHERE d.case_id = r.case_id AND d.kind = 'process' AND d.status = 'current' AND d.user_id = ${actor.userId}))
    ORDER BY r.due_on LIMIT 100`);
  return res.rows.map(summary);
}

/** Unanswered referrals past their due day and not yet escalated (the escalation job's work). */
export async function escalationCandidates(db: DbOrTx, today: string) {
  const res = await db.execute<{ id: string }>(sql`
    SELECT id FROM referrals WHERE status IN ('sent', 'received') AND escalated_at IS NULL AND due_on < ${today}::date ORDER BY due_on LIMIT 1000`);
  return res.rows.map((r) => r.id);
}

/**
 * The service's actual waiting time from referral outcomes: days from sending to the start of help over the
 * last 180 days, and the expected start of those on the waiting list now.
 */
export async function waitingDays(db: DbOrTx, serviceId: string, now: Date) {
  const res = await db.execute<{ days: number }>(sql`
    SELECT extract(epoch FROM (help_started_at - sent_at)) / 86400 AS days FROM referrals
    WHERE service_id = ${serviceId} AND help_started_at IS NOT NULL AND help_started_at > ${now.toISOString()}::timestamptz - interval '180 days'
    UNION ALL
    SELECT expected_start - sent_at::date FROM referrals WHERE service_id = ${serviceId} AND status = 'waiting_list'`);
  return res.rows.map((r) => Number(r.days));
}

export async function setServiceWaiting(tx: DbOrTx, serviceId: string, weeks: number, statedOn: string) {
  await tx.update(services).set({ waitingWeeks: weeks, waitingStatedOn: statedOn }).where(eq(services.id, serviceId));
}

export async function organisationSharesWaiting(db: DbOrTx, organisationId: string) {
  const [row] = await db.select({ share: organisations.shareWaitingTimes }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.share ?? false;
}
