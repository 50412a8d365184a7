import { TZDate, tz } from '@date-fns/tz';
import { addMonths, addYears } from 'date-fns';

/**
 * Calendar arithmetic on date-only values (UTC midnight Dates), through date-fns in the UTC time zone.
 *
 * Why not `setUTCMonth`: it overflows — 31 January + 1 month becomes 3 March — so a registration started at a month's
 * end could outlive its legal maximum by days. date-fns clamps to the last day of the target month instead
 * (31 January + 1 month = 28 or 29 February), which never overshoots.
 */
const utc = tz('UTC');

export function addCalendarMonths(d: Date, months: number): Date {
  return new Date(addMonths(d, months, { in: utc }).getTime());
}

export function addCalendarYears(d: Date, years: number): Date {
  return new Date(addYears(d, years, { in: utc }).getTime());
}

/** yyyy-mm-dd of a date-only value. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Dutch wall-clock time: meetings and hand-overs happen in the Netherlands, whatever zone the device is set to. */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

/**
 * A date and time on a Dutch clock ("2027-03-02", "10:00") as an instant (UTC ISO string). The browser's own
 * `new Date('2027-03-02T10:00')` would read it in the device's zone: a laptop left on UTC books the meeting at 11:00.
 */
export function dutchInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, DUTCH_TIME_ZONE).getTime()).toISOString();
}

/** An instant as the date and time on a Dutch clock, the values a date and a time input take. */
export function dutchWallClock(iso: string): { date: string; time: string } {
  const z = new TZDate(new Date(iso).getTime(), DUTCH_TIME_ZONE);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${z.getFullYear()}-${two(z.getMonth() + 1)}-${two(z.getDate())}`, time: `${two(z.getHours())}:${two(z.getMinutes())}` };
}
