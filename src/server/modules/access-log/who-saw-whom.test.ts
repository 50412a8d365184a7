import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildScene, randomBsn, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

/** NEN 7513 asks who saw whom: every list that shows clients names each of them, and refusals are logged too. */
let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let coordinator: Signed;
let outsider: Signed;
let admin: Signed;
let s: ReturnType<typeof caseScenario>;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  outsider = await signedInAs(t, await withOrganisation(t.db, scene, 'huisartsenpraktijk'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
  admin = await signedInAs(t, scene, 'admin');
  s = caseScenario(scene, coordinator);
});
afterAll(() => t.close());

/** The subjects of the rows this user wrote with this purpose since `after`. */
async function subjectsLogged(who: Signed, purpose: string, after: Date) {
  const rows = await t.db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.userId, who.user.id), eq(accessLog.purpose, purpose)));
  return rows.filter((r) => r.occurredAt >= after).map((r) => r.subjectPersonId);
}

describe('who saw whom', () => {
  it('every list that shows clients names each of them in the access log', async () => {
    const a = await s.openCase(midwife, 'Lijsta');
    const b = await s.openCase(midwife, 'Lijstb');
    await s.giveConsent(a.caseId, a.personId, midwife.user.organisationId!);
    const since = new Date(Date.now() - 1000);
    const lists: [Signed, string, string][] = [
      [midwife, '/cases/mine', 'mijn casussen'],
      [coordinator, '/cases/board', 'casusbord knooppunt'],
      [coordinator, '/cases?q=lijst', 'casussen zoeken'],
      [coordinator, '/signals/intake', 'intake signalen'],
      [midwife, '/signals/mine', 'eigen signalen'],
      [midwife, '/involvements/mine', 'eigen registraties'],
    ];
    for (const [who, path, purpose] of lists) {
      const res = await who.agent.get(api(path));
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      expect(await subjectsLogged(who, purpose, since), path).toEqual(expect.arrayContaining([a.personId, b.personId]));
    }
    // An empty list is logged too, without a subject.
    const empty = await outsider.agent.get(api('/cases/mine'));
    expect(empty.json().items).toEqual([]);
    expect(await subjectsLogged(outsider, 'mijn casussen', since)).toEqual([null]);
  });

  it('the coordinator’s duplicates list names both records of every pair', async () => {
    const person = { familyName: 'Tweemaal', dateOfBirth: '1990-10-10', municipalityId: scene.municipality.id };
    const first = await midwife.agent.post(api('/involvements'), { durationMonths: 6, person });
    const second = await outsider.agent.post(api('/involvements'), { durationMonths: 6, person, confirmNewPerson: true });
    const since = new Date(Date.now() - 1000);
    expect((await coordinator.agent.get(api('/persons/duplicates'))).statusCode).toBe(200);
    expect(await subjectsLogged(coordinator, 'mogelijke dubbele registraties', since)).toEqual(
      expect.arrayContaining([first.json().person.id, second.json().person.id]),
    );
  });

  it('a refused attempt — the 404 that hides a case or a person — is logged as denied, naming the client', async () => {
    const c = await s.openCase(midwife, 'Geweigerd');
    expect((await outsider.agent.get(api(`/cases/${c.caseId}`))).statusCode).toBe(404);
    expect((await outsider.agent.get(api(`/persons/${c.personId}`))).statusCode).toBe(404);
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, outsider.user.id), eq(accessLog.outcome, 'denied')));
    expect(rows.map((r) => [r.objectType, r.objectId, r.subjectPersonId])).toEqual(
      expect.arrayContaining([
        ['case', c.caseId, c.personId],
        ['person', c.personId, c.personId],
      ]),
    );
    // A made-up id is logged without a subject; the answer is the same 404 either way.
    const made = '00000000-0000-4000-8000-000000000001';
    const res = await outsider.agent.get(api(`/cases/${made}`));
    expect(res.statusCode).toBe(404);
    const [row] = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, outsider.user.id), eq(accessLog.objectId, made)));
    expect(row).toMatchObject({ outcome: 'denied', subjectPersonId: null });
  });
});

describe('admins find the rows about one client without seeing her', () => {
  it('by BSN (through the keyed hash) or by exact name + date; the answer holds log rows only', async () => {
    const bsn = randomBsn();
    const reg = await midwife.agent.post(api('/involvements'), {
      durationMonths: 6,
      person: { givenName: 'Anna', familyName: 'Opzoek', dateOfBirth: '1995-03-03', bsn, municipalityId: scene.municipality.id, address: 'Geheimstraat 1' },
    });
    const id = reg.json().person.id;
    await midwife.agent.get(api(`/persons/${id}`));
    const byBsn = await admin.agent.post(api('/admin/access-log/by-client'), { bsn });
    expect(byBsn.statusCode, byBsn.body).toBe(200);
    const items = byBsn.json().items as { subjectPersonId: string; eventType: string; user: { id: string } }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((e) => e.subjectPersonId === id)).toBe(true);
    expect(items.map((e) => e.eventType)).toEqual(expect.arrayContaining(['create', 'read']));
    expect(JSON.stringify(byBsn.json())).not.toMatch(/Anna|Opzoek|Geheimstraat|1995-03-03/);
    expect(JSON.stringify(byBsn.json())).not.toContain(bsn);
    const byName = await admin.agent.post(api('/admin/access-log/by-client'), { familyName: 'OPZOEK', date: '1995-03-03' });
    expect(byName.json().items.map((e: { id: number }) => e.id)).toEqual(expect.arrayContaining(items.map((e) => (e as unknown as { id: number }).id)));
    // Nobody found: no rows, never the whole log.
    expect((await admin.agent.post(api('/admin/access-log/by-client'), { bsn: randomBsn() })).json().items).toEqual([]);
    // The admin's search is itself logged, naming the client it matched.
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, admin.user.id), eq(accessLog.objectType, 'access_log'), inArray(accessLog.subjectPersonId, [id])));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    // Bad input names its fields; a non-admin gets 404.
    const bad = await admin.agent.post(api('/admin/access-log/by-client'), { familyName: 'Opzoek' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toContainEqual({ path: 'body.date', code: 'required' });
    expect((await coordinator.agent.post(api('/admin/access-log/by-client'), { bsn })).statusCode).toBe(404);
  });
});
