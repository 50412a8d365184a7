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

/** What the user should do next in a case, most urgent first. */
export type NextStep = 'answer_regie_proposal' | 'overdue_actions' | 'draft_plan' | 'open_actions' | 'none';

export function nextStep(row: repo.MyCaseRow, userId: string, today: string): NextStep {
  if (row.proposal) return 'answer_regie_proposal';
  if (row.myActions.some((a) => isOverdue(a, today))) return 'overdue_actions';
  if (row.directorId === userId && !row.hasAdoptedPlan && row.phase !== 'afgesloten') return 'draft_plan';
  if (row.myActions.length) return 'open_actions';
  return 'none';
}

export function createWorklistService(deps: AppDeps) {
  const db = deps.database.db;

  return {
    /** "Mijn casussen": cases where I am in the care team, with my next step and overdue actions. */
    async mine(actor: Actor, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await repo.myCases(tx, actor.userId);
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'read', objectType: 'case', purpose: 'mijn casussen' },
          rows.map((r) => r.clientId),
        );
        const today = dutchDate(new Date());
        return rows.map((r) => ({ ...r, nextStep: nextStep(r, actor.userId, today), overdue: r.myActions.filter((a) => isOverdue(a, today)) }));
      });
    },

    /** The coordinator's hub board: counts and the filtered list for their municipalities (or one of them). */
    async board(actor: Actor, f: { municipalityId?: string; phase?: CasePhase; withoutDirector?: boolean; escalated?: boolean }, meta: RequestMeta) {
      const mine = coordinatorMunicipalities(actor);
      if (!mine.length) throw new AppError('not_found');
      if (f.municipalityId && !mine.includes(f.municipalityId)) throw new AppError('not_found');
      const municipalityIds = f.municipalityId ? [f.municipalityId] : mine;
      return db.transaction(async (tx) => {
        const matchesBefore = workingDaysAgo(new Date(), deps.config.involvement.matchFollowUpWorkingDays);
        const counts = await repo.boardCounts(tx, municipalityIds, matchesBefore);
        const items = await repo.boardCases(tx, { ...f, municipalityIds, limit: 100 });
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'read', objectType: 'case', purpose: 'casusbord knooppunt' },
          items.map((r) => r.clientId),
        );
        return { counts, items };
      });
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
