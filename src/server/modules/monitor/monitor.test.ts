import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverable } from '../../../domain/suppression.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let policy: Signed;
let coordinator: Signed;
let midwife: Signed;
let nurse: Signed;
let admin: Signed;
let foreignAdmin: Signed;
let otherPolicy: Signed;

// The period of the fixture: the signals were made on Friday 24 April 2026, before King's Day (Monday 27 April).
const period = '&from=2026-01-01&to=2026-11-20';
// Working days from Friday 24 April to each acknowledgement: 1 (Tue 28, King's Day skipped) … 10 (Mon 11 May).
const ACKNOWLEDGED = ['04-28', '04-28', '04-28', '04-29', '04-29', '04-30', '04-30', '04-30', '05-01', '05-04', '05-05', '05-11'];

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  policy = await signedInAs(t, scene, 'policy');
  coordinator = await signedInAs(t, scene, 'coordinator');
  admin = await signedInAs(t, scene, 'admin');
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  foreignAdmin = await signedInAs(t, await buildScene(t.db), 'admin');
  otherPolicy = await signedInAs(t, { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'policy');
  // Twelve families signalled by the midwife, each opened as a case by the coordinator, the JGZ nurse in each team.
  const s = caseScenario(scene, coordinator);
  for (let i = 0; i < 12; i++) {
    const c = await s.openCase(midwife, `Gezin${i}`);
    await s.giveConsent(c.caseId, c.personId, nurse.user.organisationId!);
    await s.addToTeam(c.caseId, nurse);
    if (i < 10) {
      const { version } = (await coordinator.agent.get(api(`/cases/${c.caseId}`))).json();
      const moved = await coordinator.agent.post(api(`/cases/${c.caseId}/phase`), { to: 'verkennen', version });
      expect(moved.statusCode, moved.body).toBe(200);
    }
  }
  // Put the fixture on known days: signals and cases on 24 April, acknowledgements as above, Verkennen on 30 April.
  await t.db.execute(sql`
    UPDATE signals s SET created_at = '2026-04-24 10:00+02', acknowledged_at = ('2026-' || a.day || ' 10:00+02')::timestamptz
    FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS k FROM signals WHERE municipality_id = ${scene.municipality.id}) o,
         unnest(${`{${ACKNOWLEDGED.join(',')}}`}::text[]) WITH ORDINALITY AS a(day, k)
    WHERE s.id = o.id AND o.k = a.k`);
  await t.db.execute(sql`UPDATE cases SET created_at = '2026-04-24 11:00+02' WHERE municipality_id = ${scene.municipality.id}`);
  // A child in each of the ten households in Verkennen.
  await t.db.execute(sql`
    INSERT INTO persons (household_id, municipality_id, household_role, given_name, family_name, family_name_key, date_of_birth)
    SELECT household_id, municipality_id, 'child', 'Kind', 'Gezin', 'gezin', '2025-01-01' FROM cases
    WHERE municipality_id = ${scene.municipality.id} AND phase = 'verkennen'`);
  // The triggers set each case's first contact when it entered Verkennen.
  const contacts = await t.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM cases WHERE municipality_id = ${scene.municipality.id} AND first_contact_at IS NOT NULL AND support_started_at IS NULL`,
  );
  expect(contacts.rows[0]!.n).toBe(10);
  await t.db.execute(sql`UPDATE cases SET first_contact_at = '2026-04-30 09:00+02' WHERE first_contact_at IS NOT NULL`);
  // The timeline is append-only; the fixture moves its phase events back in time with the trigger off, in one transaction.
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE case_events DISABLE TRIGGER USER`);
    await tx.execute(sql`UPDATE case_events SET at = '2026-04-30 09:00+02' WHERE kind = 'phase'`);
    await tx.execute(sql`ALTER TABLE case_events ENABLE TRIGGER USER`);
  });
});
afterAll(() => t.close());

const url = (path = '/monitor') => api(`${path}?municipalityId=${scene.municipality.id}${period}`);

type Table = { cells: (number | null)[][]; rowTotals: (number | null)[]; columnTotals: (number | null)[]; total: number | null };
/** The published table with its margins, as the suppression check reads it. */
const hiddenOf = (p: Table) => [
  ...p.cells.map((row, r) => [...row.map((v) => v === null), p.rowTotals[r] === null]),
  [...p.columnTotals.map((v) => v === null), p.total === null],
];
const expectSafe = (p: Table) => {
  for (const v of [...p.cells.flat(), ...p.rowTotals, ...p.columnTotals, p.total]) if (v !== null) expect(v).toBeGreaterThanOrEqual(10);
  if (p.cells.length) expect(recoverable(hiddenOf(p))).toEqual([]);
};

