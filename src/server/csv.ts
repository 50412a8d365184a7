import { type Options, stringify as stringifyStream } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`); tab
 * and carriage return let such a cell hide behind whitespace.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell a spreadsheet would run as a formula by prefixing a single quote (OWASP's advice): the
 * reader sees the text, nothing runs. Only text is touched: numbers (negative ones too) are numeric values written
 * as numbers, which a spreadsheet reads as numbers and never as a formula.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const SAFE: Options = { cast: { string: neutraliseCell } };

/** Every CSV export of the app goes through here (synchronously, for small exports). */
export function toCsv(records: unknown[], options: Options = {}): string {
  return stringifySync(records, { ...options, ...SAFE });
}

/** Every CSV export of the app goes through here (as a stream, for large exports). */
export function csvStream(options: Options = {}) {
  return stringifyStream({ ...options, ...SAFE });
}
