import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export interface Scope {
  /** One municipality, a region's, or — in the benchmark — the whole country's. */
  municipalityIds: string[];
  /** Inclusive calendar dates (yyyy-mm-dd), Dutch time. */
  from: string;
  to: string;
}

/** A PostgreSQL uuid[] literal as one parameter (drizzle spreads a JS array into a list). */
const ids = (s: Scope): SQL => sql`${`{${s.municipalityIds.join(',')}}`}::uuid[]`;
const bounds = (s: Scope): SQL => sql`
  bounds AS (
    SELECT (${s.from}::date)::timestamp AT TIME ZONE 'Europe/Amsterdam' AS lo,
           ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') AS hi
  )`;
/** A timestamp's Dutch calendar day. */
const day = (col: SQL) => sql`((${col}) AT TIME ZONE 'Europe/Amsterdam')::date`;

export interface Timeliness {
  n: number;
  median: number | null;
  p80: number | null;
}

/**
 * The monitor's figures for a scope and period, as aggregates computed in one SQL statement — no rows of persons
 * ever reach the app. Each count is a number of cases, households, signals, matches, referrals or goals; working
 * days come from the calendar table (kp_working_days); suppression of small numbers happens in the service.
 */
export async function monitorFigures(db: DbOrTx, s: Scope) {
  const res = await db.execute<Record<string, unknown>>(sql`
    WITH ${bounds(s)},
    active_cases AS (
      SELECT c.id, c.phase, c.household_id FROM cases c, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND c.created_at < b.hi AND (c.closed_at IS NULL OR c.closed_at >= b.lo)
    ),
    phases AS (SELECT phase::text AS k, count(*)::int AS n FROM active_cases GROUP BY phase),
    -- Children (born and unborn) in the households of those cases, by the case's phase.
    children AS (
      SELECT c.phase::text AS k, count(*)::int AS n
      FROM active_cases c JOIN persons p ON p.household_id = c.household_id
      WHERE p.household_role IN ('child', 'unborn') AND p.deceased_on IS NULL
      GROUP BY c.phase
    ),
    signal_orgs AS (
      SELECT o.type::text AS k, count(*)::int AS n
      FROM signals s JOIN organisations o ON o.id = s.organisation_id, bounds b
      WHERE s.municipality_id = ANY(${ids(s)}) AND s.created_at >= b.lo AND s.created_at < b.hi
      GROUP BY o.type
    ),
    today AS (SELECT working_index FROM calendar_days WHERE day = ${day(sql`now()`)}),
    regie AS (
      SELECT count(*) FILTER (WHERE c.director_id IS NOT NULL)::int AS with_director,
             count(*) FILTER (WHERE c.director_id IS NULL)::int AS without_director,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY (SELECT working_index FROM today) - cd.working_index)
               FILTER (WHERE c.director_id IS NULL AND cd.working_index IS NOT NULL) AS median_days_without
      FROM cases c LEFT JOIN calendar_days cd ON cd.day = ${day(sql`c.without_director_since`)}
      WHERE c.municipality_id = ANY(${ids(s)}) AND c.phase <> 'afgesloten'
    ),
    m AS (
      SELECT count(*)::int AS n, count(*) FILTER (WHERE x.followed_up_at IS NOT NULL)::int AS followed,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.followed_up_at - x.created_at) / 86400)
               FILTER (WHERE x.followed_up_at IS NOT NULL) AS median_days
      FROM matches x JOIN households h ON h.id = x.household_id, bounds b
      WHERE h.municipality_id = ANY(${ids(s)}) AND x.created_at >= b.lo AND x.created_at < b.hi
    ),
    r AS (
      SELECT r.status, r.decline_reason, r.answered_at, r.due_on, r.sent_at, r.help_started_at, o.type::text AS org_type
      FROM referrals r JOIN cases c ON c.id = r.case_id
      JOIN organisations o ON o.id = r.receiving_organisation_id, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND r.sent_at >= b.lo AND r.sent_at < b.hi
    ),
    r_status AS (SELECT org_type AS row_k, status::text AS col_k, count(*)::int AS n FROM r GROUP BY org_type, status),
    r_declined AS (SELECT decline_reason::text AS k, count(*)::int AS n FROM r WHERE status = 'declined' GROUP BY decline_reason),
    r_norm AS (
      SELECT count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
             count(*) FILTER (WHERE answered_at IS NOT NULL AND ${day(sql`answered_at`)} <= due_on)::int AS in_time,
             count(*) FILTER (WHERE help_started_at IS NOT NULL)::int AS started,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY greatest(0, cb.working_index - ca.working_index)) FILTER (WHERE help_started_at IS NOT NULL) AS median_wait
      FROM r LEFT JOIN calendar_days ca ON ca.day = ${day(sql`r.sent_at`)} LEFT JOIN calendar_days cb ON cb.day = ${day(sql`r.help_started_at`)}
    ),
    -- Timeliness: from the signal (or the case's opening, without one) to the hub's acknowledgement, the first
    -- contact (the case in Verkennen, or a referral's first contact) and the start of support (Steun op maat, or
    -- help started after a referral), in Dutch working days: differences of the calendar's running count, joined
    -- set-wise. The milestones are columns of the case, kept by triggers (migration 0023).
    milestones AS (
      SELECT ${day(sql`coalesce(sg.created_at, c.created_at)`)} AS start_day,
             ${day(sql`c.first_contact_at`)} AS contact_day, ${day(sql`c.support_started_at`)} AS support_day
      FROM cases c LEFT JOIN signals sg ON sg.id = c.signal_id, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND c.created_at >= b.lo AND c.created_at < b.hi
    ),
    spans AS (
      SELECT 'acknowledged' AS k, ${day(sql`s.created_at`)} AS a, ${day(sql`s.acknowledged_at`)} AS b
      FROM signals s, bounds b
      WHERE s.municipality_id = ANY(${ids(s)}) AND s.created_at >= b.lo AND s.created_at < b.hi AND s.acknowledged_at IS NOT NULL
      UNION ALL
      SELECT 'first_contact', start_day, contact_day FROM milestones WHERE contact_day IS NOT NULL
      UNION ALL
      SELECT 'support_started', start_day, support_day FROM milestones WHERE support_day IS NOT NULL
    ),
    timeliness AS (
      SELECT k, count(*)::int AS n,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY d) AS median,
             percentile_disc(0.8) WITHIN GROUP (ORDER BY d) AS p80
      FROM (SELECT x.k, greatest(0, cb.working_index - ca.working_index) AS d
            FROM spans x JOIN calendar_days ca ON ca.day = x.a JOIN calendar_days cb ON cb.day = x.b) d
      GROUP BY k
    ),
    goals AS (
      SELECT coalesce(g->>'attainment', 'not_yet') AS k, count(*)::int AS n
      FROM active_cases c
      JOIN LATERAL (SELECT p.content FROM family_plans p WHERE p.case_id = c.id AND p.status = 'adopted' ORDER BY p.number DESC LIMIT 1) p ON true
      CROSS JOIN LATERAL jsonb_array_elements(p.content->'goals') g
      GROUP BY 1
    ),
    dd AS (
      SELECT count(*) FILTER (WHERE w.outcome = 'warned')::int AS warned, count(*) FILTER (WHERE w.outcome = 'confirmed')::int AS confirmed
      FROM double_discussion_warnings w JOIN cases c ON c.id = w.case_id, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND w.at >= b.lo AND w.at < b.hi
    ),
    exp AS (
      SELECT e.heard AS k, count(*)::int AS n
      FROM meeting_experiences e JOIN meeting_tables t ON t.id = e.table_id, bounds b
      WHERE t.municipality_id = ANY(${ids(s)}) AND e.answered_at >= b.lo AND e.answered_at < b.hi
      GROUP BY e.heard
    )
    SELECT
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM phases) AS phases,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM children) AS children,
      (SELECT count(DISTINCT household_id)::int FROM active_cases) AS households,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM signal_orgs) AS signals_by_org_type,
      (SELECT to_jsonb(regie) FROM regie) AS regie,
      (SELECT to_jsonb(m) FROM m) AS matches,
      (SELECT coalesce(jsonb_agg(r_status), '[]'::jsonb) FROM r_status) AS referral_status,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM r_declined) AS declined_by_reason,
      (SELECT to_jsonb(r_norm) FROM r_norm) AS norm,
      (SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('n', n, 'median', median, 'p80', p80)), '{}'::jsonb) FROM timeliness) AS timeliness,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM goals) AS goals,
      (SELECT to_jsonb(dd) FROM dd) AS double_discussions,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM exp) AS experience_heard`);
  const row = res.rows[0]!;
  return {
    phases: row.phases as Record<string, number>,
    children: row.children as Record<string, number>,
    households: row.households as number,
    signalsByOrgType: row.signals_by_org_type as Record<string, number>,
    regie: row.regie as { with_director: number; without_director: number; median_days_without: number | null },
    matches: row.matches as { n: number; followed: number; median_days: number | null },
    referralStatus: row.referral_status as { row_k: string; col_k: string; n: number }[],
    declinedByReason: row.declined_by_reason as Record<string, number>,
    norm: row.norm as { answered: number; in_time: number; started: number; median_wait: number | null },
    timeliness: row.timeliness as Record<string, Timeliness>,
    goals: row.goals as Record<string, number>,
    doubleDiscussions: row.double_discussions as { warned: number; confirmed: number },
    experienceHeard: row.experience_heard as Record<string, number>,
  };
}

