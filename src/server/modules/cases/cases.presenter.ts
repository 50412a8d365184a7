import { z } from 'zod';
import {
  allowedTransitions,
  CASE_PHASES,
  type CaseActor,
  CLOSE_REASONS,
  CONSENT_DECISIONS,
  CONSENT_PURPOSES,
  type ConsentRecord,
  consentState,
} from '../../../domain/cases.js';
import { isOverdue, type PlanDiff, planContentSchema } from '../../../domain/family-plan.js';
import { int32 } from '../../../domain/numbers.js';
import { HOUSEHOLD_ROLES } from '../../../domain/persons.js';
import { dutchDate } from '../../../domain/working-days.js';
import { CASE_DENIAL_REASONS, type CaseAbilities, type CaseAbilityReasons, type CaseAccess } from '../../policy.js';
import type { PersonRow } from '../families/families.repository.js';
import { type ContactRow, contactSchema, presentContact } from '../involvement/involvement.presenter.js';
import type { CasePageParts } from './case-page.repository.js';
import type * as repo from './cases.repository.js';
import type { BoardCaseRow, BoardCounts, MyCaseRow } from './worklists.repository.js';

const ts = z.iso.datetime({ offset: true });
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const phase = z.enum(CASE_PHASES);
const denial = z.enum(CASE_DENIAL_REASONS).optional();
const consentStateSchema = z.enum(['given', 'refused', 'withdrawn', 'expired', 'none']);

export const planSummarySchema = z.object({
  number: int32(),
  status: z.enum(['draft', 'adopted']),
  adoptedAt: ts.nullable(),
  parentsAgreed: z.boolean().nullable(),
  parentsPresent: z.boolean().nullable(),
  version: int32(),
  updatedAt: ts,
});
export const planSchema = planSummarySchema.extend({ content: planContentSchema });
export const presentPlanSummary = (p: repo.PlanRow): z.infer<typeof planSummarySchema> => ({
  number: p.number,
  status: p.status as 'draft' | 'adopted',
  adoptedAt: iso(p.adoptedAt),
  parentsAgreed: p.parentsAgreed,
  parentsPresent: p.parentsPresent,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});
export const presentPlan = (p: repo.PlanRow): z.infer<typeof planSchema> => ({ ...presentPlanSummary(p), content: p.content });

const eventSchema = z.object({ id: z.uuid(), kind: z.string(), at: ts, actorName: z.string().nullable(), data: z.record(z.string(), z.unknown()) });
export const presentEvent = (r: { event: repo.CaseEventRow; actorName: string | null }): z.infer<typeof eventSchema> => ({
  id: r.event.id,
  kind: r.event.kind,
  at: r.event.at.toISOString(),
  actorName: r.actorName,
  data: r.event.data,
});
export const timelineSchema = z.object({ items: z.array(eventSchema) });

const memberSchema = z.object({
  /** Null while she has no account: a smoelenboek card only, reached by mail (ADR 007). */
  userId: z.uuid().nullable(),
  /** The smoelenboek card she was added by, if any. */
  personId: z.uuid().nullable(),
  hasAccount: z.boolean(),
  name: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string(),
  roleInCase: z.string(),
  source: z.string(),
  since: ts,
  /** Whether this member's organisation (or they personally) may hear the case content now. */
  consent: consentStateSchema,
});
const directorSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  kind: z.enum(['case', 'process']),
  status: z.enum(['proposed', 'current', 'declined', 'withdrawn', 'ended']),
  proposedAt: ts,
  acceptedAt: ts.nullable(),
  endedAt: ts.nullable(),
  note: z.string().nullable(),
});
export const consentSchema = z.object({
  id: z.uuid(),
  givenByPersonId: z.uuid(),
  givenByName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  purpose: z.enum(CONSENT_PURPOSES),
  purposeDetail: z.string().nullable(),
  decision: z.enum(CONSENT_DECISIONS),
  /** The state of this recipient and purpose today: the latest record decides, a lapsed period is expired. */
  currentState: consentStateSchema,
  isLatest: z.boolean(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  how: z.string(),
  hasForm: z.boolean(),
  note: z.string().nullable(),
  recordedAt: ts,
  /** Names the recorder's own organisation and awaits someone else's confirmation: it does not count yet. */
  pending: z.boolean(),
  /** Whether the viewer may confirm it (policy.mayConfirmConsent). */
  mayConfirm: z.boolean(),
});
const emergencySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  organisationName: z.string().nullable(),
  reason: z.string(),
  grantedAt: ts,
  expiresAt: ts,
  review: z.enum(['approved', 'improper']).nullable(),
  reviewNote: z.string().nullable(),
  reviewedAt: ts.nullable(),
});
export const emergencyGrantSchema = z.object({ id: z.uuid(), expiresAt: ts });

