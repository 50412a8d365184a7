import type { AccessEventType, AccessOutcome } from '../domain/access-log.js';
import type { Role } from '../domain/roles.js';
import type { Actor, RequestMeta } from './context.js';
import type { DbOrTx } from './db/client.js';
import { accessLog } from './db/schema.js';

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
  await tx.insert(accessLog).values({
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
  });
}
