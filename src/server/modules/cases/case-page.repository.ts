import type pg from 'pg';
import type { AccessEventType } from '../../../domain/access-log.js';
import { rowFromJson } from '../../db/json-rows.js';
import type { PersonRow } from '../families/families.repository.js';
import type { ContactRow } from '../involvement/involvement.presenter.js';
import type * as repo from './cases.repository.js';

export interface CasePageParts {
  client: PersonRow;
  director: ContactRow | null;
  plans: repo.PlanRow[] | null;
  content: {
    team: repo.CareTeamRow[];
    directors: repo.DirectorListRow[];
    consents: repo.ConsentListRow[];
    events: { event: repo.CaseEventRow; actorName: string | null }[];
    household: Awaited<ReturnType<typeof repo.householdOf>>;
    emergency: Awaited<ReturnType<typeof repo.emergencyOf>>;
  } | null;
}

/*
 * The case page in one statement: every part the viewer's access level allows (`$2`: content, plan or existence),
 * as JSON, and the access-log row for this read in a data-modifying CTE of the same statement — so the read and its
 * log entry are one atomic unit without a transaction's extra round trips. Only the current and draft plan
 * versions carry their content; the others are listed.
 */
const TEXT = `
  WITH c AS (SELECT * FROM cases WHERE id = $1::uuid),
  logged AS (
    INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
    SELECT $4::access_event_type, $5::uuid, $6::role, $7::uuid, c.client_id, 'case', c.id::text, $8::text, $9::inet, $10::text FROM c
  ),
  current_plan AS (SELECT max(number) AS n FROM family_plans WHERE case_id = $1::uuid AND status = 'adopted')
  SELECT
    (SELECT to_jsonb(p) FROM c JOIN persons p ON p.id = c.client_id) AS client,
    (SELECT jsonb_build_object('userId', u.id, 'name', u.display_name, 'email', u.email, 'organisationName', o.name,
              'organisationPhone', o.phone, 'jobTitle', pe.job_title, 'phone', pe.phone, 'cardEmail', pe.email)
       FROM c JOIN users u ON u.id = c.director_id JOIN organisations o ON o.id = u.organisation_id
       LEFT JOIN people pe ON pe.user_id = u.id) AS director,
    CASE WHEN $2::text <> 'existence' THEN (
      SELECT coalesce(jsonb_agg((to_jsonb(f) - 'content') || CASE WHEN f.status = 'draft' OR f.number = (SELECT n FROM current_plan)
               THEN jsonb_build_object('content', f.content) ELSE '{}'::jsonb END ORDER BY f.number DESC), '[]'::jsonb)
      FROM family_plans f WHERE f.case_id = $1::uuid) END AS plans,
    CASE WHEN $2::text = 'content' THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('member', to_jsonb(t), 'name', coalesce(u.display_name, pe.name), 'email', coalesce(u.email, pe.email, ''),
               'organisationName', o.name, 'organisationType', o.type, 'jobTitle', pe.job_title, 'phone', pe.phone) ORDER BY t.since), '[]'::jsonb)
      FROM care_team_members t LEFT JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = t.organisation_id
      -- A member without an account yet is known by her smoelenboek card.
      LEFT JOIN people pe ON pe.id = t.person_id OR (t.person_id IS NULL AND pe.user_id = t.user_id)
      WHERE t.case_id = $1::uuid AND t.ended_at IS NULL) END AS team,
    CASE WHEN $2::text = 'content' THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('director', to_jsonb(d), 'name', u.display_name) ORDER BY d.proposed_at DESC), '[]'::jsonb)
      FROM case_directors d JOIN users u ON u.id = d.user_id WHERE d.case_id = $1::uuid) END AS directors,
    CASE WHEN $2::text = 'content' THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('consent', to_jsonb(k) - 'form'
                 || jsonb_build_object('pending', k.needs_confirmation AND NOT EXISTS (SELECT 1 FROM consent_confirmations cc WHERE cc.consent_id = k.id)),
               'organisationName', o.name, 'userName', u.display_name)
               ORDER BY k.recorded_at DESC), '[]'::jsonb)
      FROM consents k JOIN organisations o ON o.id = k.organisation_id LEFT JOIN users u ON u.id = k.user_id
      WHERE k.case_id = $1::uuid) END AS consents,
    CASE WHEN $2::text = 'content' THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('event', to_jsonb(e), 'actorName', u.display_name) ORDER BY e.at DESC, e.id DESC), '[]'::jsonb)
      FROM (SELECT * FROM case_events WHERE case_id = $1::uuid ORDER BY at DESC, id DESC LIMIT 50) e
      LEFT JOIN users u ON u.id = e.actor_id) END AS events,
    CASE WHEN $2::text = 'content' THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'givenName', p.given_name, 'familyName', p.family_name,
               'role', p.household_role, 'dateOfBirth', p.date_of_birth) ORDER BY p.created_at), '[]'::jsonb)
      FROM c JOIN persons p ON p.household_id = c.household_id AND p.merged_into_id IS NULL) END AS household,
    CASE WHEN $2::text = 'content' AND $3::boolean THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_object('grant', to_jsonb(g), 'name', u.display_name, 'organisationName', o.name)
               ORDER BY g.granted_at DESC), '[]'::jsonb)
      FROM emergency_access g JOIN users u ON u.id = g.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE g.case_id = $1::uuid) END AS emergency`;

type Json = Record<string, unknown>;
const list = (v: unknown) => (v as Json[] | null) ?? [];

export async function readCasePage(
  pool: pg.Pool,
  caseId: string,
  o: { level: 'content' | 'plan' | 'existence'; withEmergency: boolean },
  log: { eventType: AccessEventType; userId: string; role: string; organisationId: string; purpose: string; ip: string | null; userAgent: string | null },
): Promise<CasePageParts> {
  const res = await pool.query<Record<string, unknown>>({
    name: 'kp_case_page',
    text: TEXT,
    values: [
      caseId,
      o.level,
      o.withEmergency,
      log.eventType,
      log.userId,
      log.role,
      log.organisationId,
      log.purpose,
      log.ip,
      log.userAgent?.slice(0, 512) ?? null,
    ],
  });
  const r = res.rows[0]!;
  const content =
    o.level === 'content'
      ? {
          team: list(r.team).map((x) => ({ ...(x as repo.CareTeamRow), member: rowFromJson<repo.CareTeamRow['member']>(x.member as Json) })),
          directors: list(r.directors).map((x) => ({ name: x.name as string, director: rowFromJson<repo.DirectorRow>(x.director as Json) })),
          consents: list(r.consents).map((x) => ({
            organisationName: x.organisationName as string,
            userName: (x.userName as string | null) ?? null,
            consent: rowFromJson<repo.ConsentListRow['consent']>(x.consent as Json),
          })),
          events: list(r.events).map((x) => ({ actorName: (x.actorName as string | null) ?? null, event: rowFromJson<repo.CaseEventRow>(x.event as Json) })),
          household: list(r.household) as unknown as Awaited<ReturnType<typeof repo.householdOf>>,
          emergency: list(r.emergency).map((x) => ({
            name: x.name as string,
            organisationName: (x.organisationName as string | null) ?? null,
            grant: rowFromJson<repo.EmergencyRow>(x.grant as Json),
          })),
        }
      : null;
  return {
    client: rowFromJson<PersonRow>(r.client as Json),
    director: (r.director as ContactRow | null) ?? null,
    plans: r.plans ? list(r.plans).map((p) => rowFromJson<repo.PlanRow>(p)) : null,
    content,
  };
}
