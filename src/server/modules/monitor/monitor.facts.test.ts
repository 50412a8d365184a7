import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../db/client.js';
import { MONITOR_FACTS_QUEUE, startJobs } from '../../jobs.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, buildService, randomBsn, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { refreshAllMonitorFacts, refreshMonitorFacts, splitPeriod } from './monitor.facts.js';
import { monitorComparison, monitorFigures, monitorNetwork, monitorTrends, type Scope } from './monitor.repository.js';

describe('a period split into stored whole months and live edges', () => {
  it('reads whole months from storage and computes only the partial months at the edges', () => {
    expect(splitPeriod('2026-01-01', '2026-12-31')).toEqual({ full: { from: '2026-01-01', to: '2027-01-01' }, edges: [] });
    expect(splitPeriod('2026-01-15', '2026-03-10')).toEqual({
      full: { from: '2026-02-01', to: '2026-03-01' },
      edges: [
        ['2026-01-15', '2026-02-01'],
        ['2026-03-01', '2026-03-11'],
      ],
    });
    expect(splitPeriod('2026-01-01', '2026-11-20')).toEqual({ full: { from: '2026-01-01', to: '2026-11-01' }, edges: [['2026-11-01', '2026-11-21']] });
    // Within one month, or across two without a whole one: all live.
    expect(splitPeriod('2026-04-10', '2026-04-20')).toEqual({ full: null, edges: [['2026-04-10', '2026-04-21']] });
    expect(splitPeriod('2026-04-10', '2026-05-20')).toEqual({ full: null, edges: [['2026-04-10', '2026-05-21']] });
    // A leap day and a year's end.
    expect(splitPeriod('2028-02-01', '2028-02-29')).toEqual({ full: { from: '2028-02-01', to: '2028-03-01' }, edges: [] });
    expect(splitPeriod('2026-12-01', '2026-12-31')).toEqual({ full: { from: '2026-12-01', to: '2027-01-01' }, edges: [] });
  });
});

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let nurse: Signed;
let other: { id: string };
const cases: { caseId: string; personId: string; signalId: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  const coordinator = await signedInAs(t, scene, 'coordinator');
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  other = await buildMunicipality(t.db, { regionId: scene.region.id });
  const s = caseScenario(scene, coordinator);
  // Twelve families: the midwife and the JGZ nurse both register the mother (a match), the midwife signals, the
  // coordinator opens a case.
  for (let i = 0; i < 12; i++) {
    const person = { givenName: 'Lotte', familyName: `Feit${i}`, dateOfBirth: '2001-05-05', bsn: randomBsn(), municipalityId: scene.municipality.id };
    const a = await midwife.agent.post(api('/involvements'), { durationMonths: 12, person });
    expect(a.statusCode, a.body).toBe(201);
    const b = await nurse.agent.post(api('/involvements'), { durationMonths: 12, person });
    expect(b.statusCode, b.body).toBe(201);
    const personId = a.json().person.id as string;
    const signalId = await s.signalAbout(personId, midwife);
    const res = await coordinator.agent.post(api('/cases'), { signalId });
    expect(res.statusCode, res.body).toBe(201);
    cases.push({ caseId: res.json().id, personId, signalId });
  }
  // Spread over the year: family i signalled on the 10th of month 1 + (i mod 11), acknowledged i working days or so
  // later; its case opened two days after the signal; its match followed up on some.
  await t.db.execute(sql`
    UPDATE signals s SET created_at = make_timestamptz(2026, 1 + x.i % 11, 10, 10, 0, 0, 'Europe/Amsterdam'),
                         acknowledged_at = make_timestamptz(2026, 1 + x.i % 11, 10, 10, 0, 0, 'Europe/Amsterdam') + x.i * interval '1 day'
    FROM (SELECT id, (row_number() OVER (ORDER BY created_at) - 1)::int AS i FROM signals WHERE municipality_id = ${scene.municipality.id}) x
    WHERE s.id = x.id`);
  await t.db.execute(sql`
    UPDATE cases c SET created_at = s.created_at + interval '2 days', first_contact_at = s.created_at + interval '6 days'
    FROM signals s WHERE s.id = c.signal_id AND c.municipality_id = ${scene.municipality.id}`);
  await t.db.execute(sql`
    UPDATE matches m SET created_at = c.created_at, followed_up_at = CASE WHEN random() < 0.5 THEN c.created_at + interval '36 hours' END
    FROM cases c WHERE c.household_id = m.household_id AND c.municipality_id = ${scene.municipality.id}`);
  // Three referrals a case to a VoorZorg service, over the closed loop.
  const service = await buildService(t.db, { organisationId: nurse.user.organisationId!, name: 'VoorZorg', responseNormWorkingDays: 3 });
  await t.db.execute(sql`
    INSERT INTO referrals (case_id, person_id, service_id, receiving_organisation_id, sender_id, sender_organisation_id, purpose, question,
                           handover_kind, status, decline_reason, norm_working_days, due_on, sent_at, answered_at, help_started_at)
    SELECT c.id, c.client_id, ${service.id}, ${nurse.user.organisationId}, ${midwife.user.id}, ${midwife.user.organisationId}, 'Steun', 'Vraag',
           'joint_visit', st.status::referral_status, CASE WHEN st.status = 'declined' THEN 'no_capacity'::decline_reason END, 3,
           (c.created_at + interval '5 days')::date, c.created_at + k * interval '9 days',
           CASE WHEN st.status <> 'sent' THEN c.created_at + k * interval '9 days' + (k * 2) * interval '1 day' END,
           CASE WHEN st.status = 'help_started' THEN c.created_at + k * interval '9 days' + interval '20 days' END
    FROM cases c CROSS JOIN generate_series(1, 3) k
    CROSS JOIN LATERAL (SELECT (ARRAY['sent', 'declined', 'help_started'])[k] AS status) st
    WHERE c.municipality_id = ${scene.municipality.id}`);
});
afterAll(() => t.close());