export const TREND_SERIES = ['signals', 'cases', 'referrals', 'matches'] as const;
export type Granularity = 'month' | 'quarter';

/** New signals, cases, referrals and matches per month or quarter of the period (Dutch time), counted in SQL. */
export async function monitorTrends(db: DbOrTx, s: Scope, g: Granularity) {
  const bucket = (col: string) => sql`date_trunc(${g}, ${sql.raw(col)} AT TIME ZONE 'Europe/Amsterdam')::date`;
  const res = await db.execute<{ series: string; bucket: string; n: number }>(sql`
    WITH ${bounds(s)}
    SELECT 'signals' AS series, ${bucket('s.created_at')}::text AS bucket, count(*)::int AS n
      FROM signals s, bounds b WHERE s.municipality_id = ANY(${ids(s)}) AND s.created_at >= b.lo AND s.created_at < b.hi GROUP BY 2
    UNION ALL
    SELECT 'cases', ${bucket('c.created_at')}::text, count(*)::int
      FROM cases c, bounds b WHERE c.municipality_id = ANY(${ids(s)}) AND c.created_at >= b.lo AND c.created_at < b.hi GROUP BY 2
    UNION ALL
    SELECT 'referrals', ${bucket('r.sent_at')}::text, count(*)::int
      FROM referrals r JOIN cases c ON c.id = r.case_id, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND r.sent_at >= b.lo AND r.sent_at < b.hi GROUP BY 2
    UNION ALL
    SELECT 'matches', ${bucket('x.created_at')}::text, count(*)::int
      FROM matches x JOIN households h ON h.id = x.household_id, bounds b
      WHERE h.municipality_id = ANY(${ids(s)}) AND x.created_at >= b.lo AND x.created_at < b.hi GROUP BY 2`);
  return res.rows;
}

