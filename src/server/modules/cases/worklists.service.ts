import type { CasePhase } from '../../../domain/cases.js';
import { isOverdue } from '../../../domain/family-plan.js';
import { foldName } from '../../../domain/persons.js';
import { dutchDate, workingDaysAgo } from '../../../domain/working-days.js';
import { writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { coordinatorMunicipalities } from '../../policy.js';
import * as repo from './worklists.repository.js';

/** What the user should do next in a case, most urgent first. The same rule orders "my cases" in SQL (`myCasesAndLog`). */
export type NextStep = 'answer_regie_proposal' | 'overdue_actions' | 'draft_plan' | 'open_actions' | 'none';

export function nextStep(row: repo.MyCaseRow, userId: string, today: string): NextStep {
  if (row.proposal) return 'answer_regie_proposal';
  if (row.myActions.some((a) => isOverdue(a, today))) return 'overdue_actions';
  if (row.directorId === userId && !row.hasAdoptedPlan && row.phase !== 'afgesloten') return 'draft_plan';
  if (row.myActions.length) return 'open_actions';
  return 'none';
}

/** Who looks, for a list's access-log rows. */
const viewer = (actor: Actor, meta: RequestMeta): repo.ListViewer => ({
  userId: actor.userId,
  role: actor.role,
  organisationId: actor.organisationId,
  ip: meta.ip,
  userAgent: meta.userAgent?.slice(0, 512) ?? null,
});
/** A page of "my cases": the dashboard shows the first (most urgent) one. */
export const MINE_PAGE = 50;

/** A page of the hub board: what a coordinator scans at once; the counts show the rest. */
export const BOARD_PAGE = 50;

export function createWorklistService(deps: AppDeps) {
  const db = deps.database.db;

  return {
    /**
     * "Mijn casussen": cases where I am in the care team, with my next step and overdue actions — the most urgent
     * first (a regie proposal to answer, overdue actions, a plan to draft, open actions; closed cases last), one
     * page at a time. Only the page's clients are shown, so only they are named in the access log (same statement).
     */
    async mine(actor: Actor, meta: RequestMeta, page: { page: number; perPage: number } = { page: 1, perPage: MINE_PAGE }) {
      const today = dutchDate(new Date());
      const r = await repo.myCasesAndLog(
        deps.database.pool,
        actor.userId,
        today,
        { limit: page.perPage, offset: (page.page - 1) * page.perPage },
        viewer(actor, meta),
      );
      const items = r.items.map((x) => ({ ...x, nextStep: nextStep(x, actor.userId, today), overdue: x.myActions.filter((a) => isOverdue(a, today)) }));
      return { total: r.total, ...page, items };
    },

    /**
     * The coordinator's hub board: counts and one page of the filtered list for their municipalities (or one of
     * them), with the access-log row naming each client shown, in one statement.
     */
    async board(
      actor: Actor,
      f: { municipalityId?: string; phase?: CasePhase; withoutDirector?: boolean; escalated?: boolean; page?: number; perPage?: number },
      meta: RequestMeta,
    ) {
      const mine = coordinatorMunicipalities(actor);
      if (!mine.length) throw new AppError('not_found');
      if (f.municipalityId && !mine.includes(f.municipalityId)) throw new AppError('not_found');
      const municipalityIds = f.municipalityId ? [f.municipalityId] : mine;
      const perPage = f.perPage ?? BOARD_PAGE;
      const page = f.page ?? 1;
      const matchesBefore = workingDaysAgo(new Date(), deps.config.involvement.matchFollowUpWorkingDays);
      const r = await repo.boardAndLog(
        deps.database.pool,
        { municipalityIds, phase: f.phase, withoutDirector: f.withoutDirector, escalated: f.escalated, limit: perPage, offset: (page - 1) * perPage },
        matchesBefore,
        viewer(actor, meta),
      );
      return { ...r, page, perPage };
    },

    async search(actor: Actor, q: string, meta: RequestMeta) {
      const key = foldName(q);
      if (!key) return { total: 0, items: [] };
      return db.transaction(async (tx) => {
        const r = await repo.searchCases(tx, actor.userId, coordinatorMunicipalities(actor), key);
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'search', objectType: 'case', purpose: 'casussen zoeken' },
          r.items.map((x) => x.clientId),
        );
        return r;
      });
    },
  };
}
