import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRounds, emptyTally, SURVEY_TEMPLATE, shareOf, suppressShare } from './surveys.js';

describe('survey shares', () => {
  it('are shown only when both the agreeing and the other answers stand for at least 10 people', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (yes, no) => {
        const s = suppressShare(yes, yes + no);
        if (yes < 10 || no < 10) expect(s).toBeNull();
        else expect(s).toBeCloseTo(yes / (yes + no));
      }),
    );
  });

  it('count agree and strongly agree as agreeing', () => {
    expect(shareOf({ ...emptyTally(), agree: 10, strongly_agree: 10, neutral: 5, disagree: 5 })).toEqual({ n: 30, agree: 20 / 30 });
    expect(shareOf({ ...emptyTally(), agree: 9 })).toEqual({ n: null, agree: null });
  });

  it('compare rounds item by item with the change in percentage points: two-thirds to a half is −16.7', () => {
    const tally = (yes: number, no: number) => ({ ...emptyTally(), agree: yes, disagree: no });
    const items = SURVEY_TEMPLATE.items.filter((i) => i.id === 'know_expertise');
    const c = compareRounds(items, [
      { measurement: 'interim', respondents: 30, items: { know_expertise: tally(20, 10) } },
      { measurement: 'final', respondents: 24, items: { know_expertise: tally(12, 12) } },
      { measurement: 'final', respondents: 9, items: { know_expertise: tally(9, 0) } },
    ]);
    expect(c.items[0]!.changes).toEqual([-16.7, null]);
    expect(c.rounds.map((r) => r.respondents)).toEqual([30, 24, null]);
    expect(c.dimensions).toEqual([{ key: 'expertise', figures: c.items[0]!.figures, changes: c.items[0]!.changes }]);
  });
});
