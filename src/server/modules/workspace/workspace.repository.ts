import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { WorkScope } from '../../policy.js';

/** The moments the overview compares against, passed in so that tests can move the clock. */
export interface WorkClock {
  now: Date;
  /** Today in Europe/Amsterdam (YYYY-MM-DD): due days and plan dates are Dutch calendar days. */
  today: string;
  /** The end of the meetings window ("this week": the coming seven days). */
  weekEnd: Date;
  /** Matches older than this and not followed up are the coordinator's to chase (the configured working days). */
  matchesBefore: Date;
  /** A decline is shown to the referrer for this long, unless she referred again in the case since. */
  declinedSince: Date;
}

const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The queues as SQL, one fragment each, shared by the counts and the items so that a count and its list never
 * disagree. Every fragment is scoped by the user's own relation or by the policy's scope (two lines of defence).
 */
function queues(s: WorkScope, c: WorkClock) {
  const me = s.userId;
  const coord = uuids(s.coordinatorOf);
  const care = s.careWork ? sql`true` : sql`false`;
  const incomingMine = sql`r.receiving_organisation_id = ${s.incoming.organisationId}
    AND (c.municipality_id = ANY(${uuids(s.incoming.municipalityIds)}) OR r.answered_by_id = ${s.incoming.receiverUserId})`;
  return {
    intake: sql`FROM signals g WHERE g.municipality_id = ANY(${coord}) AND g.to_hub AND g.decision IS NULL`,
    unfollowed: sql`FROM matches x JOIN households h ON h.id = x.household_id
      WHERE x.followed_up_at IS NULL AND x.created_at < ${ts(c.matchesBefore)} AND h.municipality_id = ANY(${coord})`,
    emergency: sql`FROM emergency_access e JOIN cases c ON c.id = e.case_id WHERE e.review IS NULL AND c.municipality_id = ANY(${coord})`,
    proposals: sql`FROM case_directors d JOIN cases c ON c.id = d.case_id
      WHERE ${care} AND d.user_id = ${me} AND d.status = 'proposed' AND c.phase <> 'afgesloten'`,
    // The user's open actions past their due day in the current (latest adopted) plan of her open cases.
    actions: sql`FROM care_team_members t JOIN cases c ON c.id = t.case_id AND c.phase <> 'afgesloten'
      JOIN LATERAL (SELECT fp.content FROM family_plans fp WHERE fp.case_id = t.case_id AND fp.status = 'adopted' ORDER BY fp.number DESC LIMIT 1) fp ON true
      CROSS JOIN LATERAL jsonb_array_elements(fp.content->'actions') a
      WHERE ${care} AND t.user_id = ${me} AND t.ended_at IS NULL
        AND a->>'ownerUserId' = ${me}::text AND a->>'status' IN ('open', 'in_progress') AND a->>'dueDate' < ${c.today}`,
    incoming: sql`FROM referrals r JOIN cases c ON c.id = r.case_id WHERE ${care} AND ${incomingMine} AND r.status IN ('sent', 'received')`,
    // A decline puts the referral back with its sender: until she refers again in that case (or it is old news).
    declined: sql`FROM referrals r WHERE ${care} AND r.sender_id = ${me} AND r.status = 'declined' AND r.answered_at > ${ts(c.declinedSince)}
      AND NOT EXISTS (SELECT 1 FROM referrals n WHERE n.previous_referral_id = r.id
        OR (n.case_id = r.case_id AND n.person_id = r.person_id AND n.sender_id = ${me} AND n.sent_at > r.answered_at))`,
    // Unanswered past their due day, to chase: those she sent, those of cases in the municipalities she coordinates,
    // and those of cases she directs the process of (as the referrals' own overdue list).
    overdueOut: sql`FROM referrals r JOIN cases c ON c.id = r.case_id
      WHERE ${care} AND r.status IN ('sent', 'received') AND r.due_on < ${c.today}::date
        AND (r.sender_id = ${me} OR c.municipality_id = ANY(${coord})
             OR EXISTS (SELECT 1 FROM case_directors d WHERE d.case_id = r.case_id AND d.kind = 'process' AND d.status = 'current' AND d.user_id = ${me}))`,
    meetings: sql`FROM meetings m JOIN meeting_tables mt ON mt.id = m.table_id
      WHERE ${care} AND m.status = 'scheduled' AND m.ends_at > ${ts(c.now)} AND m.starts_at < ${ts(c.weekEnd)}
        AND (m.chair_id = ${me} OR EXISTS (SELECT 1 FROM meeting_invitees i WHERE i.meeting_id = m.id AND i.user_id = ${me}))`,
    // Matches on the user's own registrations that neither side has followed up yet.
    matches: sql`FROM involvement_registrations mine
      JOIN matches x ON (x.registration_a_id = mine.id OR x.registration_b_id = mine.id) AND x.followed_up_at IS NULL
      JOIN involvement_registrations other ON other.id = CASE WHEN x.registration_a_id = mine.id THEN x.registration_b_id ELSE x.registration_a_id END
      WHERE ${care} AND mine.user_id = ${me}`,
    notifications: sql`FROM notifications n WHERE n.user_id = ${me} AND n.read_at IS NULL`,
  } satisfies Record<string, SQL>;
}