const scopes = (): [string, Scope][] => [
  ['a municipality, one year', { municipalityIds: [scene.municipality.id], from: '2026-01-01', to: '2026-12-31' }],
  ['a municipality, partial months at both edges', { municipalityIds: [scene.municipality.id], from: '2026-03-15', to: '2026-11-20' }],
  ['a municipality, within one month', { municipalityIds: [scene.municipality.id], from: '2026-04-05', to: '2026-04-25' }],
  ['the region, one year', { municipalityIds: [scene.municipality.id, other.id], from: '2026-01-01', to: '2026-12-31' }],
];

async function read(db: DbOrTx, s: Scope) {
  return {
    figures: await monitorFigures(db, s),
    trends: await monitorTrends(db, s, 'month'),
    comparison: await monitorComparison(db, s),
    network: (await monitorNetwork(db, s)).edges,
  };
}
/** Sorted, so that figures compare whatever order SQL returned them in. */
const canonical = (x: Awaited<ReturnType<typeof read>>) => ({
  ...x,
  figures: { ...x.figures, referralStatus: [...x.figures.referralStatus].sort((a, b) => `${a.row_k}${a.col_k}`.localeCompare(`${b.row_k}${b.col_k}`)) },
  trends: [...x.trends].sort((a, b) => `${a.series}${a.bucket}`.localeCompare(`${b.series}${b.bucket}`)),
  comparison: [...x.comparison].sort((a, b) => a.municipality_id.localeCompare(b.municipality_id)),
  network: [...x.network].sort((a, b) => `${a.kind}${a.a}${a.b}`.localeCompare(`${b.kind}${b.a}${b.b}`)),
});

/** The figures as if nothing were stored: every cell forgotten and computed live, in a transaction rolled back. */
async function fromScratch(s: Scope) {
  let out: Awaited<ReturnType<typeof read>> | undefined;
  await t.db
    .transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM monitor_facts`);
      await tx.execute(sql`SELECT kp_monitor_mark_all()`);
      out = await read(tx, s);
      tx.rollback();
    })
    .catch((e: Error) => {
      if (!/rollback/i.test(e.message)) throw e;
    });
  return canonical(out!);
}
const now = async (s: Scope) => canonical(await read(t.db, s));
const dirtyCells = async () =>
  (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT DISTINCT municipality_id, month FROM monitor_dirty) d`)).rows[0]!.n;
