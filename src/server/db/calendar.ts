import type pg from 'pg';
import { isWorkingDay } from '../../domain/working-days.js';

/** The calendar SQL counts working days on: wide enough for any signal, case or referral Knooppunt will hold. */
export const CALENDAR_FROM = '2000-01-01';
export const CALENDAR_TO = '2060-12-31';

/**
 * Fills `calendar_days` from the app's own working-day rule (date-holidays), once: the table is rewritten only when
 * it does not cover the range day for day. Runs under the migration lock, so concurrent starts fill it once.
 */
export async function syncCalendar(client: pg.PoolClient): Promise<void> {
  const from = new Date(`${CALENDAR_FROM}T00:00:00Z`);
  const to = new Date(`${CALENDAR_TO}T00:00:00Z`);
  const expected = Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM calendar_days');
  if (rows[0]!.n === expected) return;
  const days: string[] = [];
  const working: boolean[] = [];
  const index: number[] = [];
  let running = 0;
  for (const d = new Date(from); d <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const w = isWorkingDay(d);
    if (w) running++;
    days.push(d.toISOString().slice(0, 10));
    working.push(w);
    index.push(running);
  }
  await client.query('BEGIN');
  try {
    await client.query('DELETE FROM calendar_days');
    await client.query('INSERT INTO calendar_days (day, working_day, working_index) SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])', [
      days,
      working,
      index,
    ]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
