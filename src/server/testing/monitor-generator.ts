import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from '../db/client.js';

/**
 * What the monitor reads beyond the cases and referrals generators: for every synthetic case its opening signal
 * (2–20 days before the case, acknowledged 0–6 days after it), phase events that say where the case went, help
 * started on a third of the referrals, and `matches` matches between registrations of the same person. Bulk load
 * with triggers off (the timeline is append-only), so the cases' milestones, which triggers keep in the app, are
 * set here from the phase events. Returns seconds per step.
 */
export async function generateMonitorData(pool: Db, size: { cases: number; matches: number }) {
  const client = await pool.$client.connect();
  const db = drizzle(client);
  const steps: Record<string, number> = {};
  const step = async (name: string, q: ReturnType<typeof sql>) => {
    const t = Date.now();
    await db.execute(q);
    steps[name] = (Date.now() - t) / 1000;
  };
  try {
    await db.execute(sql`SET session_replication_role = replica`);
    await step(
      'signals',
      sql`INSERT INTO signals (id, person_id, household_id, municipality_id, signaller_id, organisation_id, life_domains, vulnerability_level,
                               client_view, discussed_with_family, consent_to_share, to_hub, created_at, acknowledged_at, updated_at)
        SELECT bench_uuid('s' || g), c.client_id, c.household_id, c.municipality_id, u.id, u.organisation_id, ARRAY['meedoen'], 'vulnerable',
               'Synthetisch signaal', true, true, true,
               c.created_at - (g % 20 + 2) * interval '1 day',
               c.created_at - (g % 20 + 2) * interval '1 day' + (g % 7) * interval '1 day',
               c.created_at
        FROM generate_series(0, ${size.cases - 1}::int) g
        JOIN cases c ON c.id = bench_uuid('c' || g)
        JOIN users u ON u.id = c.opened_by_id`,
    );
    await step(
      'cases ← signals',
      sql`UPDATE cases c SET signal_id = bench_uuid('s' || g) FROM generate_series(0, ${size.cases - 1}::int) g WHERE c.id = bench_uuid('c' || g)`,
    );
    await step(
      'phase events',
      sql`UPDATE case_events e SET data = e.data || jsonb_build_object('to', CASE WHEN (extract(epoch FROM e.at)::bigint / 259200) % 2 = 0 THEN 'verkennen' ELSE 'steun_op_maat' END)
          WHERE e.kind = 'phase'`,
    );
    await step(
      'milestones',
      sql`UPDATE cases c SET first_contact_at = x.contact_at, support_started_at = x.support_at
        FROM (SELECT case_id, min(at) FILTER (WHERE data->>'to' IN ('verkennen', 'steun_op_maat')) AS contact_at,
                     min(at) FILTER (WHERE data->>'to' = 'steun_op_maat') AS support_at
              FROM case_events WHERE kind = 'phase' GROUP BY case_id) x
        WHERE x.case_id = c.id`,
    );
    await step(
      'help started',
      sql`UPDATE referrals SET help_started_at = sent_at + (abs(hashtext(id::text)) % 40) * interval '1 day' WHERE abs(hashtext(id::text)) % 3 = 0`,
    );
    await step(
      'matches',
      // With the triggers off, the household's municipality (the trigger's work, migration 0032) is set here.
      sql`INSERT INTO matches (household_id, municipality_id, registration_a_id, registration_b_id, same_person, created_at, followed_up_at, followed_up_by_id)
        SELECT a.household_id, (SELECT h.municipality_id FROM households h WHERE h.id = a.household_id), a.id, b.id, true, timestamptz '2026-01-01' + (row_number() OVER () % 330) * interval '1 day',
               CASE WHEN random() < 0.6 THEN timestamptz '2026-01-01' + (row_number() OVER () % 330 + 3) * interval '1 day' END, NULL
        FROM (SELECT DISTINCT ON (person_id) id, person_id, household_id FROM involvement_registrations ORDER BY person_id, id LIMIT ${size.matches}) a
        JOIN LATERAL (SELECT id FROM involvement_registrations r WHERE r.person_id = a.person_id AND r.id > a.id ORDER BY r.id LIMIT 1) b ON true`,
    );
    await db.execute(sql`SET session_replication_role = origin`);
    // The triggers were off: the cases' children and goals and the monitor's dirty cells, from the base tables.
    await step('monitor rebuild', sql`SELECT kp_monitor_rebuild()`);
    const t = Date.now();
    await db.execute(sql`ANALYZE signals`);
    await db.execute(sql`ANALYZE cases`);
    await db.execute(sql`ANALYZE case_events`);
    await db.execute(sql`ANALYZE matches`);
    await db.execute(sql`ANALYZE referrals`);
    steps.analyze = (Date.now() - t) / 1000;
  } finally {
    await db.execute(sql`SET session_replication_role = origin`).catch(() => undefined);
    client.release();
  }
  return steps;
}