export type WorkQueue = keyof ReturnType<typeof queues>;
export type WorkCounts = Record<WorkQueue | 'incomingOverdue', number>;

/** Every count of the overview in one statement: the navigation asks for these on every page. */
export async function workCounts(db: DbOrTx, s: WorkScope, c: WorkClock): Promise<WorkCounts> {
  const q = queues(s, c);
  const res = await db.execute<Record<string, string | number>>(sql`
    SELECT (SELECT count(*) ${q.intake}) AS intake, (SELECT count(*) ${q.unfollowed}) AS unfollowed,
      (SELECT count(*) ${q.emergency}) AS emergency, (SELECT count(*) ${q.proposals}) AS proposals,
      (SELECT count(*) ${q.actions}) AS actions, (SELECT count(*) ${q.incoming}) AS incoming,
      (SELECT count(*) ${q.incoming} AND r.due_on < ${c.today}::date) AS incoming_overdue,
      (SELECT count(*) ${q.declined}) AS declined, (SELECT count(*) ${q.overdueOut}) AS overdue_out,
      (SELECT count(*) ${q.meetings}) AS meetings, (SELECT count(DISTINCT x.id) ${q.matches}) AS matches,
      (SELECT count(*) ${q.notifications}) AS notifications`);
  const r = res.rows[0]!;
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    intake: n('intake'),
    unfollowed: n('unfollowed'),
    emergency: n('emergency'),
    proposals: n('proposals'),
    actions: n('actions'),
    incoming: n('incoming'),
    incomingOverdue: n('incoming_overdue'),
    declined: n('declined'),
    overdueOut: n('overdue_out'),
    meetings: n('meetings'),
    matches: n('matches'),
    notifications: n('notifications'),
  };
}

/** The facts the need-to-know rule needs about one case, for the viewer (as in findCaseWithFacts). */
export interface WorkCaseFacts {
  caseId: string;
  municipalityId: string;
  regionId: string;
  member: boolean;
  emergency: boolean;
  consents: { purpose: string; decision: string; validFrom: string; validUntil: string | null; recordedAt: string; pending: boolean }[];
}

interface Named {
  personId: string;
  personName: string;
}
export interface WorkItems {
  intake: (Named & { id: string; municipalityId: string; vulnerabilityLevel: string; safetyConcern: boolean; createdAt: string })[];
  proposals: (Named & { id: string; caseId: string; kind: 'case' | 'process'; proposedAt: string })[];
  actions: (Named & { caseId: string; id: string; what: string; dueDate: string })[];
  incoming: (Named & {
    id: string;
    municipalityId: string;
    receivingOrganisationId: string;
    answeredById: string | null;
    status: string;
    urgency: string;
    dueOn: string;
    workingDaysLeft: number;
    serviceName: string;
  })[];
  declined: (Named & { id: string; caseId: string; declineReason: string; answeredAt: string; serviceName: string; organisationName: string })[];
  overdueOut: (Named & { id: string; caseId: string; dueOn: string; serviceName: string; organisationName: string })[];
  meetings: { id: string; tableName: string; startsAt: string; endsAt: string; place: string }[];
  matches: (Named & { id: string; municipalityId: string; createdAt: string; otherName: string; otherOrganisation: string })[];
  cases: WorkCaseFacts[];
}

