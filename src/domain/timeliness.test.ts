import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, timeliness } from './timeliness.js';

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
