import { type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { addCalendarMonths, isoDay } from '../../../domain/calendar.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { isSerializationFailure, isUniqueViolation } from '../../db/pg-errors.js';

/**
 * The monitor's event figures — signals, timeliness, cases, referrals, matches, double discussions, the parents'
 * experience — as facts per municipality and Dutch calendar month: (municipality, month, metric, k, k2, n), where a
 * histogram metric keeps the value in `k` (working days, or days to one decimal) and its frequency in `n`. Facts of
 * months and municipalities add up, so a country-wide year is a sum over 342 × 12 cells instead of a scan of
 * millions of rows, and medians and percentiles are still exact (read off the summed histogram).
 *
 * One definition serves three readers: the refresh job stores it per dirty cell in `monitor_facts`; a read computes
 * it live for cells that are dirty and for the partial months at the edges of its period. See ADR 012.
 */

/** A timestamp's Dutch calendar day, and its month. */
export const day = (col: SQL) => sql`((${col}) AT TIME ZONE 'Europe/Amsterdam')::date`;
const month = (col: SQL) => sql`date_trunc('month', (${col}) AT TIME ZONE 'Europe/Amsterdam')::date`;
/** Working days from a to b (Dutch days), from the calendar's running count; never negative. */
const workingDays = (a: SQL, b: SQL) =>
  sql`greatest(0, (SELECT working_index FROM calendar_days WHERE day = ${b}) - (SELECT working_index FROM calendar_days WHERE day = ${a}))`;

/** The earliest start and the latest end of the windows, as constants: PostgreSQL can then range-scan a time index. */
interface Span {
  lo: SQL;
  hi: SQL;
}
/** yyyy-mm-dd strings sort as dates do. */
const spanOf = (w: { lo: string; hi: string }[]): Span => ({
  lo: midnight(sql`${w.map((x) => x.lo).sort()[0]}::date`),
  hi: midnight(
    sql`${w
      .map((x) => x.hi)
      .sort()
      .at(-1)}::date`,
  ),
});

/**
 * The facts of every event in the windows of CTE `windows_at (mun uuid, lo timestamptz, hi timestamptz)`, grouped by
 * municipality, month, metric and keys. Windows of one municipality must not overlap. Each source is found through
 * its own municipality and time index; a referral or a double-discussion warning belongs to its case's municipality,
 * a match to its household's, a parent's answer to its meeting table's.
 */
const liveFacts = (span: Span) => sql`
  SELECT s.municipality_id, ${month(sql`s.created_at`)} AS month, 'signals' AS metric, o.type::text AS k, '' AS k2, count(*)::int AS n
    FROM windows_at w JOIN signals s ON s.municipality_id = w.mun AND s.created_at >= w.lo AND s.created_at < w.hi AND s.created_at >= ${span.lo} AND s.created_at < ${span.hi}
    JOIN organisations o ON o.id = s.organisation_id
    GROUP BY 1, 2, 4
  UNION ALL
  SELECT s.municipality_id, ${month(sql`s.created_at`)}, 'acknowledged', ${workingDays(day(sql`s.created_at`), day(sql`s.acknowledged_at`))}::text, '', count(*)::int
    FROM windows_at w JOIN signals s ON s.municipality_id = w.mun AND s.created_at >= w.lo AND s.created_at < w.hi AND s.created_at >= ${span.lo} AND s.created_at < ${span.hi}
    WHERE s.acknowledged_at IS NOT NULL
    GROUP BY 1, 2, 4
  UNION ALL
  SELECT c.municipality_id, ${month(sql`c.created_at`)}, x.metric, x.d::text, '', count(*)::int
    FROM windows_at w JOIN cases c ON c.municipality_id = w.mun AND c.created_at >= w.lo AND c.created_at < w.hi AND c.created_at >= ${span.lo} AND c.created_at < ${span.hi}
    LEFT JOIN signals sg ON sg.id = c.signal_id
    CROSS JOIN LATERAL (
      SELECT 'cases' AS metric, -1 AS d
      UNION ALL
      SELECT 'first_contact', ${workingDays(day(sql`coalesce(sg.created_at, c.created_at)`), day(sql`c.first_contact_at`))} WHERE c.first_contact_at IS NOT NULL
      UNION ALL
      SELECT 'support_started', ${workingDays(day(sql`coalesce(sg.created_at, c.created_at)`), day(sql`c.support_started_at`))} WHERE c.support_started_at IS NOT NULL
    ) x
    GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT c.municipality_id, ${month(sql`r.sent_at`)}, x.metric, x.k, x.k2, count(*)::int
    FROM windows_at w JOIN cases c ON c.municipality_id = w.mun
    JOIN referrals r ON r.case_id = c.id AND r.sent_at >= w.lo AND r.sent_at < w.hi AND r.sent_at >= ${span.lo} AND r.sent_at < ${span.hi}
    JOIN organisations o ON o.id = r.receiving_organisation_id
    CROSS JOIN LATERAL (
      SELECT 'referrals' AS metric, o.type::text AS k, r.status::text AS k2
      UNION ALL
      SELECT 'declined', r.decline_reason::text, '' WHERE r.status = 'declined'
      UNION ALL
      SELECT 'answered', CASE WHEN ${day(sql`r.answered_at`)} <= r.due_on THEN 'in_time' ELSE 'late' END, '' WHERE r.answered_at IS NOT NULL
      UNION ALL
      SELECT 'wait', ${workingDays(day(sql`r.sent_at`), day(sql`r.help_started_at`))}::text, '' WHERE r.help_started_at IS NOT NULL
      UNION ALL
      -- The collaboration network: who referred to whom (the pair of organisations, in a fixed order).
      SELECT 'referral_edges', least(r.sender_organisation_id, r.receiving_organisation_id)::text,
             greatest(r.sender_organisation_id, r.receiving_organisation_id)::text
      WHERE r.sender_organisation_id <> r.receiving_organisation_id
    ) x
    GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT h.municipality_id, ${month(sql`m.created_at`)}, x.metric, x.k, '', count(*)::int
    FROM windows_at w JOIN households h ON h.municipality_id = w.mun
    JOIN matches m ON m.household_id = h.id AND m.created_at >= w.lo AND m.created_at < w.hi AND m.created_at >= ${span.lo} AND m.created_at < ${span.hi}
    CROSS JOIN LATERAL (
      SELECT 'matches' AS metric, CASE WHEN m.followed_up_at IS NULL THEN 'not_followed' ELSE 'followed' END AS k
      UNION ALL
      SELECT 'match_days', round((extract(epoch FROM m.followed_up_at - m.created_at) / 86400)::numeric, 1)::text WHERE m.followed_up_at IS NOT NULL
    ) x
    GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT c.municipality_id, ${month(sql`d.at`)}, 'double_discussions', d.outcome, '', count(*)::int
    FROM windows_at w JOIN cases c ON c.municipality_id = w.mun
    JOIN double_discussion_warnings d ON d.case_id = c.id AND d.at >= w.lo AND d.at < w.hi AND d.at >= ${span.lo} AND d.at < ${span.hi}
    GROUP BY 1, 2, 4
  UNION ALL
  SELECT t.municipality_id, ${month(sql`e.answered_at`)}, 'heard', e.heard, '', count(*)::int
    FROM windows_at w JOIN meeting_tables t ON t.municipality_id = w.mun
    JOIN meeting_experiences e ON e.table_id = t.id AND e.answered_at >= w.lo AND e.answered_at < w.hi AND e.answered_at >= ${span.lo} AND e.answered_at < ${span.hi}
    WHERE e.heard IS NOT NULL
    GROUP BY 1, 2, 4`;

/** A PostgreSQL uuid[] literal as one parameter (drizzle spreads a JS array into a list). */
export const uuidArray = (xs: string[]): SQL => sql`${`{${xs.join(',')}}`}::uuid[]`;
/** Dutch midnight at the start of a calendar day (yyyy-mm-dd). */
const midnight = (d: SQL) => sql`((${d})::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};
const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const nextMonth = (d: string) => isoDay(addCalendarMonths(new Date(`${monthStart(d)}T00:00:00Z`), 1));

/**
 * A period of inclusive days split into the whole months it covers (read from the stored cells) and the partial
 * months at its edges (computed live): `[full.from, full.to)` as month starts, edges as `[lo, hi)` days.
 */
export function splitPeriod(from: string, to: string): { full: { from: string; to: string } | null; edges: [string, string][] } {
  const end = addDays(to, 1);
  const fullFrom = from === monthStart(from) ? from : nextMonth(from);
  const fullTo = monthStart(end);
  if (fullFrom >= fullTo) return { full: null, edges: [[from, end]] };
  const edges: [string, string][] = [];
  if (from < fullFrom) edges.push([from, fullFrom]);
  if (fullTo < end) edges.push([fullTo, end]);
  return { full: { from: fullFrom, to: fullTo }, edges };
}

/** Windows `(mun, lo, hi)` as one CTE from parallel arrays: the planner sees how many there are. */
function windowsCte(w: { mun: string; lo: string; hi: string }[]): SQL {
  return sql`windows (mun, lo, hi) AS (
    SELECT * FROM unnest(${uuidArray(w.map((x) => x.mun))}, ${`{${w.map((x) => x.lo).join(',')}}`}::date[], ${`{${w.map((x) => x.hi).join(',')}}`}::date[])
      AS x (mun, lo, hi)
  ), windows_at (mun, lo, hi) AS (SELECT mun, ${midnight(sql`lo`)}, ${midnight(sql`hi`)} FROM windows)`;
}

/**
 * CTE `facts (municipality_id, month, metric, k, k2, n)` of the given metrics for municipalities and a period: the
 * stored cells of the period's whole months that are not dirty, plus the live facts of the dirty ones and of the
 * partial edge months. The dirty cells are read first and written into the statement, so the planner plans the live
 * part for the windows there really are (none, usually) — run both statements on one snapshot (`onOneSnapshot`),
 * and the figures are exact at every moment: a change marks its cells dirty in its own transaction (migration 0024).
 */
export async function factsFor(db: DbOrTx, municipalityIds: string[], from: string, to: string, metrics: readonly string[]): Promise<SQL> {
  const ids = uuidArray(municipalityIds);
  const wanted = sql`${`{${metrics.join(',')}}`}::text[]`;
  const { full, edges } = splitPeriod(from, to);
  const dirty = full
    ? (
        await db.execute<{ municipality_id: string; month: string }>(sql`
          SELECT DISTINCT municipality_id, month::text FROM monitor_dirty
          WHERE municipality_id = ANY(${ids}) AND month >= ${full.from}::date AND month < ${full.to}::date`)
      ).rows
    : [];
  const windows = [
    ...dirty.map((d) => ({ mun: d.municipality_id, lo: d.month, hi: nextMonth(d.month) })),
    ...edges.flatMap(([lo, hi]) => municipalityIds.map((mun) => ({ mun, lo, hi }))),
  ];
  const live = windows.length ? sql`SELECT * FROM (${liveFacts(spanOf(windows))}) x WHERE metric = ANY(${wanted})` : sql``;
  const stored = full
    ? sql`
      SELECT f.municipality_id, f.month, f.metric, f.k, f.k2, f.n FROM monitor_facts f
      WHERE f.municipality_id = ANY(${ids}) AND f.month >= ${full.from}::date AND f.month < ${full.to}::date AND f.metric = ANY(${wanted})
      ${
        dirty.length
          ? sql`AND NOT EXISTS (
              SELECT 1 FROM unnest(${uuidArray(dirty.map((d) => d.municipality_id))}, ${`{${dirty.map((d) => d.month).join(',')}}`}::date[]) AS d (m, mo)
              WHERE d.m = f.municipality_id AND d.mo = f.month)`
          : sql``
      }`
    : null;
  if (!windows.length)
    return sql`facts AS (${stored ?? sql`SELECT NULL::uuid AS municipality_id, NULL::date AS month, ''::text AS metric, ''::text AS k, ''::text AS k2, 0 AS n WHERE false`})`;
  return sql`${windowsCte(windows)}, facts AS (${stored ? sql`${stored} UNION ALL ` : sql``}${live})`;
}

/** Runs reads on one snapshot: their own REPEATABLE READ transaction, or the caller's transaction. */
export function onOneSnapshot<T>(db: DbOrTx, f: (tx: DbOrTx) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return f(db);
  return (db as Db).transaction(f, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

// Arbitrary constant: one refresh at a time across app instances.
const REFRESH_LOCK = 7_513_2027;

/**
 * Recomputes up to `batch` dirty cells and clears their marks, in one transaction on one snapshot: a change that
 * commits meanwhile left a mark this snapshot cannot see, so that cell stays dirty for the next run. Returns the
 * number of cells refreshed; 0 when another instance holds the lock or nothing is dirty.
 */
export async function refreshMonitorFacts(db: DbOrTx, batch = 2000): Promise<number> {
  return db.transaction(
    async (tx) => {
      const locked = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS ok`);
      if (!locked.rows[0]?.ok) return 0;
      const picked = await tx.execute<{ municipality_id: string; month: string }>(sql`
        SELECT municipality_id, month::text FROM (SELECT DISTINCT municipality_id, month FROM monitor_dirty) d
        ORDER BY month, municipality_id LIMIT ${batch}`);
      if (!picked.rows.length) return 0;
      const windows = picked.rows.map((r) => ({ mun: r.municipality_id, lo: r.month, hi: nextMonth(r.month) }));
      const cells = windowsCte(windows);
      await tx.execute(sql`WITH ${cells} DELETE FROM monitor_facts f USING windows c WHERE f.municipality_id = c.mun AND f.month = c.lo`);
      await tx.execute(sql`WITH ${cells} INSERT INTO monitor_facts (municipality_id, month, metric, k, k2, n) ${liveFacts(spanOf(windows))}`);
      await tx.execute(sql`WITH ${cells} DELETE FROM monitor_dirty d USING windows c WHERE d.municipality_id = c.mun AND d.month = c.lo`);
      return picked.rows.length;
    },
    { isolationLevel: 'repeatable read' },
  );
}

/**
 * Refreshes until no cell is dirty (or `maxBatches` ran); returns the cells refreshed. The advisory lock is taken in
 * the transaction's first statement, after its snapshot: a refresh that committed in between shows up as a
 * serialization failure or a duplicate fact, and the batch simply runs again on a fresh snapshot.
 */
export async function refreshAllMonitorFacts(db: DbOrTx, maxBatches = 1000): Promise<number> {
  let total = 0;
  for (let i = 0, retries = 0; i < maxBatches; i++) {
    const n = await refreshMonitorFacts(db).catch((err: unknown) => {
      if (retries++ < 3 && (isSerializationFailure(err) || isUniqueViolation(err))) return -1;
      throw err;
    });
    if (n < 0) continue;
    total += n;
    if (n === 0) break;
  }
  return total;
}
