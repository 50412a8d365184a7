import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recoverable, SUPPRESSION_THRESHOLD, type SuppressedTable, suppressCount, suppressTable } from './suppression.js';

/** The hidden mask of a published table, augmented with its totals (as `recoverable` reads it). */
function hiddenOf(t: SuppressedTable): boolean[][] {
  return [...t.cells.map((row, r) => [...row.map((v) => v === null), t.rowTotals[r] === null]), [...t.columnTotals.map((v) => v === null), t.total === null]];
}

describe('small-number suppression', () => {
  it('shows a single figure only from 10 persons', () => {
    expect(suppressCount(9)).toBeNull();
    expect(suppressCount(0)).toBeNull();
    expect(suppressCount(10)).toBe(10);
  });

  it('hides a second cell in a row where one small cell could be computed from the total', () => {
    // 4 could be computed as 34 − 12 − 18; hiding 12 too leaves two unknowns — but 4 + 12 = 16 is still fixed by the
    // row, so the columns must be protected as well.
    const t = suppressTable({
      cells: [
        [4, 12, 18],
        [20, 30, 40],
      ],
    });
    expect(t.cells[0]![0]).toBeNull();
    expect(recoverable(hiddenOf(t))).toEqual([]);
    // Published figures are the true ones.
    expect(t.total).toBe(124);
  });

  it('leaves a table without small numbers untouched', () => {
    const t = suppressTable({
      cells: [
        [10, 20],
        [30, 40],
      ],
    });
    expect(t).toEqual({
      cells: [
        [10, 20],
        [30, 40],
      ],
      rowTotals: [30, 70],
      columnTotals: [40, 60],
      total: 100,
    });
  });

  it('never publishes a figure under 10, never changes a published figure, and leaves no suppressed value recoverable from the totals', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((rows) =>
            fc
              .integer({ min: 1, max: 5 })
              .chain((cols) => fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
          ),
        (cells) => {
          const t = suppressTable({ cells });
          const rowTotals = cells.map((row) => row.reduce((s, v) => s + v, 0));
          const columnTotals = cells[0]!.map((_, c) => cells.reduce((s, row) => s + row[c]!, 0));
          const total = rowTotals.reduce((s, v) => s + v, 0);
          const check = (shown: number | null, truth: number) => {
            if (truth < SUPPRESSION_THRESHOLD) expect(shown).toBeNull();
            if (shown !== null) {
              expect(shown).toBe(truth);
              expect(shown).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
            }
          };
          for (const [r, row] of cells.entries()) for (const [c, v] of row.entries()) check(t.cells[r]![c]!, v);
          for (const [r, v] of rowTotals.entries()) check(t.rowTotals[r]!, v);
          for (const [c, v] of columnTotals.entries()) check(t.columnTotals[c]!, v);
          check(t.total, total);
          expect(recoverable(hiddenOf(t))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('recognises a value that the totals give away (the check itself)', () => {
    // Only [0,0] hidden in a 2×2 table with all totals shown: row 0 gives it.
    const hidden = [
      [true, false, false],
      [false, false, false],
      [false, false, false],
    ];
    expect(recoverable(hidden)).toEqual([[0, 0]]);
    // Four hidden interior cells in a rectangle: no single value follows from the totals.
    const rectangle = [
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ];
    expect(recoverable(rectangle)).toEqual([]);
  });
});
