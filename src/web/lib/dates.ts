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
