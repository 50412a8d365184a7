import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AccessEventType } from '../../../domain/access-log.js';
import type { DbOrTx } from '../../db/client.js';
import { accessLog, organisations, users } from '../../db/schema.js';

export interface AccessLogFilter {
  userId?: string;
  subjectPersonId?: string;
  eventType?: AccessEventType;
  from?: Date;
  to?: Date;
  /** Keyset pagination: entries with an id below this one. */
  before?: number;
  limit: number;
}

const behalf = alias(users, 'behalf');

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