export const casePageSchema = z.object({
  id: z.uuid(),
  phase,
  municipalityId: z.uuid(),
  createdAt: ts,
  updatedAt: ts,
  phaseChangedAt: ts,
  version: int32(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  evaluationNote: z.string().nullable(),
  closedAt: ts.nullable(),
  withoutDirectorSince: ts.nullable(),
  regieEscalatedAt: ts.nullable(),
  client: z.object({ id: z.uuid(), name: z.string() }),
  access: z.object({ level: z.enum(['content', 'plan', 'existence']), basis: z.enum(['coordinator', 'care_team', 'emergency']) }),
  role: z.enum(['coordinator', 'case_director', 'care_team']),
  /** What the viewer may do with this case (policy.caseAbilities): the web app shows actions from these alone. */
  abilities: z.object({
    direct: z.boolean(),
    refer: z.boolean(),
    recordConsent: z.boolean(),
    confirmConsent: z.boolean(),
    reviewEmergency: z.boolean(),
    nameProcessDirector: z.boolean(),
  }),
  /** Why an action is not offered (policy.caseAbilityReasons): the web app says so instead of hiding it silently. */
  abilityReasons: z.object({
    direct: denial,
    refer: denial,
    recordConsent: denial,
    confirmConsent: denial,
    nameProcessDirector: denial,
    changePhase: denial,
    addNote: denial,
  }) satisfies z.ZodType<CaseAbilityReasons>,
  allowedTransitions: z.array(phase),
  director: contactSchema.nullable(),
  plan: z.object({ current: planSchema.nullable(), draft: planSchema.nullable(), versions: z.array(planSummarySchema) }).nullable(),
  content: z
    .object({
      careTeam: z.array(memberSchema),
      directors: z.array(directorSchema),
      consents: z.array(consentSchema),
      household: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.enum(HOUSEHOLD_ROLES), dateOfBirth: z.string().nullable() })),
      timeline: z.array(eventSchema),
      emergency: z.array(emergencySchema),
    })
    .nullable(),
});
export type CasePage = z.infer<typeof casePageSchema>;