const storedCells = async () =>
  (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT DISTINCT municipality_id, month FROM monitor_facts) d`)).rows[0]!.n;

async function expectExact() {
  for (const [name, s] of scopes()) expect(await now(s), name).toEqual(await fromScratch(s));
}

describe('the monitor facts per municipality and month', () => {
  it('recomputes the dirty cells into stored facts; stored, partly stored and live figures are the same', async () => {
    // The writes above marked their cells: nothing is stored yet, everything reads live.
    expect(await dirtyCells()).toBeGreaterThanOrEqual(11);
    const year = scopes()[0]![1];
    const live = await now(year);
    expect(live.figures.referralStatus.reduce((n, r) => n + r.n, 0)).toBe(36);
    expect(live.figures.signalsByOrgType).toEqual({ verloskunde: 12 });
    expect(live.figures.timeliness.acknowledged!.n).toBe(12);
    expect(live.figures.matches.n).toBe(12);
    // The midwives referred to the JGZ 36 times.
    expect(live.network.find((e) => e.kind === 'referral')).toMatchObject({ n: 36 });
    await expectExact();

    expect(await refreshAllMonitorFacts(t.db)).toBeGreaterThanOrEqual(11);
    expect(await dirtyCells()).toBe(0);
    expect(await storedCells()).toBeGreaterThanOrEqual(11);
    expect(await now(year)).toEqual(live);
    await expectExact();
  });

  it('shows a change at once — its cells are marked dirty in its own transaction — and the next refresh stores it', async () => {
    await refreshAllMonitorFacts(t.db);
    const year = scopes()[0]![1];
    const before = await now(year);
    await t.db.execute(sql`UPDATE referrals SET status = 'declined', decline_reason = 'not_eligible' WHERE case_id = ${cases[0]!.caseId} AND status = 'sent'`);
    expect(await dirtyCells()).toBe(1);
    const after = await now(year);
    expect(after.figures.declinedByReason).toEqual({ ...before.figures.declinedByReason, not_eligible: 1 });
    await expectExact();
    expect(await refreshMonitorFacts(t.db)).toBe(1);
    expect(await now(year)).toEqual(after);
    // Removing rows counts too.
    await t.db.execute(sql`DELETE FROM referrals WHERE case_id = ${cases[0]!.caseId} AND decline_reason = 'not_eligible'`);
    expect((await now(year)).figures.declinedByReason).toEqual(before.figures.declinedByReason);
    await expectExact();
  });

  it("follows an organisation's new type, a case moving to another municipality and a household moving", async () => {
    await refreshAllMonitorFacts(t.db);
    await t.db.execute(sql`UPDATE organisations SET type = 'kraamzorg' WHERE id = ${midwife.user.organisationId}`);
    expect((await now(scopes()[0]![1])).figures.signalsByOrgType).toEqual({ kraamzorg: 12 });
    await expectExact();
    await refreshAllMonitorFacts(t.db);

    const moved = cases[1]!;
    await t.db.execute(sql`UPDATE cases SET municipality_id = ${other.id} WHERE id = ${moved.caseId}`);
    await t.db.execute(sql`UPDATE households SET municipality_id = ${other.id} WHERE id = (SELECT household_id FROM cases WHERE id = ${moved.caseId})`);
    const there = await now({ municipalityIds: [other.id], from: '2026-01-01', to: '2026-12-31' });
    expect(there.figures.referralStatus.reduce((n, r) => n + r.n, 0)).toBe(3);
    expect(there.figures.matches.n).toBe(1);
    await expectExact();
    await refreshAllMonitorFacts(t.db);
    await expectExact();
  });

  it('leaves a change that commits while the refresh runs dirty for the next run', async () => {
    await refreshAllMonitorFacts(t.db);
    const client = await t.deps.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE signals SET acknowledged_at = created_at + interval '40 days' WHERE id = $1`, [cases[2]!.signalId]);
      // The refresh cannot see the uncommitted mark: it finds nothing to do, and clears nothing it did not recompute.
      expect(await refreshMonitorFacts(t.db)).toBe(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await dirtyCells()).toBe(1);
    await expectExact();
    expect(await refreshMonitorFacts(t.db)).toBe(1);
    await expectExact();
  });

  it('lets refreshes run at once on several instances without an error or a wrong figure', async () => {
    await t.db.execute(sql`SELECT kp_monitor_mark_all()`);
    const cells = await dirtyCells();
    expect(cells).toBeGreaterThanOrEqual(11);
    const done = await Promise.all([refreshAllMonitorFacts(t.db), refreshAllMonitorFacts(t.db), refreshAllMonitorFacts(t.db)]);
    expect(done.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(cells);
    expect(await dirtyCells()).toBe(0);
    await expectExact();
  });

  it("keeps each case's children, goals and team organisations as persons, plans and care teams change", async () => {
    const c = cases[3]!;
    const counts = async () =>
      (
        await t.db.execute<{ children: number; not_yet: number; partly: number; reached: number }>(
          sql`SELECT children, goals_not_yet AS not_yet, goals_partly AS partly, goals_reached AS reached FROM cases WHERE id = ${c.caseId}`,
        )
      ).rows[0]!;
    expect(await counts()).toEqual({ children: 0, not_yet: 0, partly: 0, reached: 0 });
    const child = await t.db.execute<{ id: string }>(sql`
      INSERT INTO persons (household_id, municipality_id, household_role, given_name, family_name, family_name_key, date_of_birth)
      SELECT household_id, municipality_id, 'child', 'Kind', 'Feit', 'feit', '2025-01-01' FROM cases WHERE id = ${c.caseId} RETURNING id`);
    await t.db.execute(sql`
      INSERT INTO persons (household_id, municipality_id, household_role, given_name, family_name, family_name_key, due_date)
      SELECT household_id, municipality_id, 'unborn', '', 'Feit', 'feit', '2026-12-01' FROM cases WHERE id = ${c.caseId}`);
    expect((await counts()).children).toBe(2);
    await t.db.execute(sql`UPDATE persons SET deceased_on = '2026-06-01' WHERE id = ${child.rows[0]!.id}`);
    expect((await counts()).children).toBe(1);

    const plan = (goals: object[]) => JSON.stringify({ goals });
    await t.db.execute(sql`
      INSERT INTO family_plans (case_id, number, status, content, created_by_id, adopted_at, parents_agreed, parents_present)
      VALUES (${c.caseId}, 1, 'adopted', ${plan([{ attainment: 'reached' }, { attainment: 'partly' }, {}])}::jsonb, ${midwife.user.id}, now(), true, true)`);
    expect(await counts()).toEqual({ children: 1, not_yet: 1, partly: 1, reached: 1 });
    // A draft does not count; the next adopted plan replaces the previous one.
    await t.db.execute(sql`
      INSERT INTO family_plans (case_id, number, status, content, created_by_id) VALUES (${c.caseId}, 2, 'draft', ${plan([{ attainment: 'reached' }])}::jsonb, ${midwife.user.id})`);
    expect((await counts()).reached).toBe(1);
    await t.db.execute(
      sql`UPDATE family_plans SET status = 'adopted', adopted_at = now(), parents_agreed = true, parents_present = true WHERE case_id = ${c.caseId} AND number = 2`,
    );
    expect(await counts()).toEqual({ children: 1, not_yet: 0, partly: 0, reached: 1 });
    // The care team's organisations, for the network: the midwife's (she signalled), then the nurse's too.
    const team = async () =>
      (await t.db.execute<{ orgs: string }>(sql`SELECT team_organisations::text AS orgs FROM cases WHERE id = ${c.caseId}`)).rows[0]!.orgs;
    expect(await team()).toBe(`{${midwife.user.organisationId}}`);
    await t.db.execute(sql`
      INSERT INTO care_team_members (case_id, user_id, organisation_id, source) VALUES (${c.caseId}, ${nurse.user.id}, ${nurse.user.organisationId}, 'added')`);
    expect(await team()).toBe(`{${[midwife.user.organisationId, nurse.user.organisationId].sort().join(',')}}`);
    await t.db.execute(sql`DELETE FROM care_team_members WHERE case_id = ${c.caseId} AND user_id = ${nurse.user.id}`);
    expect(await team()).toBe(`{${midwife.user.organisationId}}`);
    const f = (await now(scopes()[0]![1])).figures;
    expect(f.goals).toEqual({ not_yet: 0, partly: 0, reached: 1 });
    expect(Object.values(f.children).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('is refreshed by the monitor-facts job', async () => {
    await t.db.execute(sql`UPDATE signals SET acknowledged_at = acknowledged_at + interval '1 day' WHERE id = ${cases[4]!.signalId}`);
    expect(await dirtyCells()).toBeGreaterThan(0);
    // Any run from here on finds the dirty cells: the first completed one is the signal (no deadline to miss).
    let ran!: () => void;
    const refreshed = new Promise<void>((r) => (ran = r));
    const jobs = await startJobs(t.deps, () => {}, { pollingIntervalSeconds: 0.5, ran: (q) => q === MONITOR_FACTS_QUEUE && ran() });
    try {
      await jobs.boss.send(MONITOR_FACTS_QUEUE, {});
      await refreshed;
      expect(await dirtyCells()).toBe(0);
    } finally {
      await jobs.stop();
    }
    await expectExact();
  });
});
