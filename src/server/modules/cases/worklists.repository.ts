import { sql } from 'drizzle-orm';
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

/**
 * "My cases": every case where the user is in the care team, with what they must do next — a regie proposal to
 * answer, and their open actions in the current (latest adopted) family plan. One statement.
 */
export async function myCases(db: DbOrTx, userId: string): Promise<MyCaseRow[]> {
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT c.id, c.client_id, c.phase, c.updated_at, trim(p.given_name || ' ' || p.family_name) AS client_name, m.name AS municipality_name,
      t.role_in_case, t.since, c.director_id, d.display_name AS director_name,
      (SELECT jsonb_build_object('id', x.id, 'kind', x.kind) FROM case_directors x
        WHERE x.case_id = c.id AND x.user_id = ${userId} AND x.status = 'proposed' LIMIT 1) AS proposal,
      cur.case_id IS NOT NULL AS has_adopted_plan, coalesce(cur.my_actions, '[]'::jsonb) AS my_actions
    FROM care_team_members t
    JOIN cases c ON c.id = t.case_id
    JOIN persons p ON p.id = c.client_id
    JOIN municipalities m ON m.id = c.municipality_id
    LEFT JOIN users d ON d.id = c.director_id
    -- Only the user's open actions leave the plan's JSON: the sort below then moves small rows, not whole plans.
    LEFT JOIN LATERAL (
      SELECT fp.case_id, (SELECT jsonb_agg(a ORDER BY a->>'dueDate' NULLS LAST) FROM jsonb_array_elements(fp.content->'actions') a
                          WHERE a->>'ownerUserId' = ${userId} AND a->>'status' IN ('open', 'in_progress')) AS my_actions
      FROM family_plans fp WHERE fp.case_id = c.id AND fp.status = 'adopted' ORDER BY fp.number DESC LIMIT 1) cur ON true
    WHERE t.user_id = ${userId} AND t.ended_at IS NULL
    ORDER BY c.phase = 'afgesloten', c.updated_at DESC
    LIMIT 1000`);
  return res.rows.map((r) => ({
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
  }));
}

export interface BoardFilter {
  municipalityIds: string[];
  phase?: CasePhase;
  withoutDirector?: boolean;
  escalated?: boolean;
  limit: number;
}

export interface BoardCounts {
  phases: Record<CasePhase, number>;
  withoutDirector: number;
  escalated: number;
  intake: number;
  unfollowedMatches: number;
  emergencyToReview: number;
}

/** The hub board's counts for the coordinator's municipalities: open cases per phase, regie gaps, queues. */
export async function boardCounts(db: DbOrTx, municipalityIds: string[], matchesBefore: Date): Promise<BoardCounts> {
  const ids = sql`${`{${municipalityIds.join(',')}}`}::uuid[]`;
  const res = await db.execute<Record<string, string | number>>(sql`
    SELECT
      (SELECT count(*) FROM cases WHERE municipality_id = ANY(${ids}) AND phase = 'signaleren') AS signaleren,
      (SELECT count(*) FROM cases WHERE municipality_id = ANY(${ids}) AND phase = 'verkennen') AS verkennen,
      (SELECT count(*) FROM cases WHERE municipality_id = ANY(${ids}) AND phase = 'steun_op_maat') AS steun_op_maat,
      (SELECT count(*) FROM cases WHERE municipality_id = ANY(${ids}) AND phase = 'afgesloten') AS afgesloten,
      (SELECT count(*) FROM cases WHERE municipality_id = ANY(${ids}) AND without_director_since IS NOT NULL AND phase <> 'afgesloten') AS without_director,
      (SELECT count(*) FROM cases WHERE municipality_id = ANY(${ids}) AND regie_escalated_at IS NOT NULL AND director_id IS NULL AND phase <> 'afgesloten') AS escalated,
      (SELECT count(*) FROM signals WHERE municipality_id = ANY(${ids}) AND to_hub AND decision IS NULL) AS intake,
      (SELECT count(*) FROM matches x JOIN households h ON h.id = x.household_id
        WHERE x.followed_up_at IS NULL AND x.created_at < ${matchesBefore.toISOString()}::timestamptz AND h.municipality_id = ANY(${ids})) AS unfollowed,
      (SELECT count(*) FROM emergency_access e JOIN cases c ON c.id = e.case_id
        WHERE e.review IS NULL AND c.municipality_id = ANY(${ids})) AS emergency`);
  const r = res.rows[0]!;
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    phases: { signaleren: n('signaleren'), verkennen: n('verkennen'), steun_op_maat: n('steun_op_maat'), afgesloten: n('afgesloten') },
    withoutDirector: n('without_director'),
    escalated: n('escalated'),
    intake: n('intake'),
    unfollowedMatches: n('unfollowed'),
    emergencyToReview: n('emergency'),
  };
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

/** The board's case list (open cases unless a phase is asked), most recently changed first. */
export async function boardCases(db: DbOrTx, f: BoardFilter): Promise<BoardCaseRow[]> {
  const ids = sql`${`{${f.municipalityIds.join(',')}}`}::uuid[]`;
  const phase = f.phase ? sql`AND c.phase = ${f.phase}` : sql`AND c.phase <> 'afgesloten'`;
  const without = f.withoutDirector ? sql`AND c.without_director_since IS NOT NULL` : sql``;
  const escalated = f.escalated ? sql`AND c.regie_escalated_at IS NOT NULL AND c.director_id IS NULL` : sql``;
  // The page of cases first (from the partial index on open cases), then the names for those rows only.
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT c.id, c.client_id, c.phase, m.name AS municipality_name, trim(p.given_name || ' ' || p.family_name) AS client_name,
      d.display_name AS director_name, c.without_director_since, c.regie_escalated_at, c.updated_at,
      (SELECT count(*) FROM care_team_members t WHERE t.case_id = c.id AND t.ended_at IS NULL)::int AS team_size
    FROM (SELECT * FROM cases c WHERE c.municipality_id = ANY(${ids}) ${phase} ${without} ${escalated}
          ORDER BY c.updated_at DESC LIMIT ${f.limit}) c
    JOIN persons p ON p.id = c.client_id
    JOIN municipalities m ON m.id = c.municipality_id
    LEFT JOIN users d ON d.id = c.director_id
    ORDER BY c.updated_at DESC`);
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return res.rows.map((r) => ({
    id: r.id as string,
    clientId: r.client_id as string,
    phase: r.phase as CasePhase,
    municipalityName: r.municipality_name as string,
    clientName: r.client_name as string,
    directorName: (r.director_name as string | null) ?? null,
    withoutDirectorSince: date(r.without_director_since),
    regieEscalatedAt: date(r.regie_escalated_at),
    teamSize: r.team_size as number,
    updatedAt: new Date(r.updated_at as string),
  }));
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
