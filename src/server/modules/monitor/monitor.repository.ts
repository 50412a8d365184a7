import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export interface Period {
  municipalityId: string;
  /** Inclusive calendar dates (yyyy-mm-dd), Dutch time. */
  from: string;
  to: string;
}

/**
 * The monitor's figures for one municipality and period, as aggregates computed in SQL — no rows of persons ever
 * reach the app. Each count is a number of cases, households, signals, matches or referrals; suppression of small
 * numbers happens in the service, before anything leaves the server.
 */
export async function monitorFigures(db: DbOrTx, p: Period) {
  const res = await db.execute<Record<string, unknown>>(sql`
    WITH bounds AS (
      SELECT (${p.from}::date)::timestamp AT TIME ZONE 'Europe/Amsterdam' AS lo,
             ((${p.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') AS hi
    ),
    active_cases AS (
      SELECT c.* FROM cases c, bounds b
      WHERE c.municipality_id = ${p.municipalityId} AND c.created_at < b.hi AND (c.closed_at IS NULL OR c.closed_at >= b.lo)
    ),
    phases AS (SELECT phase::text AS k, count(*)::int AS n FROM active_cases GROUP BY phase),
    signal_orgs AS (
      SELECT o.type::text AS k, count(*)::int AS n
      FROM signals s JOIN organisations o ON o.id = s.organisation_id, bounds b
      WHERE s.municipality_id = ${p.municipalityId} AND s.created_at >= b.lo AND s.created_at < b.hi
      GROUP BY o.type
    ),
    regie AS (
      SELECT count(*) FILTER (WHERE director_id IS NOT NULL)::int AS with_director,
             count(*) FILTER (WHERE director_id IS NULL)::int AS without_director
      FROM cases WHERE municipality_id = ${p.municipalityId} AND phase <> 'afgesloten'
    ),
    m AS (
      SELECT count(*)::int AS n, count(*) FILTER (WHERE x.followed_up_at IS NOT NULL)::int AS followed,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.followed_up_at - x.created_at) / 86400)
               FILTER (WHERE x.followed_up_at IS NOT NULL) AS median_days
      FROM matches x JOIN households h ON h.id = x.household_id, bounds b
      WHERE h.municipality_id = ${p.municipalityId} AND x.created_at >= b.lo AND x.created_at < b.hi
    ),
    r AS (
      SELECT r.*, o.type::text AS org_type FROM referrals r JOIN cases c ON c.id = r.case_id
      JOIN organisations o ON o.id = r.receiving_organisation_id, bounds b
      WHERE c.municipality_id = ${p.municipalityId} AND r.sent_at >= b.lo AND r.sent_at < b.hi
    ),
    r_status AS (SELECT org_type AS row_k, status::text AS col_k, count(*)::int AS n FROM r GROUP BY org_type, status),
    r_declined AS (SELECT decline_reason::text AS k, count(*)::int AS n FROM r WHERE status = 'declined' GROUP BY decline_reason),
    r_norm AS (
      SELECT count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
             count(*) FILTER (WHERE answered_at IS NOT NULL AND (answered_at AT TIME ZONE 'Europe/Amsterdam')::date <= due_on)::int AS in_time
      FROM r
    ),
    dd AS (
      SELECT count(*) FILTER (WHERE w.outcome = 'warned')::int AS warned, count(*) FILTER (WHERE w.outcome = 'confirmed')::int AS confirmed
      FROM double_discussion_warnings w JOIN cases c ON c.id = w.case_id, bounds b
      WHERE c.municipality_id = ${p.municipalityId} AND w.at >= b.lo AND w.at < b.hi
    ),
    exp AS (
      SELECT e.heard AS k, count(*)::int AS n
      FROM meeting_experiences e JOIN meeting_tables t ON t.id = e.table_id, bounds b
      WHERE t.municipality_id = ${p.municipalityId} AND e.answered_at >= b.lo AND e.answered_at < b.hi
      GROUP BY e.heard
    )
    SELECT
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM phases) AS phases,
      (SELECT count(DISTINCT household_id)::int FROM active_cases) AS households,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM signal_orgs) AS signals_by_org_type,
      (SELECT to_jsonb(regie) FROM regie) AS regie,
      (SELECT to_jsonb(m) FROM m) AS matches,
      (SELECT coalesce(jsonb_agg(r_status), '[]'::jsonb) FROM r_status) AS referral_status,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM r_declined) AS declined_by_reason,
      (SELECT to_jsonb(r_norm) FROM r_norm) AS norm,
      (SELECT to_jsonb(dd) FROM dd) AS double_discussions,
      (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM exp) AS experience_heard`);
  const row = res.rows[0]!;
  return {
    phases: row.phases as Record<string, number>,
    households: row.households as number,
    signalsByOrgType: row.signals_by_org_type as Record<string, number>,
    regie: row.regie as { with_director: number; without_director: number },
    matches: row.matches as { n: number; followed: number; median_days: number | null },
    referralStatus: row.referral_status as { row_k: string; col_k: string; n: number }[],
    declinedByReason: row.declined_by_reason as Record<string, number>,
    norm: row.norm as { answered: number; in_time: number },
    doubleDiscussions: row.double_discussions as { warned: number; confirmed: number },
    experienceHeard: row.experience_heard as Record<string, number>,
  };
}
