import { type SQL, sql } from 'drizzle-orm';
import { type Histogram, histogramCount, histogramPercentile } from '../../../domain/timeliness.js';
import type { DbOrTx } from '../../db/client.js';
import { day, factsFor, onOneSnapshot, uuidArray } from './monitor.facts.js';

export interface Scope {
  /** One municipality, a region's, or — in the benchmark — the whole country's. */
  municipalityIds: string[];
  /** Inclusive calendar dates (yyyy-mm-dd), Dutch time. */
  from: string;
  to: string;
}

const ids = (s: Scope): SQL => uuidArray(s.municipalityIds);
const bounds = (s: Scope): SQL => sql`
  bounds AS (
    SELECT (${s.from}::date)::timestamp AT TIME ZONE 'Europe/Amsterdam' AS lo,
           ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') AS hi
  )`;
/** A case of the scope that was open at some moment of the period (needs CTE `bounds b`). */
const activeCase = (s: Scope) => sql`c.municipality_id = ANY(${ids(s)}) AND c.created_at < b.hi AND (c.closed_at IS NULL OR c.closed_at >= b.lo)`;

export interface Timeliness {
  n: number;
  median: number | null;
  p80: number | null;
}

interface FactRow {
  metric: string;
  k: string;
  k2: string;
  n: number;
}

/** The facts of one metric as a histogram (value in k). */
const histogramOf = (facts: FactRow[], metric: string): Histogram => facts.filter((f) => f.metric === metric).map((f) => ({ value: Number(f.k), n: f.n }));
const countsOf = (facts: FactRow[], metric: string) =>
  Object.fromEntries(facts.filter((f) => f.metric === metric).map((f) => [f.k, f.n])) as Record<string, number>;
const timelinessOf = (h: Histogram): Timeliness => ({ n: histogramCount(h), median: histogramPercentile(h, 50), p80: histogramPercentile(h, 80) });

const TIMELINESS_KEYS = ['acknowledged', 'first_contact', 'support_started'] as const;
const DASHBOARD_METRICS = [
  ...TIMELINESS_KEYS,
  ...['signals', 'referrals', 'declined', 'answered', 'wait', 'matches', 'match_days', 'double_discussions', 'heard'],
];

/**
 * The monitor's figures for a scope and period, as aggregates computed in SQL — no rows of persons ever reach the
 * app. The event figures (signals, timeliness, referrals, matches, double discussions, experience) are summed from
 * the facts per municipality and month (`monitor.facts.ts`); the figures about the cases active in the period and
 * today's regie are counted from the cases themselves, which carry what they need (children per household, goal
 * attainment per plan). Suppression of small numbers happens in the service.
 */
