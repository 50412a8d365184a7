import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { CasePhase } from '../../../domain/cases.js';
import type { PlanAction } from '../../../domain/family-plan.js';
import type { DbOrTx } from '../../db/client.js';

export interface MyCaseRow {
  id: string;
  /** For the access log only: every client a list shows is named there. */
  clientId: string;
  phase: CasePhase;
  updatedAt: Date;
  clientName: string;
  municipalityName: string;
  roleInCase: string;
  since: Date;
  directorId: string | null;
  directorName: string | null;
  proposal: { id: string; kind: 'case' | 'process' } | null;
  hasAdoptedPlan: boolean;
  myActions: PlanAction[];
}

const myCaseRow = (r: Record<string, unknown>): MyCaseRow => ({
  id: r.id as string,
  clientId: r.client_id as string,
  phase: r.phase as CasePhase,
  updatedAt: new Date(r.updated_at as string),
  clientName: r.client_name as string,
  municipalityName: r.municipality_name as string,
  roleInCase: r.role_in_case as string,
  since: new Date(r.since as string),
  directorId: (r.director_id as string | null) ?? null,
  directorName: (r.director_name as string | null) ?? null,
  proposal: (r.proposal as MyCaseRow['proposal']) ?? null,
  hasAdoptedPlan: r.has_adopted_plan as boolean,
  myActions: r.my_actions as PlanAction[],
});

/**
 * "My cases" in one prepared statement: every case where the user is in the care team with what they must do next
 * — a regie proposal to answer, and their open actions in the current (latest adopted) family plan — ordered by
 * urgency (closed cases last), one page of it, and the access-log row naming each client on that page (or one
 * without subject for an empty page). The urgency is `worklists.service nextStep` written in SQL, so that the page
 * can be cut and logged in the statement; a test holds the two to the same order.
 */
export async function myCasesAndLog(
  pool: pg.Pool,
  userId: string,
  today: string,
  page: { limit: number; offset: number },
  who: ListViewer,
): Promise<{ total: number; items: MyCaseRow[] }> {
  const res = await pool.query<{ total: string; items: Record<string, unknown>[] }>({
    name: 'kp_my_cases',
    text: `
    WITH mine AS (
      SELECT c.id, c.client_id, c.phase, c.updated_at, trim(p.given_name || ' ' || p.family_name) AS client_name, m.name AS municipality_name,
        t.role_in_case, t.since, c.director_id, d.display_name AS director_name,
        (SELECT jsonb_build_object('id', x.id, 'kind', x.kind) FROM case_directors x
          WHERE x.case_id = c.id AND x.user_id = $1::uuid AND x.status = 'proposed' LIMIT 1) AS proposal,
        cur.case_id IS NOT NULL AS has_adopted_plan, coalesce(cur.my_actions, '[]'::jsonb) AS my_actions
      FROM care_team_members t
      JOIN cases c ON c.id = t.case_id
      JOIN persons p ON p.id = c.client_id
      JOIN municipalities m ON m.id = c.municipality_id
      LEFT JOIN users d ON d.id = c.director_id
      -- Only the user's open actions leave the plan's JSON.
      LEFT JOIN LATERAL (
        SELECT fp.case_id, (SELECT jsonb_agg(a ORDER BY a->>'dueDate' NULLS LAST) FROM jsonb_array_elements(fp.content->'actions') a
                            WHERE a->>'ownerUserId' = $1::text AND a->>'status' IN ('open', 'in_progress')) AS my_actions
        FROM family_plans fp WHERE fp.case_id = c.id AND fp.status = 'adopted' ORDER BY fp.number DESC LIMIT 1) cur ON true
      WHERE t.user_id = $1::uuid AND t.ended_at IS NULL
    ), ranked AS (
      SELECT mine.*, CASE
          WHEN proposal IS NOT NULL THEN 0
          WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(my_actions) a WHERE a->>'dueDate' < $2::text) THEN 1
          WHEN director_id = $1::uuid AND NOT has_adopted_plan AND phase <> 'afgesloten' THEN 2
          WHEN jsonb_array_length(my_actions) > 0 THEN 3
          ELSE 4 END AS urgency
      FROM mine
    ), page AS (
      SELECT * FROM ranked ORDER BY phase = 'afgesloten', urgency, updated_at DESC, id LIMIT $3::int OFFSET $4::int
    ), logged AS (
      INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, purpose, ip, user_agent)
      SELECT 'read'::access_event_type, $1::uuid, $5::role, $6::uuid, s.client_id, 'case', 'mijn casussen', $7::inet, $8::text
      FROM (SELECT DISTINCT client_id FROM page) s
      UNION ALL
      SELECT 'read'::access_event_type, $1::uuid, $5::role, $6::uuid, NULL::uuid, 'case', 'mijn casussen', $7::inet, $8::text
      WHERE NOT EXISTS (SELECT 1 FROM page)
    )
    SELECT (SELECT count(*) FROM ranked) AS total,
      coalesce((SELECT jsonb_agg(to_jsonb(page) ORDER BY page.phase = 'afgesloten', page.urgency, page.updated_at DESC, page.id) FROM page), '[]'::jsonb) AS items`,
    values: [userId, today, page.limit, page.offset, who.role, who.organisationId, who.ip, who.userAgent],
  });
  return { total: Number(res.rows[0]!.total), items: res.rows[0]!.items.map(myCaseRow) };
}

