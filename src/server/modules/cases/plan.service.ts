import { adoptionProblems, diffPlans, EMPTY_PLAN, type PlanContent } from '../../../domain/family-plan.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { assertCaseContent, assertMayDirectCase } from '../../policy.js';
import { assertOpen, logCase, makeWithCase } from './case-access.js';
import * as repo from './cases.repository.js';
import { renderPlanPdf } from './plan-pdf.js';

/**
 * Eén gezin, één plan. The case director (or the coordinator) keeps one draft, edits it with optimistic versions,
 * and adopts it with the parents; adopted versions are frozen (a trigger guards it) and compared side by side.
 */
export function createPlanService(deps: AppDeps) {
  const db = deps.database.db;

  const withCase = makeWithCase(db);

  /** Owners must be in the care team (professionals) or in the household (family members). */
  function checkOwners(content: PlanContent, team: repo.CareTeamRow[], household: { id: string }[]) {
    const users = new Set(team.map((m) => m.member.userId));
    const people = new Set(household.map((p) => p.id));
    const problems = content.actions.flatMap((a, i) => {
      if (a.ownerKind === 'professional' && a.ownerUserId && !users.has(a.ownerUserId))
        return [{ path: `body.content.actions.${i}.ownerUserId`, code: 'not_in_care_team' }];
      if (a.ownerKind === 'family' && a.ownerPersonId && !people.has(a.ownerPersonId))
        return [{ path: `body.content.actions.${i}.ownerPersonId`, code: 'not_in_household' }];
      return [];
    });
    if (problems.length) throw new AppError('validation_failed', problems);
  }

  return {
    async versions(actor: Actor, id: string, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access, 'plan');
        const rows = await repo.planVersions(tx, id);
        await logCase(tx, actor, meta, l, 'read', 'gezinsplan versies');
        return rows;
      });
    },

    async version(actor: Actor, id: string, number: number, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access, 'plan');
        const row = await repo.findPlan(tx, id, number);
        if (!row) throw new AppError('not_found');
        await logCase(tx, actor, meta, l, 'read', `gezinsplan versie ${number}`);
        return row;
      });
    },

    /**
     * Starts a draft: a copy of the latest adopted version, or a first plan filled with the household and the care
     * team. There is at most one draft (unique index); asking again returns it.
     */
    async startDraft(actor: Actor, id: string, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          assertMayDirectCase(actor, l.c);
          const { row, created } = await ensureDraft(tx, l.c, actor.userId);
          if (!created) return row;
          await logCase(tx, actor, meta, l, 'create', `gezinsplan concept ${row.number}`);
          return row;
        },
        true,
      );
    },

    /** Saves the draft; a stale version answers 409 with the current draft so the editor can merge. */
    async saveDraft(actor: Actor, id: string, number: number, version: number, content: PlanContent, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertOpen(l.c);
        assertMayDirectCase(actor, l.c);
        const draft = await repo.findPlan(tx, id, number);
        if (!draft) throw new AppError('not_found');
        if (draft.status !== 'draft') throw new AppError('conflict', [{ path: 'params.number', code: 'plan_adopted' }]);
        checkOwners(content, await repo.careTeam(tx, id), await repo.householdOf(tx, l.c.householdId));
        const row = await repo.updateDraft(tx, draft.id, version, { content });
        if (!row) throw new AppError('version_conflict', [], {}, { currentVersion: draft.version, current: draft.content });
        await logCase(tx, actor, meta, l, 'update', `gezinsplan concept ${number}`);
        return row;
      });
    },

    /**
     * Adopts the draft with the parents (ADR 016): only when they took part and agree — a plan "vastgesteld met de
     * ouders" without them would say what did not happen. Otherwise it stays a draft, and the answer names why.
     */
    async adopt(actor: Actor, id: string, number: number, a: { version: number; parentsAgreed: boolean; parentsPresent: boolean }, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          assertMayDirectCase(actor, l.c);
          const draft = await repo.findPlan(tx, id, number);
          if (!draft) throw new AppError('not_found');
          if (draft.status !== 'draft') throw new AppError('conflict', [{ path: 'params.number', code: 'plan_adopted' }]);
          const problems = adoptionProblems(a);
          if (problems.length)
            throw new AppError(
              'validation_failed',
              problems.map((p) => ({ path: `body.${p.field}`, code: p.code })),
            );
          const row = await repo.updateDraft(tx, draft.id, a.version, {
            status: 'adopted',
            adoptedAt: new Date(),
            adoptedById: actor.userId,
            parentsAgreed: a.parentsAgreed,
            parentsPresent: a.parentsPresent,
          });
          if (!row) throw new AppError('version_conflict', [], {}, { currentVersion: draft.version });
          await repo.addEvent(tx, id, 'plan', actor.userId, { action: 'adopted', number, parentsAgreed: a.parentsAgreed, parentsPresent: a.parentsPresent });
          await repo.updateCase(tx, id, {});
          await logCase(tx, actor, meta, l, 'update', `gezinsplan ${number} vastgesteld`);
          return row;
        },
        true,
      );
    },

    async compare(actor: Actor, id: string, from: number, to: number, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access, 'plan');
        const a = await repo.findPlan(tx, id, from);
        const b = await repo.findPlan(tx, id, to);
        if (!a || !b) throw new AppError('not_found');
        await logCase(tx, actor, meta, l, 'read', `gezinsplan ${from} en ${to} vergeleken`);
        return { from: a, to: b, diff: diffPlans(a.content, b.content) };
      });
    },

    /** The plan as a PDF for the parents to take home, in Dutch or English; printing is logged as an export. */
    async pdf(actor: Actor, id: string, number: number, language: 'nl' | 'en', meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access, 'plan');
        const plan = await repo.findPlan(tx, id, number);
        if (!plan) throw new AppError('not_found');
        const team = await repo.careTeam(tx, id);
        const household = await repo.householdOf(tx, l.c.householdId);
        await logCase(tx, actor, meta, l, 'export', `gezinsplan ${number} als pdf`);
        return renderPlanPdf(plan, { language, team, household });
      });
    },
  };
}

/**
 * The case's draft plan: the existing one, or a new one copied from the latest adopted version (or a first plan
 * filled with the household and the care team), put on the timeline. The caller holds the case lock.
 */
export async function ensureDraft(tx: DbOrTx, c: { id: string; householdId: string }, actorId: string) {
  const versions = await repo.planVersions(tx, c.id);
  const draft = versions.find((p) => p.status === 'draft');
  if (draft) return { row: draft, created: false };
  const latest = versions[0];
  const team = await repo.careTeam(tx, c.id);
  const household = await repo.householdOf(tx, c.householdId);
  // Plan actions are owned by accounts: a member known only by her card joins the plan's professionals once she has one.
  const professionals = team.flatMap((m) =>
    m.member.userId ? [{ userId: m.member.userId, name: m.name, organisation: m.organisationName, role: m.member.roleInCase }] : [],
  );
  const content: PlanContent = latest
    ? { ...latest.content, professionals }
    : {
        ...EMPTY_PLAN,
        members: household.map((p) => ({ personId: p.id, name: `${p.givenName} ${p.familyName}`.trim(), role: p.role })),
        professionals,
      };
  const row = await repo.insertPlan(tx, { caseId: c.id, number: (latest?.number ?? 0) + 1, content, createdById: actorId }).catch((err) => {
    if (isUniqueViolation(err)) throw new AppError('version_conflict');
    throw err;
  });
  await repo.addEvent(tx, c.id, 'plan', actorId, { action: 'draft', number: row.number });
  return { row, created: true };
}