export async function monitorFigures(db: DbOrTx, s: Scope) {
  const res = await onOneSnapshot(db, async (tx) =>
    tx.execute<Record<string, unknown>>(sql`
    WITH ${bounds(s)}, ${await factsFor(tx, s.municipalityIds, s.from, s.to, DASHBOARD_METRICS)},
    summed AS (SELECT metric, k, k2, sum(n)::int AS n FROM facts GROUP BY 1, 2, 3),
    active_cases AS MATERIALIZED (
      SELECT c.phase, c.household_id, c.children, c.goals_not_yet, c.goals_partly, c.goals_reached FROM cases c, bounds b
      WHERE ${activeCase(s)}
    ),
    -- Per phase: the cases, the children (born and unborn) in their households, and the goals in their latest adopted
    -- plans by attainment (summed over the phases below).
    phases AS (
      SELECT phase::text AS k, count(*)::int AS n, sum(children)::int AS children,
             sum(goals_not_yet)::int AS not_yet, sum(goals_partly)::int AS partly, sum(goals_reached)::int AS reached
      FROM active_cases GROUP BY phase
    ),
    today AS (SELECT working_index FROM calendar_days WHERE day = ${day(sql`now()`)}),
    regie AS (
      SELECT count(*) FILTER (WHERE c.director_id IS NOT NULL)::int AS with_director,
             count(*) FILTER (WHERE c.director_id IS NULL)::int AS without_director,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY (SELECT working_index FROM today) - cd.working_index)
               FILTER (WHERE c.director_id IS NULL AND cd.working_index IS NOT NULL) AS median_days_without
      FROM cases c LEFT JOIN calendar_days cd ON cd.day = ${day(sql`c.without_director_since`)}
      WHERE c.municipality_id = ANY(${ids(s)}) AND c.phase <> 'afgesloten'
    )
    SELECT
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM phases) AS phases,
      (SELECT coalesce(jsonb_object_agg(k, children), '{}'::jsonb) FROM phases) AS children,
      (SELECT count(DISTINCT household_id)::int FROM active_cases) AS households,
      (SELECT to_jsonb(regie) FROM regie) AS regie,
      (SELECT jsonb_build_object('not_yet', coalesce(sum(not_yet), 0), 'partly', coalesce(sum(partly), 0), 'reached', coalesce(sum(reached), 0)) FROM phases) AS goals,
      (SELECT coalesce(jsonb_agg(summed), '[]'::jsonb) FROM summed) AS facts`),
  );
  const row = res.rows[0]!;
  const facts = row.facts as FactRow[];
  const matches = countsOf(facts, 'matches');
  const answered = countsOf(facts, 'answered');
  const wait = histogramOf(facts, 'wait');
  const dd = countsOf(facts, 'double_discussions');
  return {
    phases: row.phases as Record<string, number>,
    children: row.children as Record<string, number>,
    households: row.households as number,
    signalsByOrgType: countsOf(facts, 'signals'),
    regie: row.regie as { with_director: number; without_director: number; median_days_without: number | null },
    matches: {
      n: (matches.followed ?? 0) + (matches.not_followed ?? 0),
      followed: matches.followed ?? 0,
      median_days: histogramPercentile(histogramOf(facts, 'match_days'), 50),
    },
    referralStatus: facts.filter((f) => f.metric === 'referrals').map((f) => ({ row_k: f.k, col_k: f.k2, n: f.n })),
    declinedByReason: countsOf(facts, 'declined'),
    norm: {
      answered: (answered.in_time ?? 0) + (answered.late ?? 0),
      in_time: answered.in_time ?? 0,
      started: histogramCount(wait),
      median_wait: histogramPercentile(wait, 50),
    },
    timeliness: Object.fromEntries(TIMELINESS_KEYS.map((k) => [k, timelinessOf(histogramOf(facts, k))])) as Record<string, Timeliness>,
    goals: row.goals as Record<string, number>,
    doubleDiscussions: { warned: dd.warned ?? 0, confirmed: dd.confirmed ?? 0 },
    experienceHeard: countsOf(facts, 'heard'),
  };
}

export const TREND_SERIES = ['signals', 'cases', 'referrals', 'matches'] as const;
export type Granularity = 'month' | 'quarter';

/** New signals, cases, referrals and matches per month or quarter of the period (Dutch time), summed from the facts. */
export async function monitorTrends(db: DbOrTx, s: Scope, g: Granularity) {
  const res = await onOneSnapshot(db, async (tx) =>
    tx.execute<{ series: string; bucket: string; n: number }>(sql`
    WITH ${await factsFor(tx, s.municipalityIds, s.from, s.to, TREND_SERIES)}
    SELECT metric AS series, date_trunc(${g}, month)::date::text AS bucket, sum(n)::int AS n FROM facts GROUP BY 1, 2`),
  );
  return res.rows;
}