/** Per municipality: households with a case, new signals, referrals sent and answered in time, regie — for comparison; one pass per table, grouped. */
export async function monitorComparison(db: DbOrTx, s: Scope) {
  const res = await db.execute<{
    municipality_id: string;
    households: number;
    signals: number;
    referrals: number;
    answered: number;
    in_time: number;
    with_director: number;
    without_director: number;
  }>(sql`
    WITH ${bounds(s)},
    mun AS (SELECT unnest(${ids(s)}) AS id),
    hh AS (
      SELECT c.municipality_id AS id, count(DISTINCT c.household_id)::int AS households FROM cases c, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND c.created_at < b.hi AND (c.closed_at IS NULL OR c.closed_at >= b.lo) GROUP BY 1
    ),
    sg AS (
      SELECT x.municipality_id AS id, count(*)::int AS signals FROM signals x, bounds b
      WHERE x.municipality_id = ANY(${ids(s)}) AND x.created_at >= b.lo AND x.created_at < b.hi GROUP BY 1
    ),
    rf AS (
      SELECT c.municipality_id AS id, count(*)::int AS referrals,
             count(*) FILTER (WHERE rr.answered_at IS NOT NULL)::int AS answered,
             count(*) FILTER (WHERE rr.answered_at IS NOT NULL AND ${day(sql`rr.answered_at`)} <= rr.due_on)::int AS in_time
      FROM referrals rr JOIN cases c ON c.id = rr.case_id, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND rr.sent_at >= b.lo AND rr.sent_at < b.hi GROUP BY 1
    ),
    rg AS (
      SELECT c.municipality_id AS id, count(*) FILTER (WHERE c.director_id IS NOT NULL)::int AS with_director,
             count(*) FILTER (WHERE c.director_id IS NULL)::int AS without_director
      FROM cases c WHERE c.municipality_id = ANY(${ids(s)}) AND c.phase <> 'afgesloten' GROUP BY 1
    )
    SELECT mun.id AS municipality_id, coalesce(hh.households, 0) AS households, coalesce(sg.signals, 0) AS signals,
           coalesce(rf.referrals, 0) AS referrals, coalesce(rf.answered, 0) AS answered, coalesce(rf.in_time, 0) AS in_time,
           coalesce(rg.with_director, 0) AS with_director, coalesce(rg.without_director, 0) AS without_director
    FROM mun LEFT JOIN hh ON hh.id = mun.id LEFT JOIN sg ON sg.id = mun.id LEFT JOIN rf ON rf.id = mun.id LEFT JOIN rg ON rg.id = mun.id`);
  return res.rows;
}