const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`.trim();
const recipientKey = (k: { organisationId: string; userId: string | null; purpose: string }) => `${k.organisationId}/${k.userId ?? ''}/${k.purpose}`;

/** Records that decide for a member: their organisation's, and those naming them personally. */
function memberConsent(rows: repo.ConsentListRow[], m: { userId: string | null; organisationId: string }, today: string) {
  const records: ConsentRecord[] = rows
    .filter((r) => r.consent.organisationId === m.organisationId && (r.consent.userId === null || r.consent.userId === m.userId))
    .map((r) => ({ ...r.consent, organisationId: m.organisationId }));
  return consentState(records, m.organisationId, 'case_discussion', today);
}

export function presentConsents(
  rows: repo.ConsentListRow[],
  household: { id: string; givenName: string; familyName: string }[],
  today: string,
  mayConfirm: (k: repo.ConsentListRow['consent']) => boolean,
) {
  const seen = new Set<string>();
  return rows.map((r): z.infer<typeof consentSchema> => {
    const k = r.consent;
    const key = recipientKey(k);
    const isLatest = !seen.has(key);
    seen.add(key);
    const sameKey = rows.filter((x) => recipientKey(x.consent) === key).map((x) => ({ ...x.consent }));
    const giver = household.find((p) => p.id === k.givenByPersonId);
    return {
      id: k.id,
      givenByPersonId: k.givenByPersonId,
      givenByName: giver ? fullName(giver) : '',
      organisationId: k.organisationId,
      organisationName: r.organisationName,
      userId: k.userId,
      userName: r.userName,
      purpose: k.purpose,
      purposeDetail: k.purposeDetail,
      decision: k.decision,
      currentState: consentState(sameKey, k.organisationId, k.purpose, today),
      isLatest,
      validFrom: k.validFrom,
      validUntil: k.validUntil,
      how: k.how,
      hasForm: Boolean(k.formName),
      note: k.note,
      recordedAt: k.recordedAt.toISOString(),
      pending: k.pending,
      mayConfirm: k.pending && mayConfirm(k),
    };
  });
}

export interface CasePageData {
  l: { c: repo.CaseRow; access: CaseAccess };
  client: PersonRow;
  director: ContactRow | null;
  role: CaseActor;
  abilities: CaseAbilities;
  abilityReasons: CaseAbilityReasons;
  mayConfirm: (k: { recordedById: string; organisationId: string }) => boolean;
  plan: { current: repo.PlanRow | null; draft: repo.PlanRow | null; versions: repo.PlanRow[] } | null;
  content: CasePageParts['content'];
}

export function presentCasePage(d: CasePageData): CasePage {
  const { c, access } = d.l;
  const today = dutchDate(new Date());
  const ct = d.content;
  return {
    id: c.id,
    phase: c.phase,
    municipalityId: c.municipalityId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    phaseChangedAt: c.phaseChangedAt.toISOString(),
    version: c.version,
    closeReason: c.closeReason,
    evaluationNote: c.evaluationNote,
    closedAt: iso(c.closedAt),
    withoutDirectorSince: iso(c.withoutDirectorSince),
    regieEscalatedAt: iso(c.regieEscalatedAt),
    client: { id: d.client.id, name: fullName(d.client) },
    access,
    role: d.role,
    abilities: d.abilities,
    abilityReasons: d.abilityReasons,
    allowedTransitions: allowedTransitions(c.phase, d.role, c.phaseBeforeClosing),
    director: d.director && presentContact(d.director),
    plan: d.plan && {
      current: d.plan.current && presentPlan(d.plan.current),
      draft: d.plan.draft && presentPlan(d.plan.draft),
      versions: d.plan.versions.map(presentPlanSummary),
    },
    content: ct && {
      careTeam: ct.team.map((m) => ({
        userId: m.member.userId,
        personId: m.member.personId,
        hasAccount: m.member.userId !== null,
        name: m.name,
        organisationId: m.member.organisationId,
        organisationName: m.organisationName,
        jobTitle: m.jobTitle,
        phone: m.phone,
        email: m.email,
        roleInCase: m.member.roleInCase,
        source: m.member.source,
        since: m.member.since.toISOString(),
        consent: memberConsent(ct.consents, m.member, today),
      })),
      directors: ct.directors.map((x) => ({
        id: x.director.id,
        userId: x.director.userId,
        name: x.name,
        kind: x.director.kind as 'case' | 'process',
        status: x.director.status as z.infer<typeof directorSchema>['status'],
        proposedAt: x.director.proposedAt.toISOString(),
        acceptedAt: iso(x.director.acceptedAt),
        endedAt: iso(x.director.endedAt),
        note: x.director.note,
      })),
      consents: presentConsents(ct.consents, ct.household, today, d.mayConfirm),
      household: ct.household.map((p) => ({ id: p.id, name: fullName(p), role: p.role, dateOfBirth: p.dateOfBirth })),
      timeline: ct.events.map(presentEvent),
      emergency: ct.emergency.map((e) => ({
        id: e.grant.id,
        userId: e.grant.userId,
        name: e.name,
        organisationName: e.organisationName,
        reason: e.grant.reason,
        grantedAt: e.grant.grantedAt.toISOString(),
        expiresAt: e.grant.expiresAt.toISOString(),
        review: e.grant.review as 'approved' | 'improper' | null,
        reviewNote: e.grant.reviewNote,
        reviewedAt: iso(e.grant.reviewedAt),
      })),
    },
  };
}

// ─── Work lists ──────────────────────────────────────────────────────────────────────────────────────────────

const actionItem = z.object({ id: z.string(), what: z.string(), dueDate: z.string().nullable(), status: z.string(), overdue: z.boolean() });
export const myCaseSchema = z.object({
  id: z.uuid(),
  phase,
  clientName: z.string(),
  municipalityName: z.string(),
  roleInCase: z.string(),
  since: ts,
  updatedAt: ts,
  isDirector: z.boolean(),
  directorName: z.string().nullable(),
  proposal: z.object({ id: z.uuid(), kind: z.enum(['case', 'process']) }).nullable(),
  nextStep: z.enum(['answer_regie_proposal', 'overdue_actions', 'draft_plan', 'open_actions', 'none']),
  myActions: z.array(actionItem),
  overdueCount: int32(),
});
export function presentMyCase(
  r: MyCaseRow & { nextStep: z.infer<typeof myCaseSchema>['nextStep'] },
  userId: string,
  today = dutchDate(new Date()),
): z.infer<typeof myCaseSchema> {
  const actions = r.myActions.map((a) => ({ id: a.id, what: a.what, dueDate: a.dueDate, status: a.status, overdue: isOverdue(a, today) }));
  return {
    id: r.id,
    phase: r.phase,
    clientName: r.clientName,
    municipalityName: r.municipalityName,
    roleInCase: r.roleInCase,
    since: r.since.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    isDirector: r.directorId === userId,
    directorName: r.directorName,
    proposal: r.proposal,
    nextStep: r.nextStep,
    myActions: actions,
    overdueCount: actions.filter((a) => a.overdue).length,
  };
}

export const boardSchema = z.object({
  counts: z.object({
    phases: z.object({ signaleren: z.number(), verkennen: z.number(), steun_op_maat: z.number(), afgesloten: z.number() }),
    withoutDirector: z.number(),
    escalated: z.number(),
    intake: z.number(),
    unfollowedMatches: z.number(),
    emergencyToReview: z.number(),
  }),
  items: z.array(
    z.object({
      id: z.uuid(),
      phase,
      municipalityName: z.string(),
      clientName: z.string(),
      directorName: z.string().nullable(),
      withoutDirectorSince: ts.nullable(),
      regieEscalatedAt: ts.nullable(),
      teamSize: int32(),
      updatedAt: ts,
    }),
  ),
});
export const presentBoard = (b: { counts: BoardCounts; items: BoardCaseRow[] }): z.infer<typeof boardSchema> => ({
  counts: b.counts,
  items: b.items.map((r) => ({
    ...r,
    withoutDirectorSince: iso(r.withoutDirectorSince),
    regieEscalatedAt: iso(r.regieEscalatedAt),
    updatedAt: r.updatedAt.toISOString(),
  })),
});

const change = z.object({ kind: z.enum(['added', 'removed', 'changed']), before: z.unknown().optional(), after: z.unknown().optional() });
export const diffSchema = z.object({
  from: planSchema,
  to: planSchema,
  diff: z.object({
    text: z.array(z.object({ field: z.enum(['strengths', 'concerns', 'earlierHelp']), before: z.string(), after: z.string() })),
    goals: z.array(change),
    actions: z.array(change),
    informalNetwork: z.array(change),
    members: z.array(change),
    professionals: z.array(change),
    evaluationDates: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  }),
});
export const presentDiff = (d: { from: repo.PlanRow; to: repo.PlanRow; diff: PlanDiff }): z.infer<typeof diffSchema> => ({
  from: presentPlan(d.from),
  to: presentPlan(d.to),
  diff: d.diff,
});