/** Per municipality: households with a case, new signals, referrals sent and answered in time, regie — for comparison. */
export async function monitorComparison(db: DbOrTx, s: Scope) {
  const res = await onOneSnapshot(db, async (tx) =>
    tx.execute<{
      municipality_id: string;
      households: number;
      signals: number;
      referrals: number;
      answered: number;
      in_time: number;
      with_director: number;
      without_director: number;
    }>(sql`
    WITH ${bounds(s)}, ${await factsFor(tx, s.municipalityIds, s.from, s.to, ['signals', 'referrals', 'answered'])},
    mun AS (SELECT unnest(${ids(s)}) AS id),
    hh AS (
      SELECT c.municipality_id AS id, count(DISTINCT c.household_id)::int AS households FROM cases c, bounds b
      WHERE ${activeCase(s)} GROUP BY 1
    ),
    ev AS (
      SELECT municipality_id AS id, sum(n) FILTER (WHERE metric = 'signals')::int AS signals,
             sum(n) FILTER (WHERE metric = 'referrals')::int AS referrals,
             sum(n) FILTER (WHERE metric = 'answered')::int AS answered,
             sum(n) FILTER (WHERE metric = 'answered' AND k = 'in_time')::int AS in_time
      FROM facts GROUP BY 1
    ),
    rg AS (
      SELECT c.municipality_id AS id, count(*) FILTER (WHERE c.director_id IS NOT NULL)::int AS with_director,
             count(*) FILTER (WHERE c.director_id IS NULL)::int AS without_director
      FROM cases c WHERE c.municipality_id = ANY(${ids(s)}) AND c.phase <> 'afgesloten' GROUP BY 1
    )
    SELECT mun.id AS municipality_id, coalesce(hh.households, 0) AS households, coalesce(ev.signals, 0) AS signals,
           coalesce(ev.referrals, 0) AS referrals, coalesce(ev.answered, 0) AS answered, coalesce(ev.in_time, 0) AS in_time,
           coalesce(rg.with_director, 0) AS with_director, coalesce(rg.without_director, 0) AS without_director
    FROM mun LEFT JOIN hh ON hh.id = mun.id LEFT JOIN ev ON ev.id = mun.id LEFT JOIN rg ON rg.id = mun.id`),
  );
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
  const res = await onOneSnapshot(db, async (tx) =>
    tx.execute<{ a: string; b: string; kind: EdgeKind; n: number }>(sql`
    WITH ${bounds(s)}, ${await factsFor(tx, s.municipalityIds, s.from, s.to, ['referral_edges'])},
    -- Per case active in the period, the organisations of its care team (kept on the case), as pairs.
    teams AS (
      SELECT c.team_organisations AS orgs FROM cases c, bounds b
      WHERE ${activeCase(s)}
        AND cardinality(c.team_organisations) > 1
    ),
    attendance AS (
      SELECT DISTINCT i.meeting_id, i.organisation_id AS org
      FROM meeting_invitees i JOIN meetings mt ON mt.id = i.meeting_id JOIN meeting_tables t ON t.id = mt.table_id, bounds b
      WHERE t.municipality_id = ANY(${ids(s)}) AND mt.status <> 'cancelled' AND mt.starts_at >= b.lo AND mt.starts_at < b.hi
    )
    SELECT x.a, x.b, 'care_team' AS kind, count(*)::int AS n
      FROM teams CROSS JOIN LATERAL (
        SELECT p.o AS a, q.o AS b FROM unnest(teams.orgs) p (o) JOIN unnest(teams.orgs) q (o) ON p.o < q.o
      ) x GROUP BY 1, 2
    UNION ALL
    SELECT x.k::uuid, x.k2::uuid, 'referral', x.n FROM (SELECT k, k2, sum(n)::int AS n FROM facts GROUP BY 1, 2) x
    UNION ALL
    SELECT x.org, y.org, 'meeting', count(*)::int
      FROM attendance x JOIN attendance y ON y.meeting_id = x.meeting_id AND x.org < y.org GROUP BY 1, 2`),
  );
  const partners = [...new Set(res.rows.flatMap((e) => [e.a, e.b]))];
  const orgs = await db.execute<{ id: string; name: string; type: string }>(sql`
    SELECT o.id, o.name, o.type::text AS type FROM organisations o
    WHERE (o.active AND o.region_id IN (SELECT region_id FROM municipalities WHERE id = ANY(${ids(s)})))
       OR o.id = ANY(${uuidArray(partners)})
    ORDER BY o.name`);
  return { edges: res.rows, organisations: orgs.rows };
}
