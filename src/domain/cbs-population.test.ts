import { describe, expect, it } from 'vitest';
import { parseCbsPopulation } from './cbs-population.js';

const kerkrade = { name: 'Kerkrade', cbsCode: 'GM0928' };
const ages = (region: string, year: string, base: number) =>
  Array.from({ length: 10 }, (_, a) => `"Totaal mannen en vrouwen";"${a} jaar";"Totaal burgerlijke staat";"${region}";"${year}";"${base + a}"`);

const statline = [
  '"Geslacht";"Leeftijd";"Burgerlijke staat";"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"',
  '"Totaal mannen en vrouwen";"Totaal";"Totaal burgerlijke staat";"Kerkrade";"2023";"45000"',
  '"Totaal mannen en vrouwen";"Totaal";"Totaal burgerlijke staat";"Kerkrade";"2024";"45234"',
  '"Mannen";"Totaal";"Totaal burgerlijke staat";"Kerkrade";"2024";"22500"',
  '"Totaal mannen en vrouwen";"Totaal";"Totaal burgerlijke staat";"Landgraaf";"2024";"37000"',
  ...ages('Kerkrade', '2024', 300),
  ...ages('Kerkrade', '2023', 100),
].join('\n');

describe('the CBS StatLine population import', () => {
  it('takes the latest year, the total at "Totaal" of the other dimensions, and sums the single years 0–7', () => {
    expect(parseCbsPopulation(statline, kerkrade)).toEqual({
      ok: true,
      value: { referenceYear: 2024, inhabitants: 45234, children0to7: 300 * 8 + 28 },
    });
  });

  it('finds the municipality by its GM code as well, and reads comma-separated exports', () => {
    const csv = ['RegioS,Perioden,Leeftijd,Bevolking (aantal)', 'GM0928,2025JJ00,Totaal,45100'].join('\n');
    expect(parseCbsPopulation(csv, kerkrade)).toEqual({ ok: true, value: { referenceYear: 2025, inhabitants: 45100, children0to7: null } });
  });

  it('leaves the children unknown when a single year is missing, so the national distribution is used', () => {
    const csv = statline
      .split('\n')
      .filter((l) => !l.includes('"5 jaar"'))
      .join('\n');
    const r = parseCbsPopulation(csv, kerkrade);
    expect(r.ok && r.value.children0to7).toBeNull();
  });

  it('says what is wrong: missing columns, another municipality, no total', () => {
    expect(parseCbsPopulation('a;b\n1;2', kerkrade)).toEqual({
      ok: false,
      errors: ['region', 'period', 'age', 'value'].map((k) => ({ path: `columns.${k}`, code: 'missing_column' })),
    });
    expect(parseCbsPopulation(statline, { name: 'Heerlen', cbsCode: 'GM0917' })).toEqual({
      ok: false,
      errors: [{ path: 'rows', code: 'municipality_not_found' }],
    });
    const noTotal = statline
      .split('\n')
      .filter((l) => !l.includes('"Totaal";"Totaal burgerlijke staat";"Kerkrade"'))
      .join('\n');
    expect(parseCbsPopulation(noTotal, kerkrade)).toEqual({ ok: false, errors: [{ path: 'rows', code: 'no_total' }] });
  });
});
