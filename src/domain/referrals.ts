import { z } from 'zod';
import { int32 } from './numbers.js';
import { addWorkingDays } from './working-days.js';

/**
 * Referrals with a warm hand-over and a closed loop (domain.md §4): the receiving organisation answers within its
 * service's response-time norm, and every step it takes goes back to the referrer ("terugkoppeling").
 */
export const REFERRAL_STATUSES = [
  'sent',
  'received',
  'accepted',
  'declined',
  'waiting_list',
  'first_contact',
  'help_started',
  'completed',
  'client_withdrew',
  'could_not_contact',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const DECLINE_REASONS = ['no_capacity', 'not_eligible', 'referred_elsewhere', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const URGENCIES = ['normal', 'soon', 'urgent'] as const;
export const HANDOVER_KINDS = ['joint_visit', 'introduction_call'] as const;

/** The receiving side moves a referral along; the sending side can only record that the client withdrew. */
export type ReferralSide = 'sender' | 'receiver';

const NEXT: Record<ReferralStatus, ReferralStatus[]> = {
  sent: ['received', 'accepted', 'declined', 'client_withdrew'],
  received: ['accepted', 'declined', 'client_withdrew'],
  accepted: ['waiting_list', 'first_contact', 'help_started', 'client_withdrew', 'could_not_contact'],
  waiting_list: ['first_contact', 'help_started', 'client_withdrew', 'could_not_contact'],
  first_contact: ['help_started', 'client_withdrew'],
  help_started: ['completed', 'client_withdrew'],
  declined: [],
  completed: [],
  client_withdrew: [],
  could_not_contact: [],
};

/** The statuses this side may move a referral to from `from`. */
export function allowedReferralTransitions(from: ReferralStatus, side: ReferralSide): ReferralStatus[] {
  const next = NEXT[from];
  return side === 'receiver' ? next : next.filter((s) => s === 'client_withdrew');
}

export function isFinal(s: ReferralStatus): boolean {
  return NEXT[s].length === 0;
}

/** Open until the receiver has answered: the norm runs and the sender stays responsible (warm hand-over). */
export function awaitsAnswer(s: ReferralStatus): boolean {
  return s === 'sent' || s === 'received';
}

/**
 * Who is responsible for the client's next step (warm hand-over): the referrer until the receiver accepts, the
 * receiver from acceptance until help is done — and the referrer again when the receiver declines or cannot reach
 * the client, since then nobody else will look for another route. After completion or withdrawal nobody is.
 */
export type ResponsibleParty = 'sender' | 'receiver' | 'nobody';
export function responsibleParty(s: ReferralStatus): ResponsibleParty {
  if (awaitsAnswer(s) || s === 'declined' || s === 'could_not_contact') return 'sender';
  if (s === 'completed' || s === 'client_withdrew') return 'nobody';
  return 'receiver';
}

/** Referred in vain: the referrer has to refer again (to the same or another service). */
export function needsNewReferral(s: ReferralStatus): boolean {
  return s === 'declined' || s === 'could_not_contact';
}

export interface ReferralChange {
  from: ReferralStatus;
  to: ReferralStatus;
  side: ReferralSide;
  declineReason?: DeclineReason | null;
  /** The explanation given with the change; a decline for "another reason" needs one. */
  note?: string | null;
  expectedStart?: string | null;
}

export type ReferralChangeResult =
  | { ok: true }
  | { ok: false; error: 'transition_not_allowed'; allowed: ReferralStatus[] }
  | { ok: false; error: 'decline_reason_required' | 'decline_explanation_required' | 'expected_start_required'; path: string };

/** One rule for every status change: allowed by the state machine, and with what that status needs. */
export function checkReferralChange(c: ReferralChange): ReferralChangeResult {
  const allowed = allowedReferralTransitions(c.from, c.side);
  if (!allowed.includes(c.to)) return { ok: false, error: 'transition_not_allowed', allowed };
  if (c.to === 'declined' && !c.declineReason) return { ok: false, error: 'decline_reason_required', path: 'body.declineReason' };
  if (c.to === 'declined' && c.declineReason === 'other' && !c.note?.trim()) return { ok: false, error: 'decline_explanation_required', path: 'body.note' };
  if (c.to === 'waiting_list' && !c.expectedStart) return { ok: false, error: 'expected_start_required', path: 'body.expectedStart' };
  return { ok: true };
}

/** The default response-time norm when a service states none (configurable: REFERRAL_NORM_WORKING_DAYS). */
export const DEFAULT_NORM_WORKING_DAYS = 5;

/**
 * The last day on which the answer is in time: `norm` Dutch working days after the day it was sent (a referral
 * sent on Friday with a norm of 1 is due on Monday, or on Tuesday when Monday is a public holiday).
 */
export function responseDueOn(sentOn: string, norm: number): string {
  return addWorkingDays(new Date(`${sentOn}T00:00:00Z`), norm)
    .toISOString()
    .slice(0, 10);
}

/** Overdue: still waiting for an answer after its due day. */
export function isOverdue(status: ReferralStatus, dueOn: string, today: string): boolean {
  return awaitsAnswer(status) && today > dueOn;
}

/** Median of whole weeks, or null without data: the service's actual waiting time from referral outcomes. */
export function medianWeeks(days: number[]): number | null {
  if (!days.length) return null;
  const s = [...days].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(median / 7);
}

// ─── Input rules shared by the API and the web forms ─────────────────────────────────────────────────────────

const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });
const isoDate = z.iso.date({ message: 'invalid_date' });

export const ATTACHMENT_KINDS = ['family_plan', 'note'] as const;

export const referralInputSchema = z
  .object({
    personId: z.uuid(),
    serviceId: z.uuid(),
    purpose: text(300).min(3, { message: 'required' }),
    question: text(4000).min(10, { message: 'question_too_short' }),
    urgency: z.enum(URGENCIES).default('normal'),
    handover: z.object({
      kind: z.enum(HANDOVER_KINDS),
      /** Proposed moment of the joint visit or introduction call. */
      at: z.iso.datetime({ offset: true, message: 'invalid_datetime' }).nullable().optional(),
      note: text(1000).optional(),
    }),
    attachments: z
      .array(z.union([z.object({ kind: z.literal('family_plan'), planNumber: int32().min(1) }), z.object({ kind: z.literal('note'), eventId: z.uuid() })]))
      .max(20)
      .default([]),
    /** Referring again after a decline (or a client who could not be reached): the earlier referral, linked both ways. */
    previousReferralId: z.uuid().nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.handover.kind === 'joint_visit' && !v.handover.at) ctx.addIssue({ code: 'custom', path: ['handover', 'at'], message: 'required' });
  });
export type ReferralInput = z.infer<typeof referralInputSchema>;

export const referralChangeSchema = z.object({
  version: int32(),
  status: z.enum(REFERRAL_STATUSES),
  declineReason: z.enum(DECLINE_REASONS).nullable().optional(),
  expectedStart: isoDate.nullable().optional(),
  note: text(2000).optional(),
});
export type ReferralChangeInput = z.infer<typeof referralChangeSchema>;

/**
 * Dates that cannot be right when they are entered: a warm hand-over planned before now (a few minutes' grace
 * for the time it took to fill in the form) and an expected start of help before today. Both are plans.
 */
export const HANDOVER_GRACE_MINUTES = 15;
export function handoverInPast(at: string, now: Date): boolean {
  return new Date(at).getTime() < now.getTime() - HANDOVER_GRACE_MINUTES * 60_000;
}
export function expectedStartInPast(expectedStart: string, today: string): boolean {
  return expectedStart < today;
}
