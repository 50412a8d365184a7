import { z } from 'zod';
import { LIFE_DOMAINS, type LifeDomain, lifeDomainSchema } from './directory.js';
import { vulnerabilityLevelSchema } from './persons.js';

/**
 * Risk categories in the style of the national Verwijsindex, as an optional code list next to the six dimensions.
 * The official list was not confirmed in a primary source (domain brief: unverified), so it stays our own wording.
 */
export const RISK_CATEGORIES = [
  'physical_health',
  'mental_health',
  'substance_use',
  'development_parenting',
  'family_situation',
  'safety',
  'school_work',
  'finances_housing',
  'justice',
  'social_network',
] as const;
export const riskCategorySchema = z.enum(RISK_CATEGORIES);

export const FACTOR_KINDS = ['risk', 'protective'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

const note = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));
const factorCode = z.string().regex(/^[a-z0-9_]{2,60}$/, { message: 'invalid_code' });

/**
 * What a professional records about a household member. The vulnerability level is judged together with the
 * woman, so her own view is required; a concern not discussed with the family needs the reason why not.
 */
export const signalInputSchema = z
  .object({
    lifeDomains: z.array(lifeDomainSchema).min(1, { message: 'choose_at_least_one' }).max(6),
    riskCategories: z.array(riskCategorySchema).max(RISK_CATEGORIES.length).default([]),
    riskFactors: z.array(factorCode).max(50).default([]),
    riskFactorsNote: note(2000),
    protectiveFactors: z.array(factorCode).max(50).default([]),
    protectiveFactorsNote: note(2000),
    vulnerabilityLevel: vulnerabilityLevelSchema,
    clientView: z.string().trim().min(1, { message: 'required' }).max(2000),
    discussedWithFamily: z.boolean(),
    notDiscussedReason: note(2000),
    consentToShare: z.boolean(),
    safetyConcern: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (!s.discussedWithFamily && !s.notDiscussedReason) ctx.addIssue({ code: 'custom', path: ['notDiscussedReason'], message: 'required' });
    const both = s.riskFactors.filter((c) => s.protectiveFactors.includes(c));
    if (both.length) ctx.addIssue({ code: 'custom', path: ['protectiveFactors'], message: 'factor_in_both_lists' });
  });
export type SignalInput = z.infer<typeof signalInputSchema>;

/**
 * A signal reaches the hub's intake queue when the family consented to sharing it, or — without consent — when
 * the safety of the (unborn) child is at stake: the meldcode allows that path, consent does not have to be given.
 */
export function signalGoesToHub(s: { consentToShare: boolean; safetyConcern: boolean }): boolean {
  return s.consentToShare || s.safetyConcern;
}

/** Positieve Gezondheid scores: each of the six dimensions (the directory's life domains) 0–10 on the spider web. */
export const positiveHealthScoresSchema = z.object(
  Object.fromEntries(LIFE_DOMAINS.map((d) => [d, z.number().min(0).max(10).multipleOf(0.5)])) as Record<LifeDomain, z.ZodNumber>,
);
export type PositiveHealthScores = Record<LifeDomain, number>;
