import { type CaseActor, isActivePhase, mayShare } from '../../../domain/cases.js';
import { dutchDate } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { assertCaseAccess, type CaseAccess, isCoordinatorFor } from '../../policy.js';
import * as repo from './cases.repository.js';

export interface LoadedCase {
  c: repo.CaseRow;
  regionId: string;
  member: boolean;
  access: CaseAccess;
}

/**
 * Loads a case for this actor and applies the need-to-know rule (policy.caseAccess) on facts read in the same
 * transaction. Whatever the actor may not see is 404; `forUpdate` locks the case row so that concurrent writes
 * to one case (regie, phase, plan) run one after the other.
 */
export async function loadCase(tx: DbOrTx, actor: Actor, id: string, forUpdate = false): Promise<LoadedCase> {
  const f = await repo.findCaseWithFacts(tx, id, { userId: actor.userId, organisationId: actor.organisationId }, forUpdate);
  const today = dutchDate(new Date());
  const access = assertCaseAccess(
    actor,
    f && {
      municipalityId: f.case.municipalityId,
      regionId: f.regionId,
      member: f.member,
      consentCaseDiscussion: mayShare(f.consents, actor.organisationId, 'case_discussion', today),
      consentSharePlan: mayShare(f.consents, actor.organisationId, 'share_plan', today),
      emergencyActive: f.emergencyActive,
    },
    id,
  );
  return { c: f!.case, regionId: f!.regionId, member: f!.member, access };
}

/** Runs `fn` in one transaction with the case loaded for this actor (404 when they may not see it). */
export function makeWithCase(db: Db) {
  return <T>(actor: Actor, id: string, fn: (tx: DbOrTx, l: LoadedCase) => Promise<T>, forUpdate = false): Promise<T> =>
    db.transaction(async (tx) => fn(tx, await loadCase(tx, actor, id, forUpdate)));
}

/** A closed case is read-only; only the coordinator's reopening changes it. */
export function assertOpen(c: repo.CaseRow): void {
  if (!isActivePhase(c.phase)) throw new AppError('case_closed');
}

/** The actor's part in this case for the phase state machine. */
export function caseActor(actor: Actor, c: repo.CaseRow): CaseActor {
  if (isCoordinatorFor(actor, c.municipalityId)) return 'coordinator';
  if (c.directorId === actor.userId) return 'case_director';
  return 'care_team';
}

const PURPOSE: Record<CaseAccess['basis'], string> = {
  coordinator: 'casus (coördinator knooppunt)',
  care_team: 'casus (zorgteam)',
  emergency: 'casus (noodtoegang)',
};

type CaseEvent = 'read' | 'create' | 'update' | 'export';

/** The access-log event and purpose of one action on a case: its basis named, reads under emergency access as such. */
export function caseLogEntry(access: CaseAccess, eventType: CaseEvent, what: string) {
  return {
    eventType: access.basis === 'emergency' && eventType === 'read' ? ('emergency_access' as const) : eventType,
    purpose: `${PURPOSE[access.basis]}: ${what}`,
  };
}

/** Every read and write of a case is logged, in the transaction of the action. */
export function logCase(
  tx: DbOrTx,
  actor: Actor,
  meta: RequestMeta,
  l: LoadedCase | { c: repo.CaseRow; access: CaseAccess },
  eventType: CaseEvent,
  what: string,
) {
  return writeAccessLog(tx, actor, meta, { ...caseLogEntry(l.access, eventType, what), objectType: 'case', objectId: l.c.id, subjectPersonId: l.c.clientId });
}
