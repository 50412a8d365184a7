import { z } from 'zod';
import { int32 } from './numbers.js';

/**
 * The network's own evaluation tools (domain.md §8): the bottleneck register (knelpunten, as in the Kerkrade
 * factsheet), the Integrale Vroeghulp quickscan with its building blocks and quality criteria, and the agreements
 * register (afsprakenkader).
 */

const text = (max: number) => z.string().trim().min(2, { message: 'too_short' }).max(max, { message: 'too_long' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'too_long' })
    .transform((s) => s || null)
    .nullable()
    .default(null);
const isoDate = z.iso.date({ message: 'invalid_date' });

// --- Bottlenecks --------------------------------------------------------------------------------------------------

export const BOTTLENECK_PHASES = ['signaleren', 'verkennen', 'steun_op_maat', 'samenwerking'] as const;
export type BottleneckPhase = (typeof BOTTLENECK_PHASES)[number];
export const BOTTLENECK_SOURCES = ['interview', 'survey', 'meeting', 'other'] as const;
export const BOTTLENECK_STATUSES = ['open', 'addressed'] as const;

export const improvementActionSchema = z.object({
  description: text(500),
  owner: text(200),
  dueOn: isoDate.nullable().default(null),
  done: z.boolean().default(false),
});

export const bottleneckInputSchema = z.object({
  phase: z.enum(BOTTLENECK_PHASES),
  title: text(300),
  description: optionalText(2000),
  /** How many partners named it — the "(4)" of "Men weet elkaar niet altijd te vinden (4)". */
  partnersNamed: int32().min(1, { message: 'at_least_one' }).max(1000),
  source: z.enum(BOTTLENECK_SOURCES),
  status: z.enum(BOTTLENECK_STATUSES).default('open'),
  actions: z.array(improvementActionSchema).max(30).default([]),
});
export type BottleneckInput = z.infer<typeof bottleneckInputSchema>;

// --- Integrale Vroeghulp quickscan --------------------------------------------------------------------------------

/** The seven building blocks; the first three must be explicitly placed in every municipality. */
export const IV_BLOCKS = [
  'chain_coordination',
  'consultation_advice',
  'trajectory_guidance',
  'early_signalling',
  'integrated_diagnostics',
  'family_support',
  'care_education',
] as const;
export type IvBlock = (typeof IV_BLOCKS)[number];
export const REQUIRED_BLOCKS: readonly IvBlock[] = ['chain_coordination', 'consultation_advice', 'trajectory_guidance'];

export const QUALITY_CRITERIA = [
  'parents_in_control',
  'one_desk',
  'limited_waiting',
  'no_repeated_examinations',
  'partners_know_each_other',
  'agreements_recorded',
] as const;
export type QualityCriterion = (typeof QUALITY_CRITERIA)[number];

export const BLOCK_STATES = ['in_place', 'partly', 'absent'] as const;
export const CRITERION_STATES = ['met', 'partly', 'not_met'] as const;

const blockSchema = z
  .object({
    state: z.enum(BLOCK_STATES),
    by: optionalText(300),
    since: isoDate.nullable().default(null),
    financing: optionalText(300),
  })
  .superRefine((b, ctx) => {
    // A block that is (partly) in place is placed with someone: that is the point of the quickscan.
    if (b.state !== 'absent' && !b.by) ctx.addIssue({ code: 'custom', path: ['by'], message: 'required_when_in_place' });
  });

export const quickscanInputSchema = z.object({
  conductedOn: isoDate,
  blocks: z.object(Object.fromEntries(IV_BLOCKS.map((b) => [b, blockSchema])) as Record<IvBlock, typeof blockSchema>),
  criteria: z.object(
    Object.fromEntries(QUALITY_CRITERIA.map((c) => [c, z.object({ state: z.enum(CRITERION_STATES), note: optionalText(1000) })])) as Record<
      QualityCriterion,
      z.ZodObject<{ state: z.ZodEnum<{ met: 'met'; partly: 'partly'; not_met: 'not_met' }>; note: ReturnType<typeof optionalText> }>
    >,
  ),
  note: optionalText(2000),
});
export type QuickscanInput = z.infer<typeof quickscanInputSchema>;
export type QuickscanContent = Pick<QuickscanInput, 'blocks' | 'criteria'>;