export interface BoardFilter {
  municipalityIds: string[];
  phase?: CasePhase;
  withoutDirector?: boolean;
  escalated?: boolean;
  limit: number;
  offset: number;
}

export interface BoardCounts {
  phases: Record<CasePhase, number>;
  withoutDirector: number;
  escalated: number;
  intake: number;
  unfollowedMatches: number;
  emergencyToReview: number;
}

export interface BoardCaseRow {
  id: string;
  clientId: string;
  phase: CasePhase;
  municipalityName: string;
  clientName: string;
  directorName: string | null;
  withoutDirectorSince: Date | null;
  regieEscalatedAt: Date | null;
  teamSize: number;
  updatedAt: Date;
}

/** Who looks at a list, for its access-log rows. */
export interface ListViewer {
  userId: string;
  role: string;
  organisationId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/**
 * The filter of the board's list and the order that its index delivers (PostgreSQL uses an index for ORDER BY
 * only when the null ordering matches too; updated_at is never null, so both orders sort alike).
 */
function boardShape(f: BoardFilter) {
  const where = [f.phase ? 'c.phase = $5::case_phase' : "c.phase <> 'afgesloten'"];
  if (f.withoutDirector) where.push("c.without_director_since IS NOT NULL AND c.phase <> 'afgesloten'");
  if (f.escalated) where.push("c.regie_escalated_at IS NOT NULL AND c.director_id IS NULL AND c.phase <> 'afgesloten'");
  // cases_board_idx (municipality, phase, updated_at) read backwards gives DESC NULLS FIRST; the open, without-director
  // and escalated partial indexes are (municipality, updated_at DESC NULLS LAST).
  const order = f.phase && !f.withoutDirector && !f.escalated ? 'updated_at DESC' : 'updated_at DESC NULLS LAST';
  const name = `kp_board_${f.phase ? 'p' : 'o'}${f.withoutDirector ? 'w' : ''}${f.escalated ? 'e' : ''}`;
  return { where: where.join(' AND '), order, name };
}

/**
 * The hub board in one prepared statement: the counts for the coordinator's municipalities, one page of the filtered
 * list (most recently changed first) with the total of that list, and the access-log row naming each client shown
 * (NEN 7513: who saw whom), or one without subject for an empty page. A single statement is atomic and one round
 * trip; each part reads an index (see migrations 0016, 0017, 0031 and 0032):
 *   - each municipality's page is read in index order (LATERAL per municipality: an ordered index scan cannot serve
 *     `municipality_id = ANY(…)`), so a page costs `limit + offset` index entries and heap rows, not a sort of every
 *     open case of the municipality (5,500 in the benchmark: 4,400 heap pages a request);
 *   - the counts are index-only scans over partial indexes; unfollowed matches by the match's own municipality.
 */
export async function boardAndLog(
  pool: pg.Pool,
  f: BoardFilter,
  matchesBefore: Date,
  who: ListViewer,
): Promise<{ counts: BoardCounts; total: number; items: BoardCaseRow[] }> {
  const shape = boardShape(f);
  // Two filters at once have no count of their own among the counts: the statement counts that list too.
  const combined = [Boolean(f.phase), Boolean(f.withoutDirector), Boolean(f.escalated)].filter(Boolean).length > 1;
  const text = `
    WITH counts AS (
      SELECT
        (SELECT count(*) FROM cases WHERE municipality_id = ANY($1::uuid[]) AND phase = 'signaleren') AS signaleren,
        (SELECT count(*) FROM cases WHERE municipality_id = ANY($1::uuid[]) AND phase = 'verkennen') AS verkennen,
        (SELECT count(*) FROM cases WHERE municipality_id = ANY($1::uuid[]) AND phase = 'steun_op_maat') AS steun_op_maat,
        (SELECT count(*) FROM cases WHERE municipality_id = ANY($1::uuid[]) AND phase = 'afgesloten') AS afgesloten,
        (SELECT count(*) FROM cases WHERE municipality_id = ANY($1::uuid[]) AND without_director_since IS NOT NULL AND phase <> 'afgesloten') AS without_director,
        (SELECT count(*) FROM cases WHERE municipality_id = ANY($1::uuid[]) AND regie_escalated_at IS NOT NULL AND director_id IS NULL AND phase <> 'afgesloten') AS escalated,
        (SELECT count(*) FROM signals WHERE municipality_id = ANY($1::uuid[]) AND to_hub AND decision IS NULL) AS intake,
        (SELECT count(*) FROM matches WHERE municipality_id = ANY($1::uuid[]) AND followed_up_at IS NULL AND created_at < $2::timestamptz) AS unfollowed,
        (SELECT count(*) FROM emergency_access e JOIN cases c ON c.id = e.case_id WHERE e.review IS NULL AND c.municipality_id = ANY($1::uuid[])) AS emergency,
        $5::case_phase AS phase_asked, -- typed here too: the open list's statement reads no phase parameter
        ${combined ? `(SELECT count(*) FROM cases c WHERE c.municipality_id = ANY($1::uuid[]) AND ${shape.where})` : 'NULL::bigint'} AS filtered
    ), page AS (
      SELECT c.* FROM unnest($1::uuid[]) AS mid(id), LATERAL (
        SELECT c.id, c.client_id, c.phase, c.municipality_id, c.director_id, c.without_director_since, c.regie_escalated_at, c.updated_at
        FROM cases c WHERE c.municipality_id = mid.id AND ${shape.where}
        ORDER BY c.${shape.order} LIMIT $3::int + $4::int) c
      ORDER BY c.${shape.order}, c.id LIMIT $3::int OFFSET $4::int
    ), items AS (
      SELECT c.id, c.client_id, c.phase, m.name AS municipality_name, trim(p.given_name || ' ' || p.family_name) AS client_name,
        d.display_name AS director_name, c.without_director_since, c.regie_escalated_at, c.updated_at,
        (SELECT count(*) FROM care_team_members t WHERE t.case_id = c.id AND t.ended_at IS NULL)::int AS team_size
      FROM page c
      JOIN persons p ON p.id = c.client_id
      JOIN municipalities m ON m.id = c.municipality_id
      LEFT JOIN users d ON d.id = c.director_id
    ), logged AS (
      INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, purpose, ip, user_agent)
      SELECT 'read'::access_event_type, $6::uuid, $7::role, $8::uuid, s.client_id, 'case', 'casusbord knooppunt', $9::inet, $10::text
      FROM (SELECT DISTINCT client_id FROM page) s
      UNION ALL
      SELECT 'read'::access_event_type, $6::uuid, $7::role, $8::uuid, NULL::uuid, 'case', 'casusbord knooppunt', $9::inet, $10::text
      WHERE NOT EXISTS (SELECT 1 FROM page)
    )
    SELECT (SELECT to_jsonb(counts) FROM counts) AS counts,
      coalesce((SELECT jsonb_agg(to_jsonb(items) ORDER BY items.updated_at DESC, items.id) FROM items), '[]'::jsonb) AS items`;
  const res = await pool.query<{ counts: Record<string, string | number | null>; items: Record<string, unknown>[] }>({
    name: shape.name,
    text,
    values: [
      f.municipalityIds,
      matchesBefore.toISOString(),
      f.limit,
      f.offset,
      f.phase ?? null,
      who.userId,
      who.role,
      who.organisationId,
      who.ip,
      who.userAgent,
    ],
  });
  const r = res.rows[0]!.counts;
  const n = (k: string) => Number(r[k] ?? 0);
  const counts: BoardCounts = {
    phases: { signaleren: n('signaleren'), verkennen: n('verkennen'), steun_op_maat: n('steun_op_maat'), afgesloten: n('afgesloten') },
    withoutDirector: n('without_director'),
    escalated: n('escalated'),
    intake: n('intake'),
    unfollowedMatches: n('unfollowed'),
    emergencyToReview: n('emergency'),
  };
  // The list's total from the counts already made, unless two filters combine (then counted in the statement).
  const total = combined
    ? n('filtered')
    : f.phase
      ? counts.phases[f.phase]
      : f.withoutDirector
        ? counts.withoutDirector
        : f.escalated
          ? counts.escalated
          : counts.phases.signaleren + counts.phases.verkennen + counts.phases.steun_op_maat;
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  const items = res.rows[0]!.items.map((x) => ({
    id: x.id as string,
    clientId: x.client_id as string,
    phase: x.phase as CasePhase,
    municipalityName: x.municipality_name as string,
    clientName: x.client_name as string,
    directorName: (x.director_name as string | null) ?? null,
    withoutDirectorSince: date(x.without_director_since),
    regieEscalatedAt: date(x.regie_escalated_at),
    teamSize: x.team_size as number,
    updatedAt: new Date(x.updated_at as string),
  }));
  return { counts, total, items };
}

/**
 * Case search by the client's family name, over the cases this user may know of: those whose care team they are
 * in, and (for a coordinator) those of their municipalities. Anything else is not counted and not listed.
 */
export async function searchCases(db: DbOrTx, userId: string, coordinatorMunicipalityIds: string[], nameKeyPrefix: string) {
  const ids = sql`${`{${coordinatorMunicipalityIds.join(',')}}`}::uuid[]`;
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT c.id, c.client_id, c.phase, trim(p.given_name || ' ' || p.family_name) AS client_name, m.name AS municipality_name, count(*) OVER () AS total
    FROM cases c
    JOIN persons p ON p.id = c.client_id
    JOIN municipalities m ON m.id = c.municipality_id
    WHERE p.family_name_key LIKE ${`${nameKeyPrefix.replace(/[\\%_]/g, '\\$&')}%`}
      AND (c.municipality_id = ANY(${ids})
           OR EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = c.id AND t.user_id = ${userId} AND t.ended_at IS NULL))
    ORDER BY c.updated_at DESC
    LIMIT 50`);
  return {
    total: Number(res.rows[0]?.total ?? 0),
    items: res.rows.map((r) => ({
      id: r.id as string,
      clientId: r.client_id as string,
      phase: r.phase as CasePhase,
      clientName: r.client_name as string,
      municipalityName: r.municipality_name as string,
    })),
  };
}

/** Open cases without an accepted director, not yet escalated, whose clock started before `before` (a calendar bound). */
export async function escalationCandidates(db: DbOrTx, before: Date) {
  const res = await db.execute<{ id: string; municipality_id: string; without_director_since: string }>(sql`
    SELECT id, municipality_id, without_director_since FROM cases
    WHERE without_director_since IS NOT NULL AND without_director_since < ${before.toISOString()}::timestamptz
      AND regie_escalated_at IS NULL AND phase <> 'afgesloten'
    ORDER BY without_director_since LIMIT 5000`);
  return res.rows.map((r) => ({ id: r.id, municipalityId: r.municipality_id, since: new Date(r.without_director_since) }));
}
