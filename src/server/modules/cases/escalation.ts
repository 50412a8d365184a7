import { sql } from 'drizzle-orm';
import { regieEscalationDue } from '../../../domain/cases.js';
import type { Db } from '../../db/client.js';
import { notify } from '../notifications/notifications.service.js';
import { coordinatorsOf } from '../signals/signals.repository.js';
import * as repo from './cases.repository.js';
import { escalationCandidates } from './worklists.repository.js';

/**
 * The regie escalation run, with the clock passed in (tests move it across weekends and holidays): an open case
 * without an accepted case director for more than `workingDays` Dutch working days is escalated once — marked,
 * put on the timeline, and the municipality's coordinators and the process director are notified. Idempotent.
 */
export async function runRegieEscalation(db: Db, now: Date, workingDays: number, publicUrl = ''): Promise<number> {
  // A calendar lower bound: never fewer calendar days than working days; the domain rule decides exactly.
  const bound = new Date(now.getTime() - workingDays * 86_400_000);
  let escalated = 0;
  for (const c of await escalationCandidates(db, bound)) {
    if (!regieEscalationDue(c.since, now, workingDays)) continue;
    await db.transaction(async (tx) => {
      const done = await tx.execute(
        sql`UPDATE cases SET regie_escalated_at = ${now.toISOString()}::timestamptz WHERE id = ${c.id} AND regie_escalated_at IS NULL AND director_id IS NULL`,
      );
      if (!done.rowCount) return;
      const process = await repo.currentDirector(tx, c.id, 'process');
      const to = new Set([...(await coordinatorsOf(tx, c.municipalityId)).map((u) => u.id), ...(process ? [process.userId] : [])]);
      await notify(tx, publicUrl, 'regie_escalated', [...to], { caseId: c.id });
      await repo.addEvent(tx, c.id, 'regie', null, { action: 'escalated', workingDays, since: c.since.toISOString() });
      escalated++;
    });
  }
  return escalated;
}