export const EDGE_KINDS = ['care_team', 'referral', 'meeting'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/**
 * Which organisations actually worked together in the period: members of the same care team (cases active in the
 * period), referrals from one to the other, and taking part in the same meeting. Each edge counts distinct cases,
 * referrals or meetings. The nodes are the scope's region organisations, so isolated ones show too.
 */
export async function monitorNetwork(db: DbOrTx, s: Scope) {
  const res = await db.execute<{ a: string; b: string; kind: EdgeKind; n: number }>(sql`
    WITH ${bounds(s)},
    active_cases AS (
      SELECT c.id FROM cases c, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND c.created_at < b.hi AND (c.closed_at IS NULL OR c.closed_at >= b.lo)
    ),
    team AS (SELECT DISTINCT m.case_id, m.organisation_id AS org FROM care_team_members m JOIN active_cases c ON c.id = m.case_id),
    attendance AS (
      SELECT DISTINCT i.meeting_id, i.organisation_id AS org
      FROM meeting_invitees i JOIN meetings mt ON mt.id = i.meeting_id JOIN meeting_tables t ON t.id = mt.table_id, bounds b
      WHERE t.municipality_id = ANY(${ids(s)}) AND mt.status <> 'cancelled' AND mt.starts_at >= b.lo AND mt.starts_at < b.hi
    )
    SELECT x.org AS a, y.org AS b, 'care_team' AS kind, count(*)::int AS n
      FROM team x JOIN team y ON y.case_id = x.case_id AND x.org < y.org GROUP BY 1, 2
    UNION ALL
    SELECT least(r.sender_organisation_id, r.receiving_organisation_id), greatest(r.sender_organisation_id, r.receiving_organisation_id), 'referral', count(*)::int
      FROM referrals r JOIN cases c ON c.id = r.case_id, bounds b
      WHERE c.municipality_id = ANY(${ids(s)}) AND r.sent_at >= b.lo AND r.sent_at < b.hi AND r.sender_organisation_id <> r.receiving_organisation_id
      GROUP BY 1, 2
    UNION ALL
    SELECT x.org, y.org, 'meeting', count(*)::int
      FROM attendance x JOIN attendance y ON y.meeting_id = x.meeting_id AND x.org < y.org GROUP BY 1, 2`);
  const partners = [...new Set(res.rows.flatMap((e) => [e.a, e.b]))];
  const orgs = await db.execute<{ id: string; name: string; type: string }>(sql`
    SELECT o.id, o.name, o.type::text AS type FROM organisations o
    WHERE (o.active AND o.region_id IN (SELECT region_id FROM municipalities WHERE id = ANY(${ids(s)})))
       OR o.id = ANY(${`{${partners.join(',')}}`}::uuid[])
    ORDER BY o.name`);
  return { edges: res.rows, organisations: orgs.rows };
}
