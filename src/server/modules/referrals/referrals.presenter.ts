import { z } from 'zod';
import { planContentSchema } from '../../../domain/family-plan.js';
import { int32 } from '../../../domain/numbers.js';
import {
  allowedReferralTransitions,
  awaitsAnswer,
  DECLINE_REASONS,
  HANDOVER_KINDS,
  isOverdue,
  needsNewReferral,
  REFERRAL_STATUSES,
  type ReferralSide,
  responsibleParty,
  URGENCIES,
} from '../../../domain/referrals.js';
import { workingDaysBetween } from '../../../domain/working-days.js';
import { mayReferAgain } from '../../policy.js';
import type * as repo from './referrals.repository.js';

const ts = z.iso.datetime({ offset: true });
const day = (d: string) => new Date(`${d}T00:00:00Z`);
/** Working days from `from` to `to`, negative when `to` lies before `from`. */
const signedWorkingDays = (from: string, to: string) => (to >= from ? workingDaysBetween(day(from), day(to)) : -workingDaysBetween(day(to), day(from)));
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const status = z.enum(REFERRAL_STATUSES);

export const referralSummarySchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  status,
  urgency: z.enum(URGENCIES),
  serviceName: z.string(),
  organisationName: z.string(),
  senderName: z.string(),
  personName: z.string().optional(),
  sentAt: ts,
  dueOn: z.iso.date(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  /**
   * Who is responsible for the next step (warm hand-over): the referrer until the receiver accepts and again after
   * a decline or a client who could not be reached; the receiver in between; nobody once it is done.
   */
  responsible: z.enum(['sender', 'receiver', 'nobody']),
  /** Whether the receiver still has to answer (accept or decline) — the response-time norm runs. */
  awaitingAnswer: z.boolean(),
  /** Dutch working days from today to the due day while an answer is awaited: 0 on the due day, negative when late. */
  workingDaysLeft: int32().nullable(),
  /** Referred in vain: the referrer has to refer again. */
  needsNewReferral: z.boolean(),
  expectedStart: z.iso.date().nullable(),
  version: int32(),
});

export function presentSummary(s: repo.ReferralSummary, today: string): z.infer<typeof referralSummarySchema> {
  return {
    id: s.id,
    caseId: s.caseId,
    status: s.status,
    urgency: s.urgency as (typeof URGENCIES)[number],
    serviceName: s.serviceName,
    organisationName: s.organisationName,
    senderName: s.senderName,
    ...(s.personName ? { personName: s.personName } : {}),
    sentAt: s.sentAt.toISOString(),
    dueOn: s.dueOn,
    overdue: isOverdue(s.status, s.dueOn, today),
    escalated: Boolean(s.escalatedAt),
    responsible: responsibleParty(s.status),
    awaitingAnswer: awaitsAnswer(s.status),
    workingDaysLeft: awaitsAnswer(s.status) ? signedWorkingDays(today, s.dueOn) : null,
    needsNewReferral: needsNewReferral(s.status),
    expectedStart: s.expectedStart,
    version: s.version,
  };
}

export const boardSchema = z.object({
  counts: z.object({ new: int32(), overdue: int32(), waiting: int32(), open: int32() }),
  /** One page of the chosen view, by due day (the counts give its size). */
  page: int32(),
  perPage: int32(),
  items: z.array(referralSummarySchema),
});

