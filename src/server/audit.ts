import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AccessEventType, AccessOutcome } from '../domain/access-log.js';
import type { Role } from '../domain/roles.js';
import type { Actor, RequestMeta } from './context.js';
import type { DbOrTx } from './db/client.js';
import { accessLog } from './db/schema.js';
import { AppError } from './errors.js';

export interface AccessEntry {
  eventType: AccessEventType;
  objectType: string;
  objectId?: string | null;
  subjectPersonId?: string | null;
  /** Purpose or authorisation basis, e.g. 'functioneel beheer', 'inloggen'. */
  purpose: string;
  outcome?: AccessOutcome;
  onBehalfOfUserId?: string | null;
}

/** Who did it: a signed-in actor, or (for sign-in events) a known user before a session exists. */
export type AccessWho = Actor | { userId: string | null; role: Role | null; organisationId: string | null } | null;

/**
 * Writes one NEN 7513 access-log entry. Always pass the transaction of the action itself, so the change and
 * its log entry commit or roll back together.
 */
export async function writeAccessLog(tx: DbOrTx, who: AccessWho, meta: RequestMeta, entry: AccessEntry): Promise<void> {
  await tx.insert(accessLog).values(accessRow(who, meta, entry));
}

/** One access-log row as the table takes it. */
function accessRow(who: AccessWho, meta: RequestMeta, entry: AccessEntry): typeof accessLog.$inferInsert {
  return {
    eventType: entry.eventType,
    outcome: entry.outcome ?? 'success',
    userId: who?.userId ?? null,
    userRole: who?.role ?? null,
    organisationId: who?.organisationId ?? null,
    onBehalfOfUserId: entry.onBehalfOfUserId ?? null,
    subjectPersonId: entry.subjectPersonId ?? null,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    purpose: entry.purpose,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  };
}

/**
 * Lists name every client they show: one row per subject (NEN 7513 asks who saw whom), or one row without a
 * subject when the list was empty — the look itself is logged either way.
 */
export async function writeAccessLogForSubjects(
  tx: DbOrTx,
  who: AccessWho,
  meta: RequestMeta,
  entry: Omit<AccessEntry, 'subjectPersonId'>,
  subjectPersonIds: Iterable<string | null | undefined>,
): Promise<void> {
  const ids = [...new Set([...subjectPersonIds].filter((id): id is string => Boolean(id)))];
  const r = accessRow(who, meta, { ...entry, subjectPersonId: null });
  // The subjects as one array parameter: a list of 200 clients is 13 parameters instead of 2,600 (a VALUES list the
  // ORM builds and PostgreSQL parses row by row), and the statement's text is the same for every list.
  await tx.execute(sql`
    INSERT INTO access_log (event_type, outcome, user_id, user_role, organisation_id, on_behalf_of_user_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
    SELECT ${r.eventType}::access_event_type, ${r.outcome}::access_outcome, ${r.userId}::uuid, ${r.userRole}::role, ${r.organisationId}::uuid,
      ${r.onBehalfOfUserId}::uuid, s.id, ${r.objectType}, ${r.objectId}, ${r.purpose}, ${r.ip}::inet, ${r.userAgent}
    FROM unnest(${ids.length ? `{${ids.join(',')}}` : '{NULL}'}::uuid[]) AS s(id)`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A refused attempt (the 404 that hides a person, case or referral), logged with outcome 'denied' in a statement
 * of its own: the refused request's transaction has rolled back. The client concerned is named when the object
 * exists, so the client's overview shows who tried; the caller learns nothing from it.
 */
export async function writeDeniedAccess(db: DbOrTx, who: Actor, meta: RequestMeta, denied: { objectType: string; objectId: string | null }) {
  const id = denied.objectId && UUID.test(denied.objectId) ? denied.objectId : null;
  await db.execute(sql`
    INSERT INTO access_log (event_type, outcome, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
    VALUES ('read', 'denied', ${who.userId}, ${who.role}, ${who.organisationId},
      CASE ${denied.objectType}
        WHEN 'person' THEN (SELECT p.id FROM persons p WHERE p.id = ${id}::uuid)
        WHEN 'case' THEN (SELECT c.client_id FROM cases c WHERE c.id = ${id}::uuid)
        WHEN 'referral' THEN (SELECT r.person_id FROM referrals r WHERE r.id = ${id}::uuid)
      END,
      ${denied.objectType}, ${denied.objectId?.slice(0, 100) ?? null}, 'geweigerde toegang', ${meta.ip}::inet, ${meta.userAgent?.slice(0, 512) ?? null})`);
}

/** Every deniedError that reaches the client is logged as a refused attempt (see writeDeniedAccess). */
export function registerDeniedAccessLog(app: FastifyInstance, db: DbOrTx): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || !error.denied || !request.actor) return;
    await writeDeniedAccess(db, request.actor, request.meta, error.denied).catch((e: { code?: string }) => {
      // The log row is lost, the refusal still stands; log only the SQLSTATE, never the statement's values.
      request.log.error({ code: e?.code }, 'denied access not logged');
    });
  });
}
