import { z } from 'zod';
import { int32 } from './numbers.js';

/**
 * Screening instruments (R4U, Mind2Care, ALPHA-NL, …) have licensed question texts, so Knooppunt supports them as
 * configurable questionnaires: domains with items, one answer scale, optional weights and a threshold. A score
 * only *suggests* multidisciplinary consultation; the professional and the family decide.
 */
const code = z.string().regex(/^[a-z0-9_]{1,60}$/, { message: 'invalid_code' });
const label = z.string().trim().min(1).max(500);

export const questionnaireDefinitionSchema = z
  .object({
    scale: z
      .array(z.object({ value: int32().min(-100).max(100), labelNl: label, labelEn: label }))
      .min(2)
      .max(11),
    domains: z
      .array(
        z.object({
          code,
          labelNl: label,
          labelEn: label,
          items: z
            .array(z.object({ code, textNl: label, textEn: label, weight: z.number().min(0).max(100).default(1) }))
            .min(1)
            .max(50),
        }),
      )
      .min(1)
      .max(20),
    /** A weighted total at or above this suggests multidisciplinary consultation; absent: no suggestion. */
    threshold: z.number().min(0).nullable().default(null),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.domains.forEach((dom, i) => {
      dom.items.forEach((item, j) => {
        if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'items', j, 'code'], message: 'duplicate_code' });
        seen.add(item.code);
      });
    });
    if (new Set(d.scale.map((s) => s.value)).size !== d.scale.length) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'duplicate_value' });
  });
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;

export interface QuestionnaireScore {
  total: number;
  /** The highest total the instrument allows, to show the score in proportion. */
  max: number;
  domains: { code: string; score: number; max: number }[];
  suggestsConsultation: boolean;
}

export type ScoreResult = { ok: true; score: QuestionnaireScore } | { ok: false; problems: { item: string; code: 'missing' | 'not_on_scale' }[] };

/** Scores a complete set of answers (item code → scale value); every item must be answered with a value of the scale. */
export function scoreQuestionnaire(def: QuestionnaireDefinition, answers: Record<string, number>): ScoreResult {
  const values = new Set(def.scale.map((s) => s.value));
  const top = Math.max(...def.scale.map((s) => s.value));
  const problems: { item: string; code: 'missing' | 'not_on_scale' }[] = [];
  const domains = def.domains.map((dom) => {
    let score = 0;
    let max = 0;
    for (const item of dom.items) {
      const a = answers[item.code];
      if (a === undefined) problems.push({ item: item.code, code: 'missing' });
      else if (!values.has(a)) problems.push({ item: item.code, code: 'not_on_scale' });
      else score += a * item.weight;
      max += top * item.weight;
    }
    return { code: dom.code, score, max };
  });
  if (problems.length) return { ok: false, problems };
  const total = domains.reduce((s, d) => s + d.score, 0);
  return {
    ok: true,
    score: {
      total,
      max: domains.reduce((s, d) => s + d.max, 0),
      domains,
      suggestsConsultation: def.threshold !== null && total >= def.threshold,
    },
  };
}
