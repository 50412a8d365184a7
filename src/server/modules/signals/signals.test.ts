import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, mailOutbox, notifications, signals } from '../../db/schema.js';
import { buildMunicipality, buildScene, randomBsn, withOrganisation } from '../../testing/factories.js';
import { alsoInvolved, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let coordinator: Signed;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
});
afterAll(() => t.close());

async function client(who: Signed = midwife) {
  const res = await who.agent.post('/api/v1/involvements', {
    durationMonths: 12,
    person: { givenName: 'Lotte', familyName: 'Smeets', dateOfBirth: '2003-05-05', bsn: randomBsn(), municipalityId: scene.municipality.id },
  });
  return res.json().person.id as string;
}
const signal = (o: Record<string, unknown> = {}) => ({
  lifeDomains: ['mentaal_welbevinden', 'meedoen'],
  riskCategories: ['finances_housing'],
  riskFactors: ['debts', 'no_support_network'],
  riskFactorsNote: 'Schulden bij meerdere partijen',
  protectiveFactors: ['resilience'],
  vulnerabilityLevel: 'vulnerable',
  clientView: 'Zij ziet het zelf als een zware periode en wil hulp bij geldzaken.',
  discussedWithFamily: true,
  consentToShare: true,
  ...o,
});

describe('signals and the intake queue', () => {
  it('a signal with consent reaches the coordinator, who acknowledges and decides; the signaller sees it', async () => {
    const personId = await client();
    const created = await midwife.agent.post(`/api/v1/persons/${personId}/signals`, signal());
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ toHub: true, acknowledgedAt: null, decision: null });

    // The coordinator is told without content.
    const [note] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, coordinator.user.id), eq(notifications.signalId, s.id)));
    expect(note!.kind).toBe('signal');
    const [mail] = await t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, coordinator.user.email), eq(mailOutbox.kind, 'signal')));
    expect(mail!.textBody).not.toMatch(/Smeets|Lotte|schulden/i);

    const queue = (await coordinator.agent.get('/api/v1/signals/intake')).json().items;
    expect(queue.map((x: { id: string }) => x.id)).toContain(s.id);
    const detail = (await coordinator.agent.get(`/api/v1/signals/${s.id}`)).json();
    expect(detail.signaller).toMatchObject({ userId: midwife.user.id, name: midwife.user.displayName });
    expect(detail.person.familyName).toBe('Smeets');

    // The signaller may see but not triage.
    expect((await midwife.agent.post(`/api/v1/signals/${s.id}/acknowledge`, { version: s.version })).statusCode).toBe(403);
    const ack = await coordinator.agent.post(`/api/v1/signals/${s.id}/acknowledge`, { version: s.version });
    expect(ack.statusCode).toBe(200);
    const mine = (await midwife.agent.get('/api/v1/signals/mine')).json().items.find((x: { id: string }) => x.id === s.id);
    expect(mine.acknowledgedAt).not.toBeNull();
    expect(mine.acknowledgedBy).toBe(coordinator.user.displayName);
    const [ackNote] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, midwife.user.id), eq(notifications.kind, 'signal_acknowledged')));
    expect(ackNote!.signalId).toBe(s.id);

    const stale = await coordinator.agent.post(`/api/v1/signals/${s.id}/decision`, { version: s.version, decision: 'exploration' });
    expect(stale.statusCode).toBe(409);
    const decided = await coordinator.agent.post(`/api/v1/signals/${s.id}/decision`, {
      version: ack.json().version,
      decision: 'exploration',
      note: 'Vraag is complex',
    });
    expect(decided.statusCode).toBe(200);
    const after = (await midwife.agent.get(`/api/v1/signals/${s.id}`)).json();
    expect(after).toMatchObject({ decision: 'exploration', decisionNote: 'Vraag is complex', decidedBy: coordinator.user.displayName });
    expect(after.decidedAt).not.toBeNull();
    // Decided signals leave the open queue but stay under "all".
    expect((await coordinator.agent.get('/api/v1/signals/intake')).json().items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    expect((await coordinator.agent.get('/api/v1/signals/intake?status=all')).json().items.map((x: { id: string }) => x.id)).toContain(s.id);

    const log = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.objectType, 'signal'), eq(accessLog.objectId, s.id)));
    expect(log.map((l) => l.eventType)).toEqual(expect.arrayContaining(['create', 'read', 'update']));

    // The decision to explore opens the case in Verkennen, with the step on its timeline.
    const opened = await coordinator.agent.post('/api/v1/cases', { signalId: s.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const page = (await coordinator.agent.get(`/api/v1/cases/${opened.json().id}`)).json();
    expect(page.phase).toBe('verkennen');
    expect(page.content.timeline.find((e: { kind: string }) => e.kind === 'phase')).toMatchObject({ data: { from: 'signaleren', to: 'verkennen' } });
  });

  it('without consent the signal stays with the signaller — unless safety is at stake (meldcode path)', async () => {
    const personId = await client();
    const kept = (await midwife.agent.post(`/api/v1/persons/${personId}/signals`, signal({ consentToShare: false }))).json();
    expect(kept.toHub).toBe(false);
    expect((await coordinator.agent.get(`/api/v1/signals/${kept.id}`)).statusCode).toBe(404);
    expect((await coordinator.agent.get('/api/v1/signals/intake?status=all')).json().items.map((x: { id: string }) => x.id)).not.toContain(kept.id);

    const safety = (await midwife.agent.post(`/api/v1/persons/${personId}/signals`, signal({ consentToShare: false, safetyConcern: true }))).json();
    expect(safety.toHub).toBe(true);
    const queue = (await coordinator.agent.get('/api/v1/signals/intake')).json().items;
    expect(queue[0].id).toBe(safety.id); // safety first among unacknowledged signals
    const [note] = await t.db.select().from(notifications).where(eq(notifications.signalId, safety.id));
    expect(note!.kind).toBe('signal_safety');
  });

  it('only the signaller and the municipality’s coordinator see a signal; others get 404', async () => {
    const personId = await client();
    const s = (await midwife.agent.post(`/api/v1/persons/${personId}/signals`, signal())).json();
    // The page offers triage from the policy: to the coordinator, not to the signaller.
    expect((await midwife.agent.get(`/api/v1/signals/${s.id}`)).json().abilities).toEqual({ triage: false });
    expect((await coordinator.agent.get(`/api/v1/signals/${s.id}`)).json().abilities).toEqual({ triage: true });
    const nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    // Even a professional involved with the same person does not see another's signal content.
    await alsoInvolved(t, nurse, personId);
    const elsewhere = await signedInAs(t, { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'coordinator');
    const admin = await signedInAs(t, scene, 'admin');
    for (const who of [nurse, elsewhere, admin]) expect((await who.agent.get(`/api/v1/signals/${s.id}`)).statusCode).toBe(404);
    expect((await nurse.agent.get(`/api/v1/persons/${personId}/signals`)).json().items).toEqual([]);
    expect((await elsewhere.agent.post(`/api/v1/signals/${s.id}/acknowledge`, { version: 1 })).statusCode).toBe(404);
    expect((await nurse.agent.get('/api/v1/signals/intake')).statusCode).toBe(404);
    // A professional not involved cannot signal about the person.
    const stranger = await signedInAs(t, await withOrganisation(t.db, scene, 'wijkteam'), 'professional');
    expect((await stranger.agent.post(`/api/v1/persons/${personId}/signals`, signal())).statusCode).toBe(404);
  });

  it('validates: the woman’s own view, the reason when not discussed, known factor codes in the right list', async () => {
    const personId = await client();
    const before = (await t.db.select().from(signals)).length;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ clientView: '' }, 'body.clientView', 'required'],
      [{ discussedWithFamily: false }, 'body.notDiscussedReason', 'required'],
      [{ lifeDomains: [] }, 'body.lifeDomains', 'choose_at_least_one'],
      [{ riskFactors: ['stable_income'] }, 'body.riskFactors.0', 'unknown_factor'],
      [{ protectiveFactors: ['debts'], riskFactors: ['debts'] }, 'body.protectiveFactors', 'factor_in_both_lists'],
      [{ protectiveFactors: ['no_such_code'] }, 'body.protectiveFactors.0', 'unknown_factor'],
      [{ vulnerabilityLevel: 'extreme' }, 'body.vulnerabilityLevel', 'invalid_value'],
    ];
    for (const [o, path, code] of cases) {
      const res = await midwife.agent.post(`/api/v1/persons/${personId}/signals`, signal(o));
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details).toContainEqual({ path, code });
    }
    expect((await t.db.select().from(signals)).length).toBe(before);
  });

  it('the factor code list is configurable by admins only', async () => {
    const admin = await signedInAs(t, scene, 'admin');
    const created = await admin.agent.post('/api/v1/admin/signal-factors', {
      code: 'language_barrier',
      kind: 'risk',
      labelNl: 'Taalbarrière',
      labelEn: 'Language barrier',
    });
    expect(created.statusCode).toBe(201);
    expect((await admin.agent.post('/api/v1/admin/signal-factors', { code: 'language_barrier', kind: 'risk', labelNl: 'x', labelEn: 'x' })).statusCode).toBe(
      409,
    );
    expect((await midwife.agent.post('/api/v1/admin/signal-factors', { code: 'x_y', kind: 'risk', labelNl: 'x', labelEn: 'x' })).statusCode).toBe(404);
    const list = (await midwife.agent.get('/api/v1/signal-factors')).json().items;
    expect(list.find((f: { code: string }) => f.code === 'language_barrier')).toMatchObject({ kind: 'risk', labelNl: 'Taalbarrière' });
    expect(list.filter((f: { kind: string }) => f.kind === 'risk').length).toBeGreaterThanOrEqual(20);
    const off = await admin.agent.patch('/api/v1/admin/signal-factors/language_barrier', { version: 1, active: false });
    expect(off.json().active).toBe(false);
    const personId = await client();
    const res = await midwife.agent.post(`/api/v1/persons/${personId}/signals`, signal({ riskFactors: ['language_barrier'] }));
    expect(res.json().error.details).toContainEqual({ path: 'body.riskFactors.0', code: 'unknown_factor' });
  });
});
