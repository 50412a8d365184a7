import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BLOCK_STATES, IV_BLOCKS, QUALITY_CRITERIA } from '../../../domain/evaluation.js';
import { agreements, mailOutbox, municipalities, notifications } from '../../db/schema.js';
import { api } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { runAgreementReminders } from './evaluation.service.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let policy: Signed;
let coordinator: Signed;
let midwife: Signed;
let otherPolicy: Signed;
const m = () => scene.municipality.id;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  // The CBS import finds the municipality by its GM code.
  await t.db.update(municipalities).set({ cbsCode: 'GM0928' }).where(eq(municipalities.id, scene.municipality.id));
  policy = await signedInAs(t, scene, 'policy');
  coordinator = await signedInAs(t, scene, 'coordinator');
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  otherPolicy = await signedInAs(t, { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'policy');
});
afterAll(() => t.close());

const bottleneck = {
  phase: 'signaleren',
  title: 'Men weet elkaar niet altijd te vinden',
  partnersNamed: 4,
  source: 'interview',
  actions: [{ description: 'Smoelenboek actueel houden', owner: 'Coördinator knooppunt' }],
};

const allBlocks = (state: (typeof BLOCK_STATES)[number], by: string | null) =>
  Object.fromEntries(IV_BLOCKS.map((b) => [b, { state, by, since: null, financing: null }]));
const allCriteria = (state: string) => Object.fromEntries(QUALITY_CRITERIA.map((c) => [c, { state, note: null }]));

