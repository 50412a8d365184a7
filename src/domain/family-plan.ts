import { z } from 'zod';
import { LIFE_DOMAINS } from './directory.js';

/**
 * Eén gezin, één plan: the content of one family-plan version. Goals are in the parents' own words per life domain;
 * actions are owned by a care-team member (userId) or a family member (personId). Items carry stable ids so that
 * two versions can be compared item by item.
 */
const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });
const required = (max: number) => text(max).min(1, { message: 'required' });
const isoDate = z.iso.date({ message: 'invalid_date' });
const itemId = z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'invalid_id' });

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const planMemberSchema = z.object({ personId: z.uuid().nullable().default(null), name: required(200), role: text(100).default('') });
export const networkMemberSchema = z.object({ id: itemId, name: required(200), relation: text(100).default(''), contact: text(200).default('') });
export const planProfessionalSchema = z.object({ userId: z.uuid(), name: required(200), organisation: text(200).default(''), role: text(100).default('') });
/** How far a goal is reached (absent: not yet — plans written before this existed); the monitor counts it in adopted plans. */
export const GOAL_ATTAINMENT = ['not_yet', 'partly', 'reached'] as const;
export const goalSchema = z.object({ id: itemId, lifeDomain: z.enum(LIFE_DOMAINS), text: required(2000), attainment: z.enum(GOAL_ATTAINMENT).optional() });
export const actionSchema = z
  .object({
    id: itemId,
    what: required(1000),
    goalId: itemId.nullable().default(null),
    ownerKind: z.enum(['professional', 'family']),
    ownerUserId: z.uuid().nullable().default(null),
    ownerPersonId: z.uuid().nullable().default(null),
    dueDate: isoDate.nullable().default(null),
    status: z.enum(ACTION_STATUSES).default('open'),
  })
  .superRefine((a, ctx) => {
    if (a.ownerKind === 'professional' && !a.ownerUserId) ctx.addIssue({ code: 'custom', path: ['ownerUserId'], message: 'required' });
    if (a.ownerKind === 'family' && !a.ownerPersonId) ctx.addIssue({ code: 'custom', path: ['ownerPersonId'], message: 'required' });
  });

export const planContentSchema = z
  .object({
    members: z.array(planMemberSchema).max(30).default([]),
    informalNetwork: z.array(networkMemberSchema).max(50).default([]),
    professionals: z.array(planProfessionalSchema).max(50).default([]),
    strengths: text(4000).default(''),
    concerns: text(4000).default(''),
    earlierHelp: text(4000).default(''),
    goals: z.array(goalSchema).max(50).default([]),
    actions: z.array(actionSchema).max(200).default([]),
    evaluationDates: z.array(isoDate).max(20).default([]),
  })
  .superRefine((p, ctx) => {
    const dupes = (ids: string[], path: string) =>
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: 'duplicate_id' });
      });
    dupes(
      p.goals.map((g) => g.id),
      'goals',
    );
    dupes(
      p.actions.map((a) => a.id),
      'actions',
    );
    const goals = new Set(p.goals.map((g) => g.id));
    p.actions.forEach((a, i) => {
      if (a.goalId && !goals.has(a.goalId)) ctx.addIssue({ code: 'custom', path: ['actions', i, 'goalId'], message: 'unknown_goal' });
    });
  });
export type PlanContent = z.infer<typeof planContentSchema>;
export type PlanAction = PlanContent['actions'][number];

export const EMPTY_PLAN: PlanContent = planContentSchema.parse({});

/** An action is overdue when it is still open (or in progress) and its due date lies before today. */
export function isOverdue(a: Pick<PlanAction, 'status' | 'dueDate'>, today: string): boolean {
  return (a.status === 'open' || a.status === 'in_progress') && a.dueDate !== null && a.dueDate < today;
}

// ─── Adoption: with the parents ──────────────────────────────────────────────────────────────────────────────

