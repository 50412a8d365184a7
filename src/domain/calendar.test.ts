import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addCalendarMonths, dutchInstant, dutchWallClock, isoDay } from './calendar.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('calendar months', () => {
  it('clamps to the last day of the month instead of overflowing into the next', () => {
    expect(isoDay(addCalendarMonths(d('2027-01-31'), 1))).toBe('2027-02-28');
    expect(isoDay(addCalendarMonths(d('2028-01-31'), 1))).toBe('2028-02-29');
    expect(isoDay(addCalendarMonths(d('2028-02-29'), 12))).toBe('2029-02-28');
    expect(isoDay(addCalendarMonths(d('2027-03-31'), -1))).toBe('2027-02-28');
  });
  it('property: n months later is in the n-th next month, on the same day or the month end before it', () => {
    const day = fc.integer({ min: 10_957, max: 47_482 }).map((n) => new Date(n * 86_400_000));
    fc.assert(
      fc.property(day, fc.integer({ min: -120, max: 120 }), (start, n) => {
        const end = addCalendarMonths(start, n);
        const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
        const lastOfMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
        return months === n && (end.getUTCDate() === start.getUTCDate() || end.getUTCDate() === lastOfMonth) && end.getUTCHours() === 0;
      }),
    );
  });
});

describe('Dutch wall-clock time', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });
  it('reads a date and time on a Dutch clock whatever the machine zone, in winter and in summer time', () => {
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/Curacao']) {
      process.env.TZ = zone;
      expect(dutchInstant('2027-03-02', '10:00')).toBe('2027-03-02T09:00:00.000Z');
      expect(dutchInstant('2027-07-01', '10:00')).toBe('2027-07-01T08:00:00.000Z');
      expect(dutchWallClock('2027-07-01T08:00:00.000Z')).toEqual({ date: '2027-07-01', time: '10:00' });
      expect(dutchWallClock('2027-12-31T23:30:00.000Z')).toEqual({ date: '2028-01-01', time: '00:30' });
    }
  });
  it('property: a Dutch wall-clock time survives the round trip (outside the hour the clocks skip)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 95 }), (dayN, quarter) => {
        const date = isoDay(new Date(Date.UTC(2027, 0, 1) + dayN * 86_400_000));
        const time = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
        const back = dutchWallClock(dutchInstant(date, time));
        // 02:00–02:59 on the last Sunday of March does not exist on a Dutch clock.
        return (back.date === date && back.time === time) || time.startsWith('02:');
      }),
    );
  });
});
