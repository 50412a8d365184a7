import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AccessEventType } from '../../../domain/access-log.js';
import type { DbOrTx } from '../../db/client.js';
import { accessLog, organisations, users } from '../../db/schema.js';

export interface AccessLogFilter {
  userId?: string;
  subjectPersonId?: string;
  /** Rows about any of these person records (one client found by BSN or name + date, with her merged records). */
  subjectPersonIds?: string[];
  eventType?: AccessEventType;
  from?: Date;
  to?: Date;
  /** Keyset pagination: entries with an id below this one. */
  before?: number;
  limit: number;
}

const behalf = alias(users, 'behalf');
/** Matches no row: a subject search that found nobody answers an empty list, never the whole log. */
const NO_PERSON = '00000000-0000-0000-0000-000000000000';

/**
 * The person records of one client for an access-log search, found without showing her: by the BSN's keyed hash,
 * or by folded family name and date; records merged into them count too (their history is hers).
 */
export async function subjectRecords(db: DbOrTx, q: { bsnHash: string } | { familyNameKey: string; date: string }): Promise<string[]> {
  const match =
    'bsnHash' in q
      ? sql`p.bsn_hash = ${q.bsnHash}`
      : sql`p.family_name_key = ${q.familyNameKey} AND (p.date_of_birth = ${q.date}::date OR p.due_date = ${q.date}::date)`;
  const res = await db.execute<{ id: string }>(sql`
    WITH found AS (SELECT p.id FROM persons p WHERE ${match})
    SELECT id FROM found UNION SELECT m.id FROM persons m WHERE m.merged_into_id IN (SELECT id FROM found)`);
  return res.rows.map((r) => r.id);
}

/**
 * Entries written by users of organisations in the given regions, plus entries without an organisation
 * (failed sign-ins for unknown addresses), newest first.
 */
export async function listAccessLog(db: DbOrTx, regionIds: string[], f: AccessLogFilter) {
  if (regionIds.length === 0) return [];
  const orgsInScope = db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.regionId, regionIds));
  return db
    .select({
      id: accessLog.id,
      occurredAt: accessLog.occurredAt,
      eventType: accessLog.eventType,
      outcome: accessLog.outcome,
      userId: accessLog.userId,
      userName: users.displayName,
      userEmail: users.email,
      userRole: accessLog.userRole,
      organisationId: accessLog.organisationId,
      organisationName: organisations.name,
      onBehalfOfUserId: accessLog.onBehalfOfUserId,
      onBehalfOfName: behalf.displayName,
      subjectPersonId: accessLog.subjectPersonId,
      objectType: accessLog.objectType,
      objectId: accessLog.objectId,
      purpose: accessLog.purpose,
      ip: sql<string | null>`host(${accessLog.ip})`,
      userAgent: accessLog.userAgent,
      application: accessLog.application,
    })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.userId))
    .leftJoin(behalf, eq(behalf.id, accessLog.onBehalfOfUserId))
    .leftJoin(organisations, eq(organisations.id, accessLog.organisationId))
    .where(
      and(
        or(isNull(accessLog.organisationId), inArray(accessLog.organisationId, orgsInScope)),
        f.userId ? eq(accessLog.userId, f.userId) : undefined,
        f.subjectPersonId ? eq(accessLog.subjectPersonId, f.subjectPersonId) : undefined,
        f.subjectPersonIds ? inArray(accessLog.subjectPersonId, f.subjectPersonIds.length ? f.subjectPersonIds : [NO_PERSON]) : undefined,
        f.eventType ? eq(accessLog.eventType, f.eventType) : undefined,
        f.from ? gte(accessLog.occurredAt, f.from) : undefined,
        f.to ? lte(accessLog.occurredAt, f.to) : undefined,
        f.before ? lt(accessLog.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(accessLog.id))
    .limit(f.limit);
}
export type AccessLogRow = Awaited<ReturnType<typeof listAccessLog>>[number];
