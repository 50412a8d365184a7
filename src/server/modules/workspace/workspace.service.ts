import { type ConsentRecord, mayShare } from '../../../domain/cases.js';
import { dutchDate, workingDaysAgo } from '../../../domain/working-days.js';
import { writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { type WorkItemFacts, workItemNamesClient, workScope } from '../../policy.js';
import * as repo from './workspace.repository.js';

/** How many items of each queue the overview shows; the counts say how many there are, the lists link to all. */
export const WORK_TOP = 5;
/** How long a declined referral stays on its sender's overview when she has not referred again in the case. */
export const DECLINED_SHOWN_DAYS = 30;

const DAY = 86_400_000;

export function workClock(now: Date, matchFollowUpWorkingDays: number): repo.WorkClock {
  return {
    now,
    today: dutchDate(now),
    weekEnd: new Date(now.getTime() + 7 * DAY),
    matchesBefore: workingDaysAgo(now, matchFollowUpWorkingDays),
    declinedSince: new Date(now.getTime() - DECLINED_SHOWN_DAYS * DAY),
  };
}

/** One work item as it leaves the service: the client's name only where the policy allows it. */
type Shown<T extends { personId: string; personName: string }> = Omit<T, 'personId' | 'personName'> & { client: string | null };

export function createWorkspaceService(deps: AppDeps) {
  const db = deps.database.db;
  const clock = (now: Date) => workClock(now, deps.config.involvement.matchFollowUpWorkingDays);

  return {
    /** The counts alone (the navigation's badges): no client is named, so nothing to log. */
    counts(actor: Actor | null, now = new Date()) {
      return repo.workCounts(db, workScope(actor), clock(now));
    },

    /**
     * The home page: counts and the top items of each queue. Each item names its client only where the policy lets
     * this user see her, and every client named is written to the access log in the same transaction.
     */
    overview(actor: Actor | null, meta: RequestMeta, now = new Date()) {
      const scope = workScope(actor);
      const a = actor!;
      const c = clock(now);
      return db.transaction(async (tx) => {
        const counts = await repo.workCounts(tx, scope, c);
        const items = await repo.workItems(tx, scope, c, WORK_TOP);
        const facts = new Map(items.cases.map((f) => [f.caseId, f]));
        const caseItem = (caseId: string): WorkItemFacts => {
          const f = facts.get(caseId)!;
          const consents: ConsentRecord[] = f.consents.map((k) => ({
            organisationId: a.organisationId,
            purpose: k.purpose as ConsentRecord['purpose'],
            decision: k.decision as ConsentRecord['decision'],
            validFrom: k.validFrom,
            validUntil: k.validUntil,
            recordedAt: new Date(k.recordedAt),
            pending: k.pending,
          }));
          return {
            kind: 'case',
            facts: {
              municipalityId: f.municipalityId,
              regionId: f.regionId,
              member: f.member,
              consentCaseDiscussion: mayShare(consents, a.organisationId, 'case_discussion', c.today),
              consentSharePlan: mayShare(consents, a.organisationId, 'share_plan', c.today),
              emergencyActive: f.emergency,
            },
          };
        };
        const named: string[] = [];
        const show = <T extends { personId: string; personName: string }>(list: T[], item: (x: T) => WorkItemFacts): Shown<T>[] =>
          list.map(({ personId, personName, ...rest }) => {
            const allowed = workItemNamesClient(a, item(rest as unknown as T));
            if (allowed) named.push(personId);
            return { ...rest, client: allowed ? personName : null };
          });
        const out = {
          counts,
          intake: show(items.intake, (x) => ({ kind: 'signal', municipalityId: x.municipalityId })),
          proposals: show(items.proposals, (x) => caseItem(x.caseId)),
          // The action's text is the plan's content: it goes where the client's name goes.
          actions: show(items.actions, (x) => caseItem(x.caseId)).map((x) => ({ ...x, what: x.client === null ? null : x.what })),
          incoming: show(items.incoming, (x) => ({
            kind: 'incoming_referral',
            facts: { receivingOrganisationId: x.receivingOrganisationId, municipalityId: x.municipalityId, answeredById: x.answeredById },
          })),
          declined: show(items.declined, (x) => caseItem(x.caseId)),
          overdueOut: show(items.overdueOut, (x) => caseItem(x.caseId)),
          meetings: items.meetings,
          matches: show(items.matches, (x) => ({ kind: 'own_registration', municipalityId: x.municipalityId })),
        };
        // An overview that names nobody read no personal data: it is not logged (it runs on every home visit).
        if (named.length)
          await writeAccessLogForSubjects(tx, a, meta, { eventType: 'read', objectType: 'work_overview', purpose: 'werkoverzicht (start)' }, named);
        return out;
      });
    },
  };
}

export type WorkOverview = Awaited<ReturnType<ReturnType<typeof createWorkspaceService>['overview']>>;