describe('the monitor', () => {
  it('gives the policy officer aggregates that match the fixture, with every figure under 10 suppressed', async () => {
    const res = await policy.agent.get(url());
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.scope).toEqual({ kind: 'municipality', id: scene.municipality.id, name: scene.municipality.name });
    expect(d.households).toBe(12);
    // 10 in Verkennen, 2 still in Signaleren: both columns under 10 somewhere, so the row is suppressed around them.
    expect(d.phases.cells[0][1]).toBe(10);
    expect(d.phases.cells[0][0]).toBeNull();
    expect(d.signalsByOrgType).toMatchObject({ columns: ['verloskunde'], cells: [[12]], total: 12 });
    // Ten children, all in Verkennen; the other phases have none, and are hidden with them.
    expect(d.children.cells[0][1]).toBe(10);
    expect(d.children.total).toBe(10);
    // No director yet: 0 with and 12 without — the 0 is suppressed, and so is enough to keep it from the total.
    expect(d.regie.cells[0][0]).toBeNull();
    expect(d.regie.share).toBeNull();
    for (const p of [
      d.phases,
      d.signalsByOrgType,
      d.regie,
      d.matches,
      d.referrals,
      d.declinedByReason,
      d.answeredInTime,
      d.goals,
      d.doubleDiscussions,
      d.experienceHeard,
    ])
      expectSafe(p);
    expect(d.answeredInTime.share).toBeNull();
    // Aggregates only: no family appears anywhere.
    expect(res.body).not.toMatch(/Gezin|Lotte/);
  });

  it("computes timeliness in Dutch working days in SQL: median and 80th percentile by hand, King's Day skipped", async () => {
    const d = (await policy.agent.get(url())).json();
    // Acknowledgement: 1,1,1,2,2,3,3,3,4,5,6,10 → median (6th of 12) 3, 80th percentile (10th) 5.
    // First contact: the ten cases entered Verkennen on Thursday 30 April, 3 working days after the signal.
    expect(d.timeliness).toEqual([
      { key: 'acknowledged', n: 12, median: 3, p80: 5 },
      { key: 'first_contact', n: 10, median: 3, p80: 3 },
      { key: 'support_started', n: null, median: null, p80: null },
    ]);
  });

  it('is for policy officers and coordinators of the municipality and admins of its region; everyone else gets 404', async () => {
    for (const who of [policy, coordinator, admin]) expect((await who.agent.get(url())).statusCode).toBe(200);
    for (const who of [midwife, foreignAdmin, otherPolicy]) {
      for (const path of ['/monitor', '/monitor/trends', '/monitor/network', '/monitor.csv', '/monitor.pdf'])
        expect((await who.agent.get(url(path))).statusCode, path).toBe(404);
    }
    // Policy officers never reach personal data.
    for (const path of ['/cases/mine', '/referrals/incoming', '/meeting-tables', '/cases/board', `/persons?q=Gezin`])
      expect((await policy.agent.get(api(path))).statusCode, path).toBe(404);
  });

  it('shows a region to anyone who may monitor one of its municipalities and to its admins, and compares the municipalities', async () => {
    const region = api(`/monitor?regionId=${scene.region.id}${period}`);
    for (const who of [policy, otherPolicy, admin]) expect((await who.agent.get(region)).statusCode).toBe(200);
    for (const who of [midwife, foreignAdmin]) expect((await who.agent.get(region)).statusCode).toBe(404);
    expect((await admin.agent.get(region)).json()).toMatchObject({ scope: { kind: 'region', id: scene.region.id }, households: 12 });
    // From a municipality, the comparison covers its region.
    const cmp = (await policy.agent.get(url('/monitor/comparison'))).json();
    expect((await otherPolicy.agent.get(api(`/monitor/comparison?regionId=${scene.region.id}${period}`))).json()).toEqual(cmp);
    expect(cmp.rows).toHaveLength(2);
    // 12 and 0 households: the 0 would follow from the region's total, so one more figure is hidden.
    const households = {
      cells: cmp.rows.map((r: { households: number | null }) => [r.households]),
      rowTotals: cmp.rows.map((r: { households: number | null }) => r.households),
      columnTotals: [cmp.totals.households],
      total: cmp.totals.households,
    };
    expect(recoverable(hiddenOf(households))).toEqual([]);
    expect(
      cmp.rows.filter((r: { households: number | null }) => r.households === null).length + (cmp.totals.households === null ? 1 : 0),
    ).toBeGreaterThanOrEqual(2);
  });

  it('gives trends per month and per quarter as one suppressed table', async () => {
    const m = (await policy.agent.get(`${url('/monitor/trends')}&granularity=month`)).json();
    expect(m.rows).toHaveLength(11);
    expect(m.rows[3]).toBe('2026-04-01');
    expect(m.columns).toEqual(['signals', 'cases', 'referrals', 'matches']);
    expect(m.cells[3][0]).toBe(12);
    expectSafe(m);
    const q = (await policy.agent.get(`${url('/monitor/trends')}&granularity=quarter`)).json();
    expect(q.rows).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(q.cells[1][1]).toBe(12);
    expectSafe(q);
    const tooMany = await policy.agent.get(api(`/monitor/trends?municipalityId=${scene.municipality.id}&from=2020-01-01&to=2026-01-01&granularity=month`));
    expect(tooMany.json().error.details[0]).toEqual({ path: 'querystring.granularity', code: 'too_many_periods' });
  });

  it('draws the collaboration network: the midwives and JGZ share twelve care teams; the others are isolated', async () => {
    const n = (await policy.agent.get(url('/monitor/network'))).json();
    expect(n.edges).toEqual([
      {
        source: expect.any(String),
        target: expect.any(String),
        weight: 12,
        kinds: { care_team: 12, referral: null, meeting: null },
      },
    ]);
    const ends = new Set([n.edges[0].source, n.edges[0].target]);
    expect(ends).toEqual(new Set([midwife.user.organisationId, nurse.user.organisationId]));
    expect(n.nodes.find((x: { id: string }) => x.id === scene.organisation.id)).toMatchObject({ degree: 0, isolated: true });
    expect(JSON.stringify(n)).not.toMatch(/Gezin|Lotte/);
  });

  it('exports the same figures as CSV, "<10" where suppressed, and a PDF report with charts', async () => {
    const csv = await policy.agent.get(url('/monitor.csv'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('scope,from,to,panel,row,column,value');
    expect(lines).toContain(`${scene.municipality.name},2026-01-01,2026-11-20,households,all,all,12`);
    expect(lines).toContain(`${scene.municipality.name},2026-01-01,2026-11-20,timeliness,acknowledged,median_working_days,3`);
    expect(lines.some((l: string) => l.endsWith(',phases,all,signaleren,<10'))).toBe(true);
    expect(lines.some((l: string) => l.includes(',trends,2026-04-01,signals,12'))).toBe(true);
    expect(csv.body).not.toMatch(/Gezin/);
    const pdf = await policy.agent.request({ method: 'GET', url: url('/monitor.pdf') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(10_000);
    if (process.env.KP_DUMP_PDF) (await import('node:fs')).writeFileSync(process.env.KP_DUMP_PDF, pdf.rawPayload);
    // In the language chosen in the app; an unknown one is refused.
    const en = await policy.agent.request({ method: 'GET', url: `${url('/monitor.pdf')}&lang=en` });
    expect(en.statusCode).toBe(200);
    expect(en.rawPayload.toString('latin1')).toContain('/Lang (en-GB)');
    expect(pdf.rawPayload.toString('latin1')).toContain('/Lang (nl-NL)');
    const de = await policy.agent.get(`${url('/monitor.pdf')}&lang=de`);
    expect(de.statusCode).toBe(400);
    expect(de.json().error.details[0].path).toBe('querystring.lang');
  });

  it('filters by period and refuses an end before the start, or neither municipality nor region', async () => {
    const past = await policy.agent.get(api(`/monitor?municipalityId=${scene.municipality.id}&from=2020-01-01&to=2020-12-31`));
    expect(past.json()).toMatchObject({ households: null, period: { from: '2020-01-01', to: '2020-12-31' } });
    const bad = await policy.agent.get(api(`/monitor?municipalityId=${scene.municipality.id}&from=2026-02-01&to=2026-01-01`));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.to');
    const none = await policy.agent.get(api('/monitor?from=2026-01-01'));
    expect(none.json().error.details[0]).toEqual({ path: 'querystring.municipalityId', code: 'municipality_or_region' });
  });
});
