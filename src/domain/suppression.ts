/**
 * Small-number suppression for published figures (issue 7, domain.md §8): a cell or total that stands for fewer than
 * `threshold` (10) persons shows "<10", and no suppressed value may be re-derived from the published ones (row and
 * column totals): complementary suppression hides further cells until every suppressed value has more than one
 * solution.
 *
 * A table is `cells[r][c]` with its row totals, column totals and grand total; all of them are published unless
 * suppressed. The equations a reader can use are the table's lines: every row (cells = row total), every column
 * (cells = column total), the totals row (column totals = grand total) and the totals column (row totals = grand
 * total). A suppressed value is recoverable exactly when it is determined by those linear equations.
 */
export const SUPPRESSION_THRESHOLD = 10;

export interface CountTable {
  cells: number[][];
}

export interface SuppressedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/** A cell of the augmented table: interior [r, c], or a margin — row r = rows for the totals row, c = cols for the totals column. */
type Pos = [number, number];

/** The augmented (rows + 1) × (cols + 1) table: cells with their row totals, the column totals and the grand total. */
function augment(cells: number[][]): number[][] {
  const rows = cells.length;
  const cols = rows ? cells[0]!.length : 0;
  const a = cells.map((row) => [...row, row.reduce((s, v) => s + v, 0)]);
  const last: number[] = [];
  for (let c = 0; c <= cols; c++) last.push(a.reduce((s, row) => s + row[c]!, 0));
  a.push(last);
  return a;
}

/** The suppressed entries, row by row. */
function hiddenPositions(hidden: boolean[][]): Pos[] {
  const out: Pos[] = [];
  for (let r = 0; r < hidden.length; r++) for (let c = 0; c < hidden[r]!.length; c++) if (hidden[r]![c]) out.push([r, c]);
  return out;
}

/**
 * The linear equations of the augmented table over its suppressed entries: one per line, with coefficient +1 for
 * the line's parts and −1 for its total (the published entries are known and drop out).
 */
function equations(hidden: boolean[][]): number[][] {
  const R = hidden.length - 1;
  const C = hidden[0]!.length - 1;
  const index = new Map<string, number>();
  for (const [r, c] of hiddenPositions(hidden)) index.set(`${r},${c}`, index.size);
  const n = index.size;
  const eqs: number[][] = [];
  const line = (entries: { pos: Pos; coef: number }[]) => {
    const e = new Array<number>(n).fill(0);
    let any = false;
    for (const { pos, coef } of entries) {
      const k = index.get(`${pos[0]},${pos[1]}`);
      if (k !== undefined) {
        e[k] = coef;
        any = true;
      }
    }
    if (any) eqs.push(e);
  };
  for (let r = 0; r <= R; r++) line([...Array.from({ length: C }, (_, c) => ({ pos: [r, c] as Pos, coef: 1 })), { pos: [r, C], coef: -1 }]);
  for (let c = 0; c <= C; c++) line([...Array.from({ length: R }, (_, r) => ({ pos: [r, c] as Pos, coef: 1 })), { pos: [R, c], coef: -1 }]);
  return eqs;
}

function rank(m: number[][]): number {
  const a = m.map((row) => [...row]);
  let rk = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < a.length; c++) {
    let p = rk;
    for (let r = rk + 1; r < a.length; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-9) continue;
    [a[rk], a[p]] = [a[p]!, a[rk]!];
    for (let r = 0; r < a.length; r++) {
      if (r === rk) continue;
      const f = a[r]![c]! / a[rk]![c]!;
      if (f !== 0) for (let k = c; k < cols; k++) a[r]![k]! -= f * a[rk]![k]!;
    }
    rk++;
  }
  return rk;
}

/**
 * Which suppressed entries of the augmented table a reader can compute exactly from the published ones: an entry is
 * determined when its unit vector lies in the row space of the equations. Used by the algorithm and by the tests.
 */
export function recoverable(hidden: boolean[][]): Pos[] {
  const eqs = equations(hidden);
  const positions = hiddenPositions(hidden);
  if (!eqs.length) return [];
  const base = rank(eqs);
  return positions.filter((_, k) => {
    const unit = new Array<number>(positions.length).fill(0);
    unit[k] = 1;
    return rank([...eqs, unit]) === base;
  });
}

/**
 * Suppresses a count table: every entry (cell or total) below the threshold, then — while any suppressed entry is
 * still recoverable — the smallest published entry of a line through it, preferring interior cells. Ends when no
 * suppressed value can be computed from what is published. Exact linear check; meant for dashboard-sized tables.
 */
export function suppressTable(table: CountTable, threshold = SUPPRESSION_THRESHOLD): SuppressedTable {
  const a = augment(table.cells);
  const R = a.length - 1;
  const C = a[0]!.length - 1;
  const hidden = a.map((row) => row.map((v) => v < threshold));
  for (let guard = 0; guard < (R + 1) * (C + 1); guard++) {
    const open = recoverable(hidden);
    if (!open.length) break;
    // The candidates: published entries on a row or column through a recoverable one (anywhere, when those lines
    // are all hidden already); interior cells first, then the smallest.
    const candidates: Pos[] = [];
    for (const [r0, c0] of open) {
      for (let c = 0; c <= C; c++) if (!hidden[r0]![c]) candidates.push([r0, c]);
      for (let r = 0; r <= R; r++) if (!hidden[r]![c0]) candidates.push([r, c0]);
    }
    if (!candidates.length) for (let r = 0; r <= R; r++) for (let c = 0; c <= C; c++) if (!hidden[r]![c]) candidates.push([r, c]);
    if (!candidates.length) break;
    const margin = ([r, c]: Pos) => (r === R || c === C ? 1 : 0);
    candidates.sort((x, y) => margin(x) - margin(y) || a[x[0]]![x[1]]! - a[y[0]]![y[1]]!);
    const [r1, c1] = candidates[0]!;
    hidden[r1]![c1] = true;
  }
  const shown = (r: number, c: number) => (hidden[r]![c] ? null : a[r]![c]!);
  return {
    cells: table.cells.map((row, r) => row.map((_, c) => shown(r, c))),
    rowTotals: table.cells.map((_, r) => shown(r, C)),
    columnTotals: Array.from({ length: C }, (_, c) => shown(R, c)),
    total: shown(R, C),
  };
}

/** A single figure: shown when it stands for at least `threshold` persons, otherwise null ("<10"). */
export function suppressCount(n: number, threshold = SUPPRESSION_THRESHOLD): number | null {
  return n < threshold ? null : n;
}

/** How a suppressed figure reads. */
export const SUPPRESSED_LABEL = '<10';
