import { dutchInstant, dutchWallClock } from '../../domain/calendar';

/**
 * A date for Dutch (or English) readers, e.g. "23 november 2026". Date-only values (yyyy-mm-dd) are calendar days and
 * stay on their day; timestamps are shown on the Dutch calendar day. Empty values show as a dash.
 */
export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const dateOnly = iso.length === 10;
  return new Date(dateOnly ? `${iso}T00:00:00Z` : iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : 'Europe/Amsterdam',
  });
}

/** A moment with its time on the Dutch clock, e.g. "2 maart 2027 om 10:00", whatever zone the device is set to. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
}

/**
 * A date and a time of day as they are meant in the Netherlands ("2027-03-02", "14:30") as an instant (ISO, UTC),
 * whatever the device's own time zone: meetings are held in Dutch time. Null when either is missing or malformed.
 * The zone arithmetic is date-fns' (domain/calendar.ts), shared with the server.
 */
export function amsterdamToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = dutchInstant(date, time);
  return Number.isNaN(new Date(instant).getTime()) ? null : instant;
}

/** An instant's Dutch date and time of day, for a form's date and time inputs. */
export const isoToAmsterdam = (iso: string) => dutchWallClock(iso);
