import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../db/client.js';

export interface ReferralsSize {
  referrals: number;
  /** Open referrals on the board organisation's incoming board (and ten times as many closed ones). */
  boardOpen: number;
  /** Open agenda items at another table, about the first households (the double-discussion index). */
  openAgendaItems: number;
}

/**
 * 1,000,000 referrals on top of the synthetic cases (generateCases must have run): one service per synthetic
 * organisation, referrals from cases to them with statuses spread over the closed loop (most finished), and
 * `boardOpen` open referrals (new, overdue, accepted, waiting list, first contact) to the board organisation. Plus a
 * meeting table with a meeting in the board municipality and, at another table, `openAgendaItems` open case items —
 * what the double-discussion check reads. Bulk load: triggers off, indexes rebuilt after. Returns seconds per step.
 */
export async function generateReferrals(pool: Db, size: ReferralsSize, who: { boardOrganisationId: string; coordinatorId: string; municipalityId: string }) {
  const client = await pool.$client.connect();
  try {
    return await load(drizzle(client), size, who);
  } finally {
    client.release();
  }
}

async function load(db: NodePgDatabase, size: ReferralsSize, who: { boardOrganisationId: string; coordinatorId: string; municipalityId: string }) {
  const steps: Record<string, number> = {};
  const step = async (name: string, q: ReturnType<typeof sql>) => {
    const t = Date.now();
    await db.execute(q);
    steps[name] = (Date.now() - t) / 1000;
  };
  const tables = ['referrals', 'referral_events', 'agenda_items'];
  const idx = await db.execute<{ indexdef: string; indexname: string }>(
    sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(${`{${tables.join(',')}}`}::text[]) AND indexname NOT LIKE '%_pkey' AND indexdef NOT LIKE '%UNIQUE%'`,
  );
  for (const r of idx.rows) await db.execute(sql.raw(`DROP INDEX ${r.indexname}`));
  await db.execute(sql`SET maintenance_work_mem = '512MB'`);
  await step(
    'services',
    sql`INSERT INTO services (organisation_id, name, summary, response_norm_working_days)
      SELECT o.id, 'Ondersteuning ' || o.name, 'Synthetisch aanbod voor de benchmark', 3 + (row_number() OVER (ORDER BY o.id)) % 8
      FROM organisations o WHERE o.id IN (SELECT DISTINCT organisation_id FROM users WHERE email LIKE '%@synthetisch.invalid')`,
  );
  await db.execute(sql`SET session_replication_role = replica`);
  await db.execute(sql`CREATE TEMP TABLE bench_services AS
    SELECT s.id, s.organisation_id, row_number() OVER (ORDER BY s.id) - 1 AS n FROM services s
    JOIN users u ON u.organisation_id = s.organisation_id AND u.email LIKE '%@synthetisch.invalid' GROUP BY s.id, s.organisation_id`);
  await db.execute(sql`CREATE INDEX ON bench_services (n)`);
  const [{ n: serviceCount }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM bench_services`)).rows as [{ n: number }];
  const [{ n: caseCount }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`)).rows as [{ n: number }];
  const [boardService] = (
    await db.execute<{ id: string }>(sql`SELECT id FROM services WHERE organisation_id = ${who.boardOrganisationId} ORDER BY name LIMIT 1`)
  ).rows as [{ id: string }];
  const BOARD = size.boardOpen * 11;
  // Statuses: the board's first `boardOpen` cycle through the open ones; all others are mostly finished.
  const OPEN = `ARRAY['sent','received','accepted','waiting_list','first_contact']::referral_status[]`;
  const MIX = `ARRAY['completed','completed','completed','completed','declined','declined','client_withdrew','could_not_contact','completed','completed',
                     'help_started','help_started','completed','completed','declined','completed','waiting_list','accepted','sent','completed']::referral_status[]`;
  await step(
    'referrals',
    sql`INSERT INTO referrals (id, case_id, person_id, service_id, receiving_organisation_id, sender_id, sender_organisation_id, purpose, question,
                               urgency, handover_kind, status, decline_reason, expected_start, norm_working_days, due_on, sent_at, answered_at,
                               help_started_at, closed_at, version, updated_at)
      SELECT bench_uuid('r' || g), c.id, c.client_id,
        CASE WHEN g < ${BOARD}::int THEN ${boardService.id}::uuid ELSE s.id END,
        CASE WHEN g < ${BOARD}::int THEN ${who.boardOrganisationId}::uuid ELSE s.organisation_id END, c.opened_by_id, u.organisation_id, 'Ondersteuning bij opvoeden',
        'Kunnen jullie dit gezin helpen? Moeder vraagt steun bij de opvoeding en de administratie.', 'normal', 'introduction_call',
        st.status, CASE WHEN st.status = 'declined' THEN 'no_capacity'::decline_reason END,
        CASE WHEN st.status = 'waiting_list' THEN date '2027-02-01' END, 5,
        (sent.at + (CASE WHEN g < ${size.boardOpen}::int AND g % 4 = 0 THEN -20 ELSE 7 END) * interval '1 day')::date,
        sent.at,
        CASE WHEN st.status NOT IN ('sent', 'received') THEN sent.at + interval '2 days' END,
        CASE WHEN st.status IN ('help_started', 'completed') THEN sent.at + interval '30 days' END,
        CASE WHEN st.status IN ('completed', 'declined', 'client_withdrew', 'could_not_contact') THEN sent.at + interval '90 days' END,
        1, sent.at
      FROM generate_series(0, ${size.referrals - 1}::int) g
      JOIN cases c ON c.id = bench_uuid('c' || (g % ${caseCount}::int))
      JOIN users u ON u.id = c.opened_by_id
      JOIN bench_services s ON s.n = g % ${serviceCount}::int
      CROSS JOIN LATERAL (SELECT CASE WHEN g < ${size.boardOpen}::int THEN now() - (g % 15) * interval '1 day'
                                      ELSE timestamptz '2025-01-01' + (g % 690) * interval '1 day' END AS at) sent
      CROSS JOIN LATERAL (SELECT CASE WHEN g < ${size.boardOpen}::int THEN (${sql.raw(OPEN)})[1 + g % 5]
                                      WHEN g < ${BOARD}::int THEN 'completed'::referral_status
                                      ELSE (${sql.raw(MIX)})[1 + g % 20] END AS status) st`,
  );
  await step('referral events', sql`INSERT INTO referral_events (referral_id, to_status, actor_id, at) SELECT id, 'sent', sender_id, sent_at FROM referrals`);
  await step(
    'meetings',
    sql`WITH t AS (
          INSERT INTO meeting_tables (id, name, type, municipality_id, chair_id, place, created_by_id)
          VALUES (bench_uuid('table-here'), 'RTO benchmark', 'rto', ${who.municipalityId}, ${who.coordinatorId}, 'Gemeentehuis', ${who.coordinatorId}),
                 (bench_uuid('table-there'), 'MDO elders', 'mdo', ${who.municipalityId}, ${who.coordinatorId}, 'Elders', ${who.coordinatorId})
          RETURNING id)
        INSERT INTO meetings (id, table_id, chair_id, starts_at, ends_at, place, created_by_id)
        VALUES (bench_uuid('meeting-here'), bench_uuid('table-here'), ${who.coordinatorId}, timestamptz '2030-01-07 09:00+01', timestamptz '2030-01-07 11:00+01', 'Gemeentehuis', ${who.coordinatorId}),
               (bench_uuid('meeting-there'), bench_uuid('table-there'), ${who.coordinatorId}, timestamptz '2030-01-08 09:00+01', timestamptz '2030-01-08 11:00+01', 'Elders', ${who.coordinatorId})`,
  );
  await step(
    'agenda items',
    sql`INSERT INTO agenda_items (meeting_id, position, kind, case_id, household_id, owner_id)
      SELECT bench_uuid('meeting-there'), g + 1, 'case', c.id, c.household_id, ${who.coordinatorId}
      FROM generate_series(0, ${size.openAgendaItems - 1}::int) g JOIN cases c ON c.id = bench_uuid('c' || g)`,
  );
  await db.execute(sql`SET session_replication_role = origin`);
  const t = Date.now();
  for (const r of idx.rows) await db.execute(sql.raw(r.indexdef));
  steps.indexes = (Date.now() - t) / 1000;
  const v = Date.now();
  await db.execute(sql.raw(`VACUUM ANALYZE ${tables.join(', ')}, services, meetings, meeting_tables`));
  steps.analyze = (Date.now() - v) / 1000;
  return steps;
}