describe('the evaluation registers', () => {
  it("are kept by the municipality's policy officers and coordinators; a professional or another municipality gets 404", async () => {
    const created = await policy.agent.post(api('/bottlenecks'), { ...bottleneck, municipalityId: m() });
    expect(created.statusCode, created.body).toBe(201);
    expect((await coordinator.agent.get(api(`/bottlenecks?municipalityId=${m()}`))).json().items).toHaveLength(1);
    for (const who of [midwife, otherPolicy]) {
      for (const path of ['/bottlenecks', '/quickscans', '/demand', '/agreements'])
        expect((await who.agent.get(api(`${path}?municipalityId=${m()}`))).statusCode, path).toBe(404);
      expect((await who.agent.post(api('/bottlenecks'), { ...bottleneck, municipalityId: m() })).statusCode).toBe(404);
      expect((await who.agent.put(api(`/bottlenecks/${created.json().id}`), { ...bottleneck, version: 1 })).statusCode).toBe(404);
    }
  });

  it('records bottlenecks per phase with how many partners named them, actions with owners, and detects stale edits', async () => {
    const bad = await policy.agent.post(api('/bottlenecks'), {
      ...bottleneck,
      phase: 'elders',
      partnersNamed: 0,
      actions: [{ description: 'x', owner: '' }],
      municipalityId: m(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.phase', 'body.partnersNamed', 'body.actions.0.description', 'body.actions.0.owner']),
    );
    const b = (
      await policy.agent.post(api('/bottlenecks'), {
        ...bottleneck,
        phase: 'samenwerking',
        title: 'Geen vaste overlegstructuur',
        partnersNamed: 2,
        municipalityId: m(),
      })
    ).json();
    const ok = await coordinator.agent.put(api(`/bottlenecks/${b.id}`), {
      ...bottleneck,
      phase: 'samenwerking',
      partnersNamed: 3,
      status: 'addressed',
      version: 1,
    });
    expect(ok.json().version).toBe(2);
    const stale = await policy.agent.put(api(`/bottlenecks/${b.id}`), { ...bottleneck, phase: 'samenwerking', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const list = (await policy.agent.get(api(`/bottlenecks?municipalityId=${m()}`))).json().items;
    expect(list.map((x: { phase: string; partnersNamed: number; status: string }) => [x.phase, x.partnersNamed, x.status])).toEqual([
      ['samenwerking', 3, 'addressed'],
      ['signaleren', 4, 'open'],
    ]);
    expect((await policy.agent.delete(api(`/bottlenecks/${b.id}?version=1`))).statusCode).toBe(409);
    expect((await policy.agent.delete(api(`/bottlenecks/${b.id}?version=2`))).statusCode).toBe(204);
  });

  it("shows a quickscan's gaps (the three required blocks first) and what changed since the previous one", async () => {
    const missingBy = await policy.agent.post(api('/quickscans'), {
      municipalityId: m(),
      conductedOn: '2024-03-01',
      blocks: allBlocks('in_place', null),
      criteria: allCriteria('met'),
    });
    expect(missingBy.json().error.details[0]).toEqual({ path: 'body.blocks.chain_coordination.by', code: 'required_when_in_place' });
    const first = {
      municipalityId: m(),
      conductedOn: '2024-03-01',
      blocks: {
        ...allBlocks('in_place', 'JGZ'),
        trajectory_guidance: { state: 'absent', by: null, since: null, financing: null },
        family_support: { state: 'partly', by: 'Wijkteam', since: null, financing: 'Wmo' },
      },
      criteria: { ...allCriteria('met'), limited_waiting: { state: 'not_met', note: 'Wachtlijst diagnostiek 14 weken' } },
    };
    const q1 = (await policy.agent.post(api('/quickscans'), first)).json();
    const d1 = (await policy.agent.get(api(`/quickscans/${q1.id}`))).json();
    expect(d1.gaps).toEqual([
      { kind: 'block', key: 'trajectory_guidance', state: 'absent', required: true },
      { kind: 'block', key: 'family_support', state: 'partly', required: false },
      { kind: 'criterion', key: 'limited_waiting', state: 'not_met', required: false },
    ]);
    expect(d1.previous).toBeNull();
    const q2 = (
      await coordinator.agent.post(api('/quickscans'), {
        ...first,
        conductedOn: '2026-03-01',
        blocks: { ...first.blocks, trajectory_guidance: { state: 'in_place', by: 'MEE', since: '2025-01-01', financing: 'Jeugdwet' } },
      })
    ).json();
    const d2 = (await policy.agent.get(api(`/quickscans/${q2.id}`))).json();
    expect(d2.previous).toEqual({ id: q1.id, conductedOn: '2024-03-01' });
    expect(d2.changes).toEqual([
      { kind: 'block', key: 'trajectory_guidance', field: 'state', from: 'absent', to: 'in_place' },
      { kind: 'block', key: 'trajectory_guidance', field: 'by', from: null, to: 'MEE' },
      { kind: 'block', key: 'trajectory_guidance', field: 'financing', from: null, to: 'Jeugdwet' },
    ]);
    expect(d2.gaps.map((g: { key: string }) => g.key)).toEqual(['family_support', 'limited_waiting']);
    expect((await policy.agent.get(api(`/quickscans?municipalityId=${m()}`))).json().items.map((x: { id: string }) => x.id)).toEqual([q2.id, q1.id]);
  });

  it('estimates demand from entered figures: 100,000 inhabitants give 73 children; own figures replace the national distribution', async () => {
    expect((await policy.agent.get(api(`/demand?municipalityId=${m()}`))).json()).toEqual({ population: null, estimate: null });
    const entered = await policy.agent.put(api('/demand/population'), { municipalityId: m(), referenceYear: 2025, inhabitants: 100_000, version: null });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json().estimate).toEqual({ children0to7: 7298, expected: 73, basis: 'national_distribution' });
    const stale = await coordinator.agent.put(api('/demand/population'), { municipalityId: m(), referenceYear: 2025, inhabitants: 100_000, version: null });
    expect(stale.statusCode).toBe(409);
    const own = await coordinator.agent.put(api('/demand/population'), {
      municipalityId: m(),
      referenceYear: 2025,
      inhabitants: 100_000,
      children0to7: 8000,
      prevalence: 0.015,
      version: 1,
    });
    expect(own.json().estimate).toEqual({ children0to7: 8000, expected: 120, basis: 'own_figures' });
    const bad = await policy.agent.put(api('/demand/population'), {
      municipalityId: m(),
      referenceYear: 2025,
      inhabitants: 100,
      children0to7: 200,
      prevalence: 2,
      version: 2,
    });
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.prevalence']));
  });

  it('imports the figures from a CBS StatLine export, and refuses a file that does not fit with the reason', async () => {
    const csv = [
      '"Geslacht";"Leeftijd";"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"',
      '"Totaal mannen en vrouwen";"Totaal";"GM0928";"2025";"45234"',
      ...Array.from({ length: 8 }, (_, a) => `"Totaal mannen en vrouwen";"${a} jaar";"GM0928";"2025";"400"`),
    ].join('\n');
    const res = await policy.agent.request({
      method: 'POST',
      url: api(`/demand/population/import?municipalityId=${m()}`),
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    // The prevalence set by hand stays.
    expect(res.json()).toMatchObject({
      population: { referenceYear: 2025, inhabitants: 45234, children0to7: 3200, source: 'cbs', prevalence: 0.015 },
      estimate: { children0to7: 3200, expected: 48, basis: 'own_figures' },
    });
    const wrong = await policy.agent.request({
      method: 'POST',
      url: api(`/demand/population/import?municipalityId=${m()}`),
      payload: csv.replaceAll('GM0928', 'GM0917'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details).toEqual([{ path: 'rows', code: 'municipality_not_found' }]);
    expect((await policy.agent.get(api(`/demand?municipalityId=${m()}`))).json().population.inhabitants).toBe(45234);
  });

  it('keeps agreements per level with parties, lead, budget and review date, and reminds once before the review', async () => {
    const agreement = {
      municipalityId: m(),
      level: 'tactical',
      title: 'Werkafspraken warme overdracht kraamzorg – JGZ',
      content: 'De kraamverzorgende draagt bij zorgen warm over aan de jeugdverpleegkundige.',
      parties: ['Kraamzorg', 'JGZ'],
      lead: 'JGZ',
      budgetEuros: 12000,
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
      reviewOn: '2026-12-15',
      block: 'chain_coordination',
    };
    const bad = await policy.agent.post(api('/agreements'), { ...agreement, parties: [], periodTo: '2025-01-01', reviewOn: '2025-06-01' });
    expect(bad.json().error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)).toEqual(
      expect.arrayContaining(['body.parties no_parties', 'body.periodTo before_start', 'body.reviewOn before_start']),
    );
    const a = (await policy.agent.post(api('/agreements'), agreement)).json();
    expect(a.version).toBe(1);
    // 31 days before the review nothing happens; 30 days before, one reminder to the coordinator and the policy officer.
    expect(await runAgreementReminders(t.db, 'http://knooppunt.test', new Date('2026-11-14T08:00:00Z'))).toBe(0);
    expect(await runAgreementReminders(t.db, 'http://knooppunt.test', new Date('2026-11-15T08:00:00Z'))).toBe(1);
    expect(await runAgreementReminders(t.db, 'http://knooppunt.test', new Date('2026-11-16T08:00:00Z'))).toBe(0);
    const got = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'agreement_review'));
    expect(new Set(got.map((n) => n.userId))).toEqual(new Set([policy.user.id, coordinator.user.id]));
    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'agreement_review'));
    expect(mails[0]!.textBody).toContain('/evaluatie/afspraken');
    // Moving the review date arms the reminder again.
    const moved = await coordinator.agent.put(api(`/agreements/${a.id}`), { ...agreement, reviewOn: '2027-01-10', version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await runAgreementReminders(t.db, 'http://knooppunt.test', new Date('2026-12-12T08:00:00Z'))).toBe(1);
    const [row] = await t.db.select().from(agreements).where(eq(agreements.id, a.id));
    expect(row!.remindedFor).toBe('2027-01-10');
    expect((await policy.agent.delete(api(`/agreements/${a.id}?version=2`))).statusCode).toBe(204);
    expect((await t.db.execute(sql`SELECT count(*)::int AS n FROM agreements WHERE id = ${a.id}`)).rows[0]).toEqual({ n: 0 });
  });
});
