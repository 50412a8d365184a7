import { parse } from 'csv-parse/sync';

/**
 * Reads a municipality's population from a CBS StatLine export (e.g. table 03759ned "Bevolking op 1 januari;
 * leeftijd, burgerlijke staat, regio"), as CSV with `;` or `,`. The columns are found by their Dutch headers: the
 * region (name or GM-code), the period, the age ("Totaal" and single years "0 jaar" … "7 jaar") and the count. Other
 * dimensions (sex, marital status) are read at their "Totaal…" value. The most recent period wins.
 */
export interface CbsPopulation {
  referenceYear: number;
  inhabitants: number;
  /** Null when the export lacks single years 0–7 (then the national distribution is used). */
  children0to7: number | null;
}

export type CbsImportResult = { ok: true; value: CbsPopulation } | { ok: false; errors: { path: string; code: string }[] };

const norm = (s: string) => s.trim().toLowerCase();

export function parseCbsPopulation(csv: string, municipality: { name: string; cbsCode: string | null }): CbsImportResult {
  let rows: string[][];
  try {
    const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    rows = parse(csv.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    return { ok: false, errors: [{ path: 'file', code: 'not_csv' }] };
  }
  const header = (rows[0] ?? []).map(norm);
  const col = (test: (h: string) => boolean) => header.findIndex(test);
  const region = col((h) => h.startsWith('regio'));
  const period = col((h) => h.startsWith('perioden'));
  const age = col((h) => h.startsWith('leeftijd'));
  const value = col((h) => h.startsWith('bevolking') || h.includes('(aantal)'));
  const missing = Object.entries({ region, period, age, value })
    .filter(([, i]) => i < 0)
    .map(([k]) => ({ path: `columns.${k}`, code: 'missing_column' }));
  if (missing.length) return { ok: false, errors: missing };
  const others = header.map((_, i) => i).filter((i) => ![region, period, age, value].includes(i));
  const wanted = new Set([norm(municipality.name), ...(municipality.cbsCode ? [norm(municipality.cbsCode)] : [])]);
  const mine = rows.slice(1).filter((r) => wanted.has(norm(r[region] ?? '')) && others.every((i) => !r[i] || norm(r[i]!).startsWith('totaal')));
  if (!mine.length) return { ok: false, errors: [{ path: 'rows', code: 'municipality_not_found' }] };
  const yearOf = (r: string[]) => Number.parseInt((r[period] ?? '').replace(/\D/g, '').slice(0, 4), 10);
  const year = Math.max(...mine.map(yearOf).filter((y) => Number.isFinite(y)));
  if (!Number.isFinite(year)) return { ok: false, errors: [{ path: 'columns.period', code: 'no_year' }] };
  const ofYear = mine.filter((r) => yearOf(r) === year);
  const count = (r: string[]) => Number.parseInt((r[value] ?? '').replace(/[.\s]/g, ''), 10);
  const total = ofYear.find((r) => norm(r[age] ?? '').startsWith('totaal'));
  if (!total || !Number.isFinite(count(total))) return { ok: false, errors: [{ path: 'rows', code: 'no_total' }] };
  const singleYears = new Map<number, number>();
  for (const r of ofYear) {
    const m = norm(r[age] ?? '').match(/^(\d+) jaar$/);
    if (m && Number.isFinite(count(r))) singleYears.set(Number(m[1]), count(r));
  }
  const ages = [0, 1, 2, 3, 4, 5, 6, 7];
  const children = ages.every((a) => singleYears.has(a)) ? ages.reduce((s, a) => s + singleYears.get(a)!, 0) : null;
  return { ok: true, value: { referenceYear: year, inhabitants: count(total), children0to7: children } };
}
