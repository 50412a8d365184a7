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

/** Minutes Amsterdam is ahead of UTC at an instant (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * A date and a time of day as they are meant in the Netherlands ("2027-03-02", "14:30") as an instant (ISO, UTC),
 * whatever the device's own time zone: meetings are held in Dutch time. Null when either is missing or malformed.
 */
export function amsterdamToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const asUtc = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return null;
  // The offset at the guessed instant, then once more at the corrected one (the guess can fall across a DST change).
  let at = new Date(asUtc.getTime() - amsterdamOffsetMinutes(asUtc) * 60_000);
  at = new Date(asUtc.getTime() - amsterdamOffsetMinutes(at) * 60_000);
  return at.toISOString();
}

/** An instant's Dutch date and time of day, for a form's date and time inputs. */
export function isoToAmsterdam(iso: string): { date: string; time: string } {
  const local = new Date(new Date(iso).getTime() + amsterdamOffsetMinutes(new Date(iso)) * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