export interface QuickscanGap {
  kind: 'block' | 'criterion';
  key: string;
  state: string;
  /** One of the three blocks every municipality must place. */
  required: boolean;
}

/** What is missing: blocks not (fully) in place, required ones first, and criteria not (fully) met. */
export function quickscanGaps(q: QuickscanContent): QuickscanGap[] {
  const blocks = IV_BLOCKS.filter((b) => q.blocks[b].state !== 'in_place').map((b) => ({
    kind: 'block' as const,
    key: b,
    state: q.blocks[b].state,
    required: REQUIRED_BLOCKS.includes(b),
  }));
  blocks.sort((a, b) => Number(b.required) - Number(a.required));
  const criteria = QUALITY_CRITERIA.filter((c) => q.criteria[c].state !== 'met').map((c) => ({
    kind: 'criterion' as const,
    key: c,
    state: q.criteria[c].state,
    required: false,
  }));
  return [...blocks, ...criteria];
}

export interface QuickscanChange {
  kind: 'block' | 'criterion';
  key: string;
  field: 'state' | 'by' | 'financing';
  from: string | null;
  to: string | null;
}

/** What changed since the previous quickscan: states, and for blocks who carries them and how they are financed. */
export function quickscanChanges(before: QuickscanContent, after: QuickscanContent): QuickscanChange[] {
  const out: QuickscanChange[] = [];
  for (const b of IV_BLOCKS)
    for (const field of ['state', 'by', 'financing'] as const) {
      const from = before.blocks[b][field] ?? null;
      const to = after.blocks[b][field] ?? null;
      if (from !== to) out.push({ kind: 'block', key: b, field, from, to });
    }
  for (const c of QUALITY_CRITERIA) {
    const from = before.criteria[c].state;
    const to = after.criteria[c].state;
    if (from !== to) out.push({ kind: 'criterion', key: c, field: 'state', from, to });
  }
  return out;
}

// --- Population figures for the demand estimate -------------------------------------------------------------------

export const populationInputSchema = z
  .object({
    referenceYear: int32().min(1990).max(2100),
    inhabitants: int32().min(1).max(20_000_000),
    children0to7: int32().min(0).max(5_000_000).nullable().default(null),
    /** Share of children 0–7 with (possibly) multiple developmental questions; 1 % by default. */
    prevalence: z.number().gt(0, { message: 'out_of_range' }).lt(0.2, { message: 'out_of_range' }).default(0.01),
  })
  .refine((p) => p.children0to7 === null || p.children0to7 <= p.inhabitants, { path: ['children0to7'], message: 'more_than_inhabitants' });
export type PopulationInput = z.infer<typeof populationInputSchema>;

// --- Agreements register ------------------------------------------------------------------------------------------

export const AGREEMENT_LEVELS = ['strategic', 'tactical', 'operational'] as const;
/** Reminders go this many days before an agreement's review date. */
export const REVIEW_REMINDER_DAYS = 30;

export const agreementInputSchema = z
  .object({
    level: z.enum(AGREEMENT_LEVELS),
    title: text(300),
    content: text(5000),
    parties: z.array(text(200)).min(1, { message: 'no_parties' }).max(30),
    lead: text(200),
    /** Whole euros per year or for the period; null when no budget is attached. */
    budgetEuros: int32().min(0).max(1_000_000_000).nullable().default(null),
    periodFrom: isoDate,
    periodTo: isoDate.nullable().default(null),
    reviewOn: isoDate,
    block: z.enum(IV_BLOCKS).nullable().default(null),
  })
  .superRefine((a, ctx) => {
    if (a.periodTo && a.periodTo < a.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'before_start' });
    if (a.reviewOn < a.periodFrom) ctx.addIssue({ code: 'custom', path: ['reviewOn'], message: 'before_start' });
  });
export type AgreementInput = z.infer<typeof agreementInputSchema>;

/**
 * Whether an agreement's review reminder is due on `today`: from `days` before the review date on (an overdue review
 * is reminded too), once per review date — moving the date arms the reminder again.
 */
export function reviewReminderDue(reviewOn: string, remindedFor: string | null, today: string, days = REVIEW_REMINDER_DAYS): boolean {
  if (remindedFor === reviewOn) return false;
  const windowStart = new Date(`${reviewOn}T00:00:00Z`);
  windowStart.setUTCDate(windowStart.getUTCDate() - days);
  return today >= windowStart.toISOString().slice(0, 10);
}
