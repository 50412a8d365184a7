import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from '../db/client.js';

export interface CasesSize {
  cases: number;
  /** Open cases put in the board's municipality (its households are moved there first). */
  boardMunicipalityCases: number;
  /** Cases whose care team includes the work-list user (who also gets actions and a long timeline there). */
  userCases: number;
  /** Timeline events per case, and for the work-list user's cases. */
  eventsPerCase: number;
  userCaseEvents: number;
}

/**
 * 300,000 cases on top of the synthetic families (generateFamilies must have run): case n is about the mother of
 * household n. Every case has a care team of three synthetic professionals with consent for case discussion, most
 * an accepted director, half an adopted family plan, and a timeline. The first `boardMunicipalityCases` cases are
 * open cases in `boardMunicipalityId`; `userId` is in the care team of `userCases` of them and owns plan actions
 * there. Bulk load like the families: triggers off, indexes rebuilt after. Returns seconds per step.
 */
export async function generateCases(pool: Db, size: CasesSize, who: { userId: string; organisationId: string; boardMunicipalityId: string }) {
  const client = await pool.$client.connect();
  try {
    return await load(drizzle(client), size, who);
  } finally {
    client.release();
  }
}

async function load(db: NodePgDatabase, size: CasesSize, who: { userId: string; organisationId: string; boardMunicipalityId: string }) {
  const steps: Record<string, number> = {};
  const step = async (name: string, q: ReturnType<typeof sql>) => {
    const t = Date.now();
    await db.execute(q);
    steps[name] = (Date.now() - t) / 1000;
  };
  const tables = ['cases', 'case_events', 'care_team_members', 'consents', 'case_directors', 'family_plans'];
  const idx = await db.execute<{ indexdef: string; indexname: string }>(
    sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(${`{${tables.join(',')}}`}::text[]) AND indexname NOT LIKE '%_pkey'`,
  );
  for (const r of idx.rows) await db.execute(sql.raw(`DROP INDEX ${r.indexname}`));
  await db.execute(sql`SET maintenance_work_mem = '512MB'`);
  await db.execute(sql`SET session_replication_role = replica`);
  const B = size.boardMunicipalityCases;
  const U = size.userCases;
  await step(
    'board municipality',
    sql`WITH moved AS (UPDATE households SET municipality_id = ${who.boardMunicipalityId}
          WHERE id IN (SELECT bench_uuid('h' || g) FROM generate_series(0, ${B - 1}::int) g) RETURNING id)
        UPDATE persons SET municipality_id = ${who.boardMunicipalityId} WHERE household_id IN (SELECT id FROM moved)`,
  );
  const profs = sql.raw(`(SELECT id, organisation_id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE email LIKE '%@synthetisch.invalid')`);
  // Phases: the board's cases are all open; of the rest 30% closed, the others spread over the three open phases.
  await step(
    'cases',
    sql`INSERT INTO cases (id, household_id, client_id, municipality_id, phase, phase_changed_at, phase_before_closing, close_reason, evaluation_note,
                           closed_at, opened_by_id, director_id, without_director_since, regie_escalated_at, created_at, updated_at)
      SELECT bench_uuid('c' || g), h.id, bench_uuid('p' || g), h.municipality_id, ph.phase,
        timestamptz '2026-01-01' + (g % 300) * interval '1 day',
        CASE WHEN ph.phase = 'afgesloten' THEN 'steun_op_maat'::case_phase END,
        CASE WHEN ph.phase = 'afgesloten' THEN 'goals_reached'::close_reason END,
        CASE WHEN ph.phase = 'afgesloten' THEN 'Doelen bereikt.' END,
        CASE WHEN ph.phase = 'afgesloten' THEN timestamptz '2026-06-01' + (g % 100) * interval '1 day' END,
        d.id,
        CASE WHEN g % 5 = 4 THEN NULL ELSE d.id END,
        CASE WHEN g % 5 = 4 THEN timestamptz '2026-01-01' + (g % 300) * interval '1 day' END,
        CASE WHEN g % 10 = 9 THEN timestamptz '2026-10-01' END,
        timestamptz '2025-06-01' + (g % 500) * interval '1 day', timestamptz '2026-01-01' + (g % 320) * interval '1 day'
      FROM generate_series(0, ${size.cases - 1}::int) g
      JOIN households h ON h.id = bench_uuid('h' || g)
      JOIN ${profs} d ON d.n = (g * 13) % 2000
      CROSS JOIN LATERAL (SELECT CASE WHEN g < ${B} THEN (ARRAY['signaleren','verkennen','steun_op_maat']::case_phase[])[1 + g % 3]
                                       ELSE (ARRAY['signaleren','verkennen','steun_op_maat','steun_op_maat','afgesloten','signaleren','verkennen','steun_op_maat','afgesloten','afgesloten']::case_phase[])[1 + g % 10] END AS phase) ph`,
  );
  await step(
    'care teams',
    sql`INSERT INTO care_team_members (case_id, user_id, organisation_id, role_in_case, source, since)
      SELECT c.id, u.id, u.organisation_id, 'betrokken professional', 'added', c.created_at
      FROM generate_series(0, ${size.cases - 1}::int) g
      JOIN cases c ON c.id = bench_uuid('c' || g)
      CROSS JOIN generate_series(0, 2) k
      JOIN ${profs} u ON u.n = (g * 13 + k * 701) % 2000
      UNION ALL
      SELECT bench_uuid('c' || g), ${who.userId}::uuid, ${who.organisationId}::uuid, 'jeugdverpleegkundige', 'added', timestamptz '2026-01-01'
      FROM generate_series(0, ${U - 1}::int) g`,
  );
  await step(
    'consents',
    sql`INSERT INTO consents (case_id, given_by_person_id, organisation_id, purpose, decision, valid_from, how, recorded_by_id, recorded_at)
      SELECT t.case_id, c.client_id, t.organisation_id, 'case_discussion', 'given', date '2025-06-01', 'spoken', c.opened_by_id, c.created_at
      FROM care_team_members t JOIN cases c ON c.id = t.case_id`,
  );
  await step(
    'directors',
    sql`INSERT INTO case_directors (case_id, user_id, kind, status, proposed_by_id, proposed_at, accepted_at)
      SELECT id, director_id, 'case', 'current', opened_by_id, created_at, created_at + interval '1 day' FROM cases
      WHERE director_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_directors d WHERE d.case_id = cases.id)`,
  );
  const content = (g: string, withUser: boolean) =>
    sql.raw(`jsonb_build_object(
      'members', jsonb_build_array(jsonb_build_object('personId', bench_uuid('p' || ${g}), 'name', 'Persoon', 'role', 'mother')),
      'informalNetwork', jsonb_build_array(jsonb_build_object('id', 'n1', 'name', 'Zus', 'relation', 'zus', 'contact', '')),
      'professionals', '[]'::jsonb,
      'strengths', 'Moeder is vindingrijk en heeft een zus in de buurt die helpt met de kinderen.',
      'concerns', 'Schulden bij meerdere partijen, weinig slaap, spanningen met de ex-partner.',
      'earlierHelp', 'Schuldhulpverlening in 2023, afgebroken na een verhuizing.',
      'goals', jsonb_build_array(
        jsonb_build_object('id', 'g1', 'lifeDomain', 'meedoen', 'text', 'Ik wil mijn post weer zelf kunnen regelen'),
        jsonb_build_object('id', 'g2', 'lifeDomain', 'mentaal_welbevinden', 'text', 'Ik wil beter slapen')),
      'actions', jsonb_build_array(
        jsonb_build_object('id', 'a1', 'what', 'Aanmelden bij schuldhulp', 'goalId', 'g1', 'ownerKind', 'professional',
          'ownerUserId', ${withUser ? `'${who.userId}'` : `(SELECT opened_by_id FROM cases WHERE id = bench_uuid('c' || ${g}))`}, 'ownerPersonId', null,
          'dueDate', (date '2026-09-01' + (${g} % 120))::text, 'status', 'open'),
        jsonb_build_object('id', 'a2', 'what', 'Post openen en sorteren', 'goalId', 'g1', 'ownerKind', 'family', 'ownerUserId', null,
          'ownerPersonId', bench_uuid('p' || ${g}), 'dueDate', '2027-03-01', 'status', 'open')),
      'evaluationDates', jsonb_build_array('2027-03-01'))`);
  await step(
    'plans',
    sql`INSERT INTO family_plans (case_id, number, status, content, created_by_id, adopted_at, adopted_by_id, parents_agreed, parents_present)
      SELECT bench_uuid('c' || g), 1, 'adopted', ${content('g', false)}, c.opened_by_id, c.created_at + interval '14 days', c.opened_by_id, true, true
      FROM generate_series(${U}::int, ${size.cases - 1}::int) g JOIN cases c ON c.id = bench_uuid('c' || g) WHERE g % 2 = 0
      UNION ALL
      SELECT bench_uuid('c' || g), 1, 'adopted', ${content('g', true)}, ${who.userId}::uuid, timestamptz '2026-02-01', ${who.userId}::uuid, true, true
      FROM generate_series(0, ${U - 1}::int) g`,
  );
  await step(
    'timeline',
    sql`INSERT INTO case_events (case_id, kind, actor_id, data, at)
      SELECT bench_uuid('c' || g), (ARRAY['note','consent','regie','phase','care_team','plan'])[1 + k % 6], c.opened_by_id,
        jsonb_build_object('text', 'Gesprek gehad met moeder over de voortgang ' || k), c.created_at + k * interval '3 days'
      FROM generate_series(0, ${size.cases - 1}::int) g
      JOIN cases c ON c.id = bench_uuid('c' || g)
      CROSS JOIN LATERAL generate_series(1, CASE WHEN g < ${U}::int THEN ${size.userCaseEvents}::int ELSE ${size.eventsPerCase}::int END) k`,
  );
  await db.execute(sql`SET session_replication_role = origin`);
  const t = Date.now();
  for (const r of idx.rows) await db.execute(sql.raw(r.indexdef));
  steps.indexes = (Date.now() - t) / 1000;
  const v = Date.now();
  await db.execute(sql.raw(`VACUUM ANALYZE ${tables.join(', ')}, households, persons`));
  steps.analyze = (Date.now() - v) / 1000;
  return steps;
}
