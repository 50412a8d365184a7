import { tz } from '@date-fns/tz';
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
