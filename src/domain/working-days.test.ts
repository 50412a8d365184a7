import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysAgo, workingDaysBetween } from './working-days.js';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('Dutch working days', () => {
  it('skips weekends and public holidays', () => {
    expect(isWorkingDay(day('2026-04-27'))).toBe(false); // Koningsdag, a Monday
    expect(isWorkingDay(day('2026-12-25'))).toBe(false);
    expect(isWorkingDay(day('2026-11-21'))).toBe(false); // Saturday
    expect(isWorkingDay(day('2026-11-23'))).toBe(true);
    // Thu 2 April 2026: Good Friday counts, Easter Monday does not → Fri 3, Tue 7, Wed 8, Thu 9, Fri 10.
    expect(addWorkingDays(day('2026-04-02'), 5).toISOString().slice(0, 10)).toBe('2026-04-10');
    expect(workingDaysBetween(day('2026-12-24'), day('2026-12-31'))).toBe(4); // Christmas Day, the weekend and Boxing Day fall away: 28, 29, 30, 31
  });

  it('counts the days back and forth consistently', () => {
    fc.assert(
      fc.property(fc.date({ min: day('2020-01-01'), max: day('2035-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 40 }), (d, n) => {
        const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
        const to = addWorkingDays(from, n);
        expect(workingDaysBetween(from, to)).toBe(n);
        if (n > 0) expect(isWorkingDay(to)).toBe(true);
      }),
    );
  });

  it('finds the overdue boundary n working days back', () => {
    const now = day('2026-11-23'); // Monday
    // 5 working days counted back from Monday inclusive: Mon 23, Fri 20, Thu 19, Wed 18, Tue 17 → boundary Mon 16.
    expect(workingDaysAgo(now, 5).toISOString().slice(0, 10)).toBe('2026-11-16');
    expect(workingDaysBetween(workingDaysAgo(now, 5), now)).toBe(5);
  });
});
