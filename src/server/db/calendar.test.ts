import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../../domain/working-days.js';
import { createTestApp, type TestApp } from '../testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** A PostgreSQL array literal: drizzle would spread a JS array into separate parameters. */
const pgArray = (xs: string[]) => `{${xs.join(',')}}`;

describe('working days in SQL', () => {
  it("match the app's rule across King's Day, Christmas and New Year", async () => {
    const q = async (a: string, b: string) => (await t.db.execute<{ n: number }>(sql`SELECT kp_working_days(${a}::date, ${b}::date) AS n`)).rows[0]!.n;
    // Friday 23 April 2027 → Wednesday 28 April 2027: Monday 26th counts, Tuesday 27th (King's Day) does not.
    expect(await q('2027-04-23', '2027-04-28')).toBe(2);
    // 23 Dec 2026 → 4 Jan 2027: 24, 28, 29, 30, 31 Dec and 4 Jan.
    expect(await q('2026-12-23', '2027-01-04')).toBe(6);
    expect(await q('2027-01-04', '2026-12-23')).toBe(0);
  });

  it('agree with workingDaysBetween for random pairs of dates', async () => {
    const pairs = fc.sample(fc.tuple(day, day), 300);
    const rows = await t.db.execute<{ a: string; b: string; n: number }>(sql`
      SELECT a::text, b::text, kp_working_days(a, b) AS n
      FROM unnest(${pgArray(pairs.map(([a]) => iso(a)))}::date[], ${pgArray(pairs.map(([, b]) => iso(b)))}::date[]) AS p(a, b)`);
    for (const r of rows.rows) expect(r.n, `${r.a} → ${r.b}`).toBe(workingDaysBetween(new Date(`${r.a}T00:00:00Z`), new Date(`${r.b}T00:00:00Z`)));
  });
});
