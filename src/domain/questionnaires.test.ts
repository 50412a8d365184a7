import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionnaireDefinitionSchema, scoreQuestionnaire } from './questionnaires.js';

const def = questionnaireDefinitionSchema.parse({
  scale: [
    { value: 0, labelNl: 'Nee', labelEn: 'No' },
    { value: 1, labelNl: 'Soms', labelEn: 'Sometimes' },
    { value: 2, labelNl: 'Ja', labelEn: 'Yes' },
  ],
  domains: [
    {
      code: 'a',
      labelNl: 'A',
      labelEn: 'A',
      items: [
        { code: 'a1', textNl: 'x', textEn: 'x', weight: 2 },
        { code: 'a2', textNl: 'y', textEn: 'y' },
      ],
    },
    { code: 'b', labelNl: 'B', labelEn: 'B', items: [{ code: 'b1', textNl: 'z', textEn: 'z' }] },
  ],
  threshold: 5,
});

describe('questionnaire scoring', () => {
  it('weights items, sums per domain and suggests consultation at the threshold', () => {
    const r = scoreQuestionnaire(def, { a1: 2, a2: 1, b1: 0 });
    expect(r).toEqual({
      ok: true,
      score: {
        total: 5,
        max: 8,
        domains: [
          { code: 'a', score: 5, max: 6 },
          { code: 'b', score: 0, max: 2 },
        ],
        suggestsConsultation: true,
      },
    });
    expect(scoreQuestionnaire(def, { a1: 1, a2: 1, b1: 1 })).toMatchObject({ ok: true, score: { total: 4, suggestsConsultation: false } });
    expect(scoreQuestionnaire({ ...def, threshold: null }, { a1: 2, a2: 2, b1: 2 })).toMatchObject({ score: { suggestsConsultation: false } });
  });

  it('names each missing or off-scale answer', () => {
    expect(scoreQuestionnaire(def, { a1: 3, b1: 0 })).toEqual({
      ok: false,
      problems: [
        { item: 'a1', code: 'not_on_scale' },
        { item: 'a2', code: 'missing' },
      ],
    });
  });

  it('never scores above the maximum or below zero on a non-negative scale', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 2), (a1, a2, b1) => {
        const r = scoreQuestionnaire(def, { a1, a2, b1 });
        if (!r.ok) throw new Error('complete answers must score');
        expect(r.score.total).toBeGreaterThanOrEqual(0);
        expect(r.score.total).toBeLessThanOrEqual(r.score.max);
        expect(r.score.suggestsConsultation).toBe(r.score.total >= 5);
      }),
    );
  });

  it('refuses duplicate item codes and scale values', () => {
    const bad = questionnaireDefinitionSchema.safeParse({
      scale: [
        { value: 0, labelNl: 'a', labelEn: 'a' },
        { value: 0, labelNl: 'b', labelEn: 'b' },
      ],
      domains: [
        {
          code: 'a',
          labelNl: 'A',
          labelEn: 'A',
          items: [
            { code: 'x', textNl: 'x', textEn: 'x' },
            { code: 'x', textNl: 'x', textEn: 'x' },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(['duplicate_code', 'duplicate_value']);
  });
});
