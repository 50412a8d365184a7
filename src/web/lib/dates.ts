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
