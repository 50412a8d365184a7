import { z } from 'zod';
import { workingDaysBetween } from './working-days.js';

/**
 * Case coordination rules (groundwork for the case issue): the phase state machine, closing and reopening, consent
 * validity, break-the-glass windows and regie escalation. Pure functions; the server enforces them.
 */
export const CASE_PHASES = ['signaleren', 'verkennen', 'steun_op_maat', 'afgesloten'] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

export const CLOSE_REASONS = ['goals_reached', 'moved_away', 'client_declined', 'transferred', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Who asks for a transition, in this case. */
export type CaseActor = 'coordinator' | 'case_director' | 'care_team';

export interface TransitionRequest {
  from: CasePhase;
  to: CasePhase;
  actor: CaseActor;
  /** Why: required for skipping Verkennen, sending back to the hub, and reopening. */
  reason?: string | null;
  closeReason?: CloseReason | null;
  evaluationNote?: string | null;
  /** The phase a closed case was in before closing: reopening returns there. */
  phaseBeforeClosing?: CasePhase | null;
}

export type TransitionResult =
  | { ok: true }
  | { ok: false; code: 'transition_not_allowed' | 'reason_required' | 'close_reason_required' | 'evaluation_required'; allowed: CasePhase[] };

const ACTIVE: CasePhase[] = ['signaleren', 'verkennen', 'steun_op_maat'];
const filled = (s: string | null | undefined) => Boolean(s?.trim());

/**
 * The phases reachable from `from` for this actor. Forward: Signaleren → Verkennen → Steun op maat, or Signaleren →
 * Steun op maat when the question is clear and single. Back: a case director (or the coordinator) returns the case
 * to the hub (Signaleren). Closing from any active phase; only the coordinator reopens a closed case.
 */
export function allowedTransitions(from: CasePhase, actor: CaseActor, phaseBeforeClosing?: CasePhase | null): CasePhase[] {
  if (from === 'afgesloten')
    return actor === 'coordinator' ? [phaseBeforeClosing && phaseBeforeClosing !== 'afgesloten' ? phaseBeforeClosing : 'verkennen'] : [];
  if (actor === 'care_team') return [];
  const forward: Record<Exclude<CasePhase, 'afgesloten'>, CasePhase[]> = {
    signaleren: ['verkennen', 'steun_op_maat'],
    verkennen: ['steun_op_maat', 'signaleren'],
    steun_op_maat: ['signaleren'],
  };
  return [...forward[from], 'afgesloten'];
}

/** Checks one transition and the information it needs; refusals name the phases that are allowed. */
export function checkTransition(r: TransitionRequest): TransitionResult {
  const allowed = allowedTransitions(r.from, r.actor, r.phaseBeforeClosing);
  if (!allowed.includes(r.to)) return { ok: false, code: 'transition_not_allowed', allowed };
  if (r.to === 'afgesloten') {
    if (!r.closeReason) return { ok: false, code: 'close_reason_required', allowed };
    if (!filled(r.evaluationNote)) return { ok: false, code: 'evaluation_required', allowed };
    return { ok: true };
  }
  const skipsExploration = r.from === 'signaleren' && r.to === 'steun_op_maat';
  const backToHub = r.to === 'signaleren';
  const reopening = r.from === 'afgesloten';
  if ((skipsExploration || backToHub || reopening) && !filled(r.reason)) return { ok: false, code: 'reason_required', allowed };
  return { ok: true };
}

/** Whether a phase is one of an open case (everything but Afgesloten). */
export function isActivePhase(p: CasePhase): boolean {
  return ACTIVE.includes(p);
}

// ─── Consent ─────────────────────────────────────────────────────────────────────────────────────────────────

export const CONSENT_PURPOSES = ['case_discussion', 'share_plan', 'referral'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_DECISIONS = ['given', 'refused', 'withdrawn'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export type ConsentState = ConsentDecision | 'expired' | 'none';

export interface ConsentRecord {
  organisationId: string;
  purpose: ConsentPurpose;
  decision: ConsentDecision;
  recordedAt: Date;
  /** Inclusive period of a given consent (ISO dates); no end means until withdrawn. */
  validFrom: string;
  validUntil: string | null;
  /** A given consent naming the recorder's own organisation, not yet confirmed by someone else: it does not count. */
  pending: boolean;
}

/**
 * The consent state for one organisation and purpose on a day: the latest counting record decides (one awaiting
 * confirmation does not count, so after a withdrawal only someone else's confirmation brings consent back); a given consent outside
 * its period is 'expired' (or not yet valid: 'none'); no record at all is 'none'.
 */
export function consentState(records: ConsentRecord[], organisationId: string, purpose: ConsentPurpose, today: string): ConsentState {
  const latest = records
    .filter((r) => r.organisationId === organisationId && r.purpose === purpose && !r.pending)
    .sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
  if (!latest) return 'none';
  if (latest.decision !== 'given') return latest.decision;
  if (today < latest.validFrom) return 'none';
  if (latest.validUntil && today > latest.validUntil) return 'expired';
  return 'given';
}

/** Content may be shared with an organisation for a purpose only while consent is given and in its period. */
export function mayShare(records: ConsentRecord[], organisationId: string, purpose: ConsentPurpose, today: string): boolean {
  return consentState(records, organisationId, purpose, today) === 'given';
}

/** Who gives consent for a person: the parents until 16, from 16 the young person; an adult for herself. */
export function whoConsents(ageInYears: number | null): 'parents' | 'self' {
  return ageInYears !== null && ageInYears >= 16 ? 'self' : 'parents';
}

// ─── Break the glass and regie ───────────────────────────────────────────────────────────────────────────────

export const BREAK_GLASS_DEFAULT_MINUTES = 120;

/** Whether emergency access granted at `grantedAt` for `minutes` still holds at `now`. */
export function breakGlassActive(grantedAt: Date, minutes: number, now: Date): boolean {
  return now.getTime() >= grantedAt.getTime() && now.getTime() < grantedAt.getTime() + minutes * 60_000;
}

/** A case without an accepted case director escalates after this many Dutch working days (configurable). */
export const REGIE_ESCALATION_WORKING_DAYS = 5;

/** Whether a case without an accepted director since `since` is due for escalation at `now`. */
export function regieEscalationDue(since: Date, now: Date, workingDays = REGIE_ESCALATION_WORKING_DAYS): boolean {
  return workingDaysBetween(since, now) > workingDays;
}

// ─── Input rules shared by the API and the web forms ─────────────────────────────────────────────────────────

export const CONSENT_HOW = ['spoken', 'written'] as const;
export const MIN_REASON_LENGTH = 10;

const isoDate = z.iso.date({ message: 'invalid_date' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'too_long' })
    .optional()
    .transform((v) => v || null);

/** A consent given or refused to one or more recipients (each an organisation, optionally one professional in it). */
export const consentInputSchema = z
  .object({
    givenByPersonId: z.uuid(),
    recipients: z
      .array(z.object({ organisationId: z.uuid(), userId: z.uuid().nullable().default(null) }))
      .min(1, { message: 'required' })
      .max(20),
    purpose: z.enum(CONSENT_PURPOSES),
    purposeDetail: optionalText(300),
    decision: z.enum(['given', 'refused']),
    validFrom: isoDate,
    validUntil: isoDate.nullable().default(null),
    how: z.enum(CONSENT_HOW),
    note: optionalText(2000),
    form: z
      .object({
        name: z.string().trim().min(1).max(200),
        type: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
        base64: z.string().max(2_800_000, { message: 'too_large' }),
      })
      .nullable()
      .default(null),
  })
  .superRefine((c, ctx) => {
    if (c.validUntil && c.validUntil < c.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'before_start' });
    if (c.purpose === 'referral' && !c.purposeDetail) ctx.addIssue({ code: 'custom', path: ['purposeDetail'], message: 'required' });
    if (c.form && c.how !== 'written') ctx.addIssue({ code: 'custom', path: ['form'], message: 'form_needs_written' });
  });
export type ConsentInput = z.infer<typeof consentInputSchema>;

/** A reason that says something: emergency access, skipping a phase, reopening. */
export const reasonSchema = z.string().trim().min(MIN_REASON_LENGTH, { message: 'reason_too_short' }).max(2000, { message: 'too_long' });

/**
 * Whether a consent record needs someone else's confirmation before it counts: a given consent whose recipient is
 * the recorder's own organisation (or herself). Refusals and withdrawals count at once.
 */
export function consentNeedsConfirmation(
  r: { decision: ConsentDecision; organisationId: string; userId: string | null },
  recorder: { userId: string; organisationId: string },
): boolean {
  return r.decision === 'given' && (r.organisationId === recorder.organisationId || r.userId === recorder.userId);
}