export const referralSchema = referralSummarySchema.extend({
  side: z.enum(['sender', 'receiver']),
  /** The next statuses this side may set (the closed loop of domain/referrals.ts, for the side policy.referralSide gave). */
  allowed: z.array(status),
  /** What the viewer may do with it: change its status, confirm receipt, go to the case (the sending side only). */
  abilities: z.object({ changeStatus: z.boolean(), confirmReceipt: z.boolean(), openCase: z.boolean(), referAgain: z.boolean() }),
  purpose: z.string(),
  question: z.string(),
  handover: z.object({ kind: z.enum(HANDOVER_KINDS), at: ts.nullable(), note: z.string().nullable() }),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  declineNote: z.string().nullable(),
  /** The referral this one was made again after, and the one made again after this one. */
  previousReferral: z.object({ id: z.uuid(), serviceName: z.string(), status }).nullable(),
  followUp: z.object({ id: z.uuid(), serviceName: z.string(), status }).nullable(),
  normWorkingDays: int32(),
  person: z.object({ id: z.uuid(), name: z.string(), dateOfBirth: z.iso.date().nullable(), phone: z.string().nullable() }),
  sender: z.object({ name: z.string(), email: z.string(), organisationName: z.string(), phone: z.string().nullable() }),
  history: z.array(
    z.object({
      id: z.uuid(),
      from: status.nullable(),
      to: status,
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      declineReason: z.enum(DECLINE_REASONS).nullable(),
      expectedStart: z.iso.date().nullable(),
      escalated: z.boolean(),
      at: ts,
    }),
  ),
  attachments: z.array(
    z.union([
      z.object({ kind: z.literal('family_plan'), planNumber: int32(), adoptedAt: ts.nullable(), content: planContentSchema }),
      z.object({ kind: z.literal('note'), text: z.string(), at: ts }),
    ]),
  ),
  /** Attachments the receiver no longer sees because consent was withdrawn or expired. */
  attachmentsWithheld: int32(),
});

export function presentReferral(
  x: {
    d: repo.ReferralDetail;
    side: ReferralSide;
    history: Awaited<ReturnType<typeof repo.historyOf>>;
    attachments: Awaited<ReturnType<typeof repo.attachmentsOf>>;
    attachmentsWithheld: number;
  },
  today: string,
): z.infer<typeof referralSchema> {
  const { d } = x;
  const r = d.r;
  return {
    ...presentSummary(
      {
        id: r.id,
        caseId: r.caseId,
        status: r.status,
        urgency: r.urgency,
        dueOn: r.dueOn,
        sentAt: r.sentAt,
        expectedStart: r.expectedStart,
        escalatedAt: r.escalatedAt,
        version: r.version,
        serviceName: d.serviceName,
        organisationName: d.receivingOrganisationName,
        senderName: d.senderName,
        personName: `${d.person.givenName} ${d.person.familyName}`.trim(),
      },
      today,
    ),
    side: x.side,
    allowed: allowedReferralTransitions(r.status, x.side),
    abilities: {
      changeStatus: allowedReferralTransitions(r.status, x.side).length > 0,
      confirmReceipt: allowedReferralTransitions(r.status, x.side).includes('received'),
      openCase: x.side === 'sender',
      referAgain: mayReferAgain(x.side, r.status, d.followUp !== null),
    },
    purpose: r.purpose,
    question: r.question,
    handover: { kind: r.handoverKind as (typeof HANDOVER_KINDS)[number], at: iso(r.handoverAt), note: r.handoverNote },
    declineReason: r.declineReason,
    declineNote: r.declineNote,
    previousReferral: d.previous,
    followUp: d.followUp,
    normWorkingDays: r.normWorkingDays,
    person: { id: r.personId, name: `${d.person.givenName} ${d.person.familyName}`.trim(), dateOfBirth: d.person.dateOfBirth, phone: d.person.contactPhone },
    sender: { name: d.senderName, email: d.senderEmail, organisationName: d.senderOrganisationName, phone: d.senderPhone },
    history: x.history.map((h) => ({
      id: h.id,
      from: h.fromStatus,
      to: h.toStatus,
      actorName: h.actorName,
      note: h.note,
      declineReason: (h.data.declineReason as (typeof DECLINE_REASONS)[number] | undefined) ?? null,
      expectedStart: (h.data.expectedStart as string | undefined) ?? null,
      escalated: h.data.escalated === true,
      at: h.at.toISOString(),
    })),
    attachments: x.attachments.map((a) =>
      a.kind === 'family_plan'
        ? { kind: 'family_plan' as const, planNumber: a.planNumber ?? 0, adoptedAt: iso(a.planAdoptedAt), content: a.planContent! }
        : { kind: 'note' as const, text: String(a.noteData?.text ?? ''), at: a.noteAt!.toISOString() },
    ),
    attachmentsWithheld: x.attachmentsWithheld,
  };
}
