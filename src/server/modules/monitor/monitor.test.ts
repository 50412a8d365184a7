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
let admin: Signed;
let foreignAdmin: Signed;
let otherPolicy: Signed;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  policy = await signedInAs(t, scene, 'policy');
  coordinator = await signedInAs(t, scene, 'coordinator');
  admin = await signedInAs(t, scene, 'admin');
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  foreignAdmin = await signedInAs(t, await buildScene(t.db), 'admin');
  otherPolicy = await signedInAs(t, { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'policy');
  // Twelve families signalled by the midwife, each opened as a case by the coordinator.
  const s = caseScenario(scene, coordinator);
  for (let i = 0; i < 12; i++) await s.openCase(midwife, `Gezin${i}`);
});
afterAll(() => t.close());

const url = () => api(`/monitor?municipalityId=${scene.municipality.id}`);

/** The published table with its margins, as the suppression check reads it. */
const hiddenOf = (p: { cells: (number | null)[][]; rowTotals: (number | null)[]; columnTotals: (number | null)[]; total: number | null }) => [
  ...p.cells.map((row, r) => [...row.map((v) => v === null), p.rowTotals[r] === null]),
  [...p.columnTotals.map((v) => v === null), p.total === null],
];

describe('the monitor', () => {
  it('gives the policy officer aggregates that match the fixture, with every figure under 10 suppressed', async () => {
    const res = await policy.agent.get(url());
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.households).toBe(12);
    expect(d.phases).toMatchObject({ columns: ['signaleren', 'verkennen', 'steun_op_maat', 'afgesloten'], cells: [[12, null, null, null]], total: 12 });
    expect(d.signalsByOrgType).toMatchObject({ columns: ['verloskunde'], cells: [[12]], total: 12 });
    // No director yet: 0 with and 12 without — the 0 is suppressed, and so is enough to keep it from the total.
    expect(d.regie.cells[0][0]).toBeNull();
    for (const panel of [
      d.phases,
      d.signalsByOrgType,
      d.regie,
      d.matches,
      d.referrals,
      d.declinedByReason,
      d.answeredInTime,
      d.doubleDiscussions,
      d.experienceHeard,
    ]) {
      for (const v of [...panel.cells.flat(), ...panel.rowTotals, ...panel.columnTotals, panel.total]) if (v !== null) expect(v).toBeGreaterThanOrEqual(10);
      if (panel.cells.length) expect(recoverable(hiddenOf(panel))).toEqual([]);
    }
    // No referrals at all: nothing to show, and no share.
    expect(d.answeredInTime.share).toBeNull();
    // Aggregates only: no family appears anywhere.
    expect(res.body).not.toMatch(/Gezin|Lotte/);
  });

  it('is for policy officers and coordinators of the municipality and admins of its region; everyone else gets 404', async () => {
    for (const who of [policy, coordinator, admin]) expect((await who.agent.get(url())).statusCode).toBe(200);
    for (const who of [midwife, foreignAdmin, otherPolicy]) expect((await who.agent.get(url())).statusCode).toBe(404);
    // Policy officers never reach personal data.
    expect((await policy.agent.get(api('/cases/mine'))).statusCode).toBe(404);
    expect((await policy.agent.get(api('/referrals/incoming'))).statusCode).toBe(404);
    expect((await policy.agent.get(api('/meeting-tables'))).statusCode).toBe(404);
  });

  it('exports the same figures as CSV, "<10" where suppressed', async () => {
    const csv = await policy.agent.get(api(`/monitor.csv?municipalityId=${scene.municipality.id}`));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('municipality,from,to,panel,row,column,value');
    expect(lines.some((l: string) => l.endsWith(',households,all,all,12'))).toBe(true);
    expect(lines.some((l: string) => l.endsWith(',phases,all,verkennen,<10'))).toBe(true);
    expect(csv.body).not.toMatch(/Gezin/);
    expect((await midwife.agent.get(api(`/monitor.csv?municipalityId=${scene.municipality.id}`))).statusCode).toBe(404);
  });

  it('filters by period and refuses an end before the start', async () => {
    const past = await policy.agent.get(`${url()}&from=2020-01-01&to=2020-12-31`);
    expect(past.json()).toMatchObject({ households: null, period: { from: '2020-01-01', to: '2020-12-31' } });
    const bad = await policy.agent.get(`${url()}&from=2026-02-01&to=2026-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.to');
  });
});
