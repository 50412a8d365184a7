import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogramCount, histogramPercentile, percentile, timeliness } from './timeliness.js';

describe('working-day medians for the monitor', () => {
  it("counts working days across King's Day and Christmas", () => {
    const t = timeliness([
      // Friday 23 April 2027 → Wednesday 28 April: Monday 26 and Wednesday 28 (King's Day on Tuesday 27) = 2.
      { from: new Date('2027-04-23T10:00:00Z'), to: new Date('2027-04-28T10:00:00Z') },
      // Wednesday 23 December 2026 → Monday 4 January 2027: 24, 28, 29, 30, 31 December and 4 January = 6.
      { from: new Date('2026-12-23T10:00:00Z'), to: new Date('2027-01-04T10:00:00Z') },
      // Monday → Tuesday = 1.
      { from: new Date('2027-01-11T10:00:00Z'), to: new Date('2027-01-12T10:00:00Z') },
      // Not acknowledged yet: left out.
      { from: new Date('2027-01-11T10:00:00Z'), to: null },
    ]);
    expect(t).toEqual({ n: 3, median: 2, p80: 6 });
  });

  it('uses nearest rank: the median and 80th percentile are values that occurred', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 80)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 80)).toBe(8);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const m = percentile(xs, 50)!;
        const p80 = percentile(xs, 80)!;
        expect(xs).toContain(m);
        expect(p80).toBeGreaterThanOrEqual(m);
        expect(xs.filter((x) => x <= m).length * 2).toBeGreaterThanOrEqual(xs.length);
      }),
    );
  });
});

describe('percentiles from histograms (the monitor adds histograms of months and municipalities)', () => {
  it('gives the same figure as the values written out, for any histogram and percentile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: 0, max: 60 }), n: fc.integer({ min: 0, max: 20 }) }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 100 }),
        (hist, p) => {
          const values = hist.flatMap((h) => Array.from({ length: h.n }, () => h.value));
          expect(histogramPercentile(hist, p)).toBe(percentile(values, p));
          expect(histogramCount(hist)).toBe(values.length);
        },
      ),
    );
  });

  it('adds up: the median of two histograms together is the median of all their values', () => {
    const jan = [
      { value: 1, n: 3 },
      { value: 4, n: 1 },
    ];
    const feb = [
      { value: 2, n: 1 },
      { value: 9, n: 5 },
    ];
    // 1 1 1 2 4 9 9 9 9 9 → rank 5 of 10 is 4; rank 8 is 9.
    expect(histogramPercentile([...jan, ...feb], 50)).toBe(4);
    expect(histogramPercentile([...jan, ...feb], 80)).toBe(9);
    expect(histogramPercentile([], 50)).toBeNull();
    expect(histogramPercentile([{ value: 3, n: 0 }], 50)).toBeNull();
  });
});