/**
 * The top items of every queue in one statement, with the client's name and the facts the policy needs to decide
 * whether the name may be shown (the service drops it where not). `top` bounds each list; the counts say how many.
 */
export async function workItems(db: DbOrTx, s: WorkScope, c: WorkClock, top: number): Promise<WorkItems> {
  const q = queues(s, c);
  const name = (alias: string) => sql.raw(`trim(${alias}.given_name || ' ' || ${alias}.family_name)`);
  const res = await db.execute<Record<string, unknown>>(sql`
    WITH intake AS (
      SELECT g.id, g.person_id AS "personId", ${name('p')} AS "personName", g.municipality_id AS "municipalityId",
        g.vulnerability_level AS "vulnerabilityLevel", g.safety_concern AS "safetyConcern", g.created_at AS "createdAt"
      FROM (SELECT g.* ${q.intake} ORDER BY g.safety_concern DESC, g.created_at LIMIT ${top}) g JOIN persons p ON p.id = g.person_id
    ), proposals AS (
      SELECT d.id, d.case_id AS "caseId", d.kind, d.proposed_at AS "proposedAt" ${q.proposals} ORDER BY d.proposed_at LIMIT ${top}
    ), actions AS (
      SELECT t.case_id AS "caseId", a->>'id' AS id, a->>'what' AS what, a->>'dueDate' AS "dueDate" ${q.actions} ORDER BY a->>'dueDate' LIMIT ${top}
    ), incoming AS (
      SELECT r.id, r.person_id AS "personId", c.municipality_id AS "municipalityId", r.receiving_organisation_id AS "receivingOrganisationId",
        r.answered_by_id AS "answeredById", r.status, r.urgency, r.due_on AS "dueOn", kp_working_days(${c.today}::date, r.due_on) AS "workingDaysLeft",
        r.service_id ${q.incoming} ORDER BY r.due_on, r.sent_at LIMIT ${top}
    ), declined AS (
      SELECT r.id, r.case_id AS "caseId", r.person_id AS "personId", r.decline_reason AS "declineReason", r.answered_at AS "answeredAt",
        r.service_id, r.receiving_organisation_id ${q.declined} ORDER BY r.answered_at DESC LIMIT ${top}
    ), overdue_out AS (
      SELECT r.id, r.case_id AS "caseId", r.person_id AS "personId", r.due_on AS "dueOn", r.service_id, r.receiving_organisation_id
      ${q.overdueOut} ORDER BY r.due_on LIMIT ${top}
    ), meetings AS (
      SELECT m.id, mt.name AS "tableName", m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.place ${q.meetings} ORDER BY m.starts_at LIMIT ${top}
    ), matches AS (
      SELECT DISTINCT ON (x.created_at, x.id) x.id, x.created_at AS "createdAt", mine.person_id AS "personId", other.user_id AS other_user_id
      ${q.matches} ORDER BY x.created_at, x.id LIMIT ${top}
    ), case_ids AS (
      SELECT "caseId" AS id FROM proposals UNION SELECT "caseId" FROM actions UNION SELECT "caseId" FROM declined UNION SELECT "caseId" FROM overdue_out
    ), case_facts AS (
      SELECT c.id AS "caseId", c.client_id, c.municipality_id AS "municipalityId", m.region_id AS "regionId",
        EXISTS (SELECT 1 FROM care_team_members t WHERE t.case_id = c.id AND t.user_id = ${s.userId} AND t.ended_at IS NULL) AS member,
        EXISTS (SELECT 1 FROM emergency_access e WHERE e.case_id = c.id AND e.user_id = ${s.userId} AND e.granted_at <= now() AND e.expires_at > now()) AS emergency,
        (SELECT coalesce(jsonb_agg(jsonb_build_object('purpose', k.purpose, 'decision', k.decision, 'validFrom', k.valid_from,
                 'validUntil', k.valid_until, 'recordedAt', k.recorded_at,
                 'pending', k.needs_confirmation AND NOT EXISTS (SELECT 1 FROM consent_confirmations cc WHERE cc.consent_id = k.id))), '[]'::jsonb)
           FROM consents k WHERE k.case_id = c.id AND k.organisation_id = ${s.organisationId} AND (k.user_id IS NULL OR k.user_id = ${s.userId})) AS consents
      FROM case_ids x JOIN cases c ON c.id = x.id JOIN municipalities m ON m.id = c.municipality_id
    )
    SELECT
      (SELECT coalesce(jsonb_agg(i ORDER BY i."safetyConcern" DESC, i."createdAt"), '[]') FROM intake i) AS intake,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'caseId', x."caseId", 'kind', x.kind, 'proposedAt', x."proposedAt",
         'personId', f.client_id, 'personName', ${name('p')}) ORDER BY x."proposedAt"), '[]')
         FROM proposals x JOIN case_facts f ON f."caseId" = x."caseId" JOIN persons p ON p.id = f.client_id) AS proposals,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) || jsonb_build_object('personId', f.client_id, 'personName', ${name('p')}) ORDER BY x."dueDate"), '[]')
         FROM actions x JOIN case_facts f ON f."caseId" = x."caseId" JOIN persons p ON p.id = f.client_id) AS actions,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'service_id' || jsonb_build_object('personName', ${name('p')}, 'serviceName', sv.name) ORDER BY x."dueOn"), '[]')
         FROM incoming x JOIN persons p ON p.id = x."personId" JOIN services sv ON sv.id = x.service_id) AS incoming,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'service_id' - 'receiving_organisation_id'
           || jsonb_build_object('personName', ${name('p')}, 'serviceName', sv.name, 'organisationName', o.name) ORDER BY x."answeredAt" DESC), '[]')
         FROM declined x JOIN persons p ON p.id = x."personId" JOIN services sv ON sv.id = x.service_id JOIN organisations o ON o.id = x.receiving_organisation_id) AS declined,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'service_id' - 'receiving_organisation_id'
           || jsonb_build_object('personName', ${name('p')}, 'serviceName', sv.name, 'organisationName', o.name) ORDER BY x."dueOn"), '[]')
         FROM overdue_out x JOIN persons p ON p.id = x."personId" JOIN services sv ON sv.id = x.service_id JOIN organisations o ON o.id = x.receiving_organisation_id) AS overdue_out,
      (SELECT coalesce(jsonb_agg(x ORDER BY x."startsAt"), '[]') FROM meetings x) AS meetings,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'other_user_id' || jsonb_build_object('personName', ${name('p')}, 'municipalityId', p.municipality_id,
           'otherName', u.display_name, 'otherOrganisation', o.name) ORDER BY x."createdAt"), '[]')
         FROM matches x JOIN persons p ON p.id = x."personId" JOIN users u ON u.id = x.other_user_id JOIN organisations o ON o.id = u.organisation_id) AS matches,
      (SELECT coalesce(jsonb_agg(to_jsonb(f) - 'client_id'), '[]') FROM case_facts f) AS cases`);
  const r = res.rows[0]!;
  return {
    intake: r.intake as WorkItems['intake'],
    proposals: r.proposals as WorkItems['proposals'],
    actions: r.actions as WorkItems['actions'],
    incoming: r.incoming as WorkItems['incoming'],
    declined: r.declined as WorkItems['declined'],
    overdueOut: r.overdue_out as WorkItems['overdueOut'],
    meetings: r.meetings as WorkItems['meetings'],
    matches: r.matches as WorkItems['matches'],
    cases: r.cases as WorkCaseFacts[],
  };
}