/**
 * Eén gezin, één plan: the plan is the family's, so it is adopted WITH the parents — they took part in the
 * conversation and agree (ADR 016). Without either it stays a draft; these are the reasons, one per missing fact.
 */
export function adoptionProblems(a: { parentsPresent: boolean; parentsAgreed: boolean }): { field: 'parentsPresent' | 'parentsAgreed'; code: string }[] {
  return [
    ...(a.parentsPresent ? [] : [{ field: 'parentsPresent' as const, code: 'parents_not_present' }]),
    ...(a.parentsAgreed ? [] : [{ field: 'parentsAgreed' as const, code: 'parents_not_agreed' }]),
  ];
}

/**
 * How an adopted version is to be described, on the page and in the PDF alike: agreed with the parents, or — for
 * versions adopted before ADR 016 — honestly without their agreement or without them. Never "agreed" when it was not.
 */
export type AdoptionRecord = 'with_parents' | 'without_agreement' | 'without_parents';
export function adoptionRecord(p: { parentsPresent: boolean | null; parentsAgreed: boolean | null }): AdoptionRecord {
  if (p.parentsAgreed && p.parentsPresent) return 'with_parents';
  return p.parentsAgreed ? 'without_parents' : 'without_agreement';
}

// ─── Comparing two versions ──────────────────────────────────────────────────────────────────────────────────

export type Change<T> = { kind: 'added'; after: T } | { kind: 'removed'; before: T } | { kind: 'changed'; before: T; after: T };
export interface PlanDiff {
  text: { field: 'strengths' | 'concerns' | 'earlierHelp'; before: string; after: string }[];
  goals: Change<PlanContent['goals'][number]>[];
  actions: Change<PlanAction>[];
  informalNetwork: Change<PlanContent['informalNetwork'][number]>[];
  members: Change<PlanContent['members'][number]>[];
  professionals: Change<PlanContent['professionals'][number]>[];
  evaluationDates: { added: string[]; removed: string[] };
}

function diffList<T>(before: T[], after: T[], key: (x: T) => string): Change<T>[] {
  const old = new Map(before.map((x) => [key(x), x]));
  const now = new Map(after.map((x) => [key(x), x]));
  const out: Change<T>[] = [];
  for (const [k, b] of old) {
    const a = now.get(k);
    if (!a) out.push({ kind: 'removed', before: b });
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ kind: 'changed', before: b, after: a });
  }
  for (const [k, a] of now) if (!old.has(k)) out.push({ kind: 'added', after: a });
  return out;
}

/** What changed from one version to the next, item by item (by id, or by person/user for the people lists). */
export function diffPlans(before: PlanContent, after: PlanContent): PlanDiff {
  return {
    text: (['strengths', 'concerns', 'earlierHelp'] as const)
      .filter((f) => before[f] !== after[f])
      .map((field) => ({ field, before: before[field], after: after[field] })),
    goals: diffList(before.goals, after.goals, (g) => g.id),
    actions: diffList(before.actions, after.actions, (a) => a.id),
    informalNetwork: diffList(before.informalNetwork, after.informalNetwork, (n) => n.id),
    members: diffList(before.members, after.members, (m) => m.personId ?? m.name),
    professionals: diffList(before.professionals, after.professionals, (p) => p.userId),
    evaluationDates: {
      added: after.evaluationDates.filter((d) => !before.evaluationDates.includes(d)),
      removed: before.evaluationDates.filter((d) => !after.evaluationDates.includes(d)),
    },
  };
}

/** True when nothing changed between two versions. */
export function isEmptyDiff(d: PlanDiff): boolean {
  return (
    !d.text.length &&
    !d.goals.length &&
    !d.actions.length &&
    !d.informalNetwork.length &&
    !d.members.length &&
    !d.professionals.length &&
    !d.evaluationDates.added.length &&
    !d.evaluationDates.removed.length
  );
}
