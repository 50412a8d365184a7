import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

const BATCH = 5000;

export interface LifecycleResult {
  ended: { death: number; age_23: number; end_date: number };
  deleted: number;
}

/**
 * The daily run over involvement registrations, with the clock passed in (tests move it years ahead):
 * registrations end at death, at age 23 (children) and at their end date; archived ones past their retention are deleted.
 * Each change and its access-log row are one statement, so they commit together; batches keep transactions short.
 */
export async function runRegistrationLifecycle(db: Db, now: Date, retentionYears: number): Promise<LifecycleResult> {
  const today = now.toISOString().slice(0, 10);
  const deleteAfter = sql`(${today}::date + make_interval(years => ${retentionYears}))::date`;
  const result: LifecycleResult = { ended: { death: 0, age_23: 0, end_date: 0 }, deleted: 0 };
  const ending = {
    death: sql`SELECT r.id FROM involvement_registrations r JOIN persons p ON p.id = r.person_id
               WHERE r.ended_at IS NULL AND p.deceased_on IS NOT NULL AND p.deceased_on <= ${today}::date LIMIT ${BATCH}`,
    age_23: sql`SELECT r.id FROM involvement_registrations r JOIN persons p ON p.id = r.person_id
               WHERE r.ended_at IS NULL AND p.household_role IN ('child', 'unborn') AND p.date_of_birth IS NOT NULL AND p.date_of_birth + interval '23 years' <= ${today}::date LIMIT ${BATCH}`,
    end_date: sql`SELECT r.id FROM involvement_registrations r WHERE r.ended_at IS NULL AND r.end_date <= ${today}::date LIMIT ${BATCH}`,
  } as const;
  for (const reason of ['death', 'age_23', 'end_date'] as const) {
    for (;;) {
      const res = await db.execute(sql`
        WITH ended AS (
          UPDATE involvement_registrations SET ended_at = ${now.toISOString()}::timestamptz, end_reason = ${reason}, delete_after = ${deleteAfter}
          WHERE id IN (${ending[reason]}) RETURNING id, person_id)
        INSERT INTO access_log (event_type, object_type, object_id, subject_person_id, purpose, application)
        SELECT 'update', 'involvement_registration', id::text, person_id, ${`registratie automatisch beëindigd: ${reason}`}, 'knooppunt-jobs' FROM ended`);
      result.ended[reason] += res.rowCount ?? 0;
      if ((res.rowCount ?? 0) < BATCH) break;
    }
  }
  for (;;) {
    const res = await db.execute(sql`
      WITH gone AS (
        DELETE FROM involvement_registrations WHERE id IN (
          SELECT id FROM involvement_registrations WHERE ended_at IS NOT NULL AND delete_after <= ${today}::date LIMIT ${BATCH})
        RETURNING id, person_id)
      INSERT INTO access_log (event_type, object_type, object_id, subject_person_id, purpose, application)
      SELECT 'delete', 'involvement_registration', id::text, person_id, 'bewaartermijn verstreken', 'knooppunt-jobs' FROM gone`);
    result.deleted += res.rowCount ?? 0;
    if ((res.rowCount ?? 0) < BATCH) break;
  }
  return result;
}
