import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { buildScene, randomBsn, withOrganisation } from '../../testing/factories.js';
import { alsoInvolved, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let nurse: Signed;
let personId: string;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  const res = await nurse.agent.post('/api/v1/involvements', {
    durationMonths: 12,
    person: { familyName: 'Meting', dateOfBirth: '2000-01-01', bsn: randomBsn(), municipalityId: scene.municipality.id },
  });
  personId = res.json().person.id;
});
afterAll(() => t.close());

const scores = (v: number) => ({
  lichaamsfuncties: v,
  mentaal_welbevinden: v,
  zingeving: v,
  kwaliteit_van_leven: v,
  meedoen: v,
  dagelijks_functioneren: v,
});

describe('screening instruments', () => {
  it('scores the example instrument and only suggests consultation above its threshold', async () => {
    const list = (await nurse.agent.get('/api/v1/questionnaires')).json().items;
    const example = list.find((q: { code: string }) => q.code === 'knooppunt_voorbeeld');
    const items = example.definition.domains.flatMap((d: { items: { code: string }[] }) => d.items.map((i) => i.code));
    const all = (v: number) => Object.fromEntries(items.map((c: string) => [c, v]));
    const high = await nurse.agent.post(`/api/v1/persons/${personId}/questionnaire-responses`, { questionnaireId: example.id, answers: all(2) });
    expect(high.statusCode).toBe(201);
    expect(high.json().score.suggestsConsultation).toBe(true);
    const low = await nurse.agent.post(`/api/v1/persons/${personId}/questionnaire-responses`, { questionnaireId: example.id, answers: all(0) });
    expect(low.json().score).toMatchObject({ total: 0, suggestsConsultation: false });

    const incomplete = await nurse.agent.post(`/api/v1/persons/${personId}/questionnaire-responses`, {
      questionnaireId: example.id,
      answers: { [items[0]]: 7 },
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.details).toContainEqual({ path: `body.answers.${items[0]}`, code: 'not_on_scale' });
    expect(incomplete.json().error.details).toContainEqual({ path: `body.answers.${items[1]}`, code: 'missing' });

    expect((await nurse.agent.get(`/api/v1/persons/${personId}/questionnaire-responses`)).json().items).toHaveLength(2);
    // Another organisation's professional involved with the same person does not see this organisation's screening.
    const midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
    await alsoInvolved(t, midwife, personId);
    expect((await midwife.agent.get(`/api/v1/persons/${personId}/questionnaire-responses`)).json().items).toEqual([]);
    const coordinator = await signedInAs(t, scene, 'coordinator');
    expect((await coordinator.agent.get(`/api/v1/persons/${personId}/questionnaire-responses`)).json().items).toHaveLength(2);
  });

  it('admins configure instruments; a bad definition is refused with paths', async () => {
    const admin = await signedInAs(t, scene, 'admin');
    const bad = await admin.agent.post('/api/v1/admin/questionnaires', {
      code: 'eigen_lijst',
      nameNl: 'Eigen lijst',
      nameEn: 'Own list',
      definition: { scale: [{ value: 0, labelNl: 'a', labelEn: 'a' }], domains: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.definition.scale', 'body.definition.domains']));
    const good = {
      code: 'eigen_lijst',
      nameNl: 'Eigen lijst',
      nameEn: 'Own list',
      definition: {
        scale: [
          { value: 0, labelNl: 'Nee', labelEn: 'No' },
          { value: 1, labelNl: 'Ja', labelEn: 'Yes' },
        ],
        domains: [{ code: 'd', labelNl: 'D', labelEn: 'D', items: [{ code: 'i', textNl: 'Vraag', textEn: 'Question' }] }],
        threshold: 1,
      },
    };
    expect((await nurse.agent.post('/api/v1/admin/questionnaires', good)).statusCode).toBe(404);
    const created = await admin.agent.post('/api/v1/admin/questionnaires', good);
    expect(created.statusCode).toBe(201);
    expect((await admin.agent.post('/api/v1/admin/questionnaires', good)).statusCode).toBe(409);
    expect((await nurse.agent.get('/api/v1/questionnaires')).json().items.map((q: { code: string }) => q.code)).toContain('eigen_lijst');
  });

  it('keeps Positieve Gezondheid measurements over time and refuses scores outside 0–10', async () => {
    expect((await nurse.agent.post(`/api/v1/persons/${personId}/health-measurements`, { measuredOn: '2026-01-10', scores: scores(4) })).statusCode).toBe(201);
    expect((await nurse.agent.post(`/api/v1/persons/${personId}/health-measurements`, { measuredOn: '2026-06-10', scores: scores(6.5) })).statusCode).toBe(201);
    const bad = await nurse.agent.post(`/api/v1/persons/${personId}/health-measurements`, {
      measuredOn: '2026-06-10',
      scores: { ...scores(5), zingeving: 11 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.scores.zingeving');
    const list = (await nurse.agent.get(`/api/v1/persons/${personId}/health-measurements`)).json().items;
    expect(list.map((m: { measuredOn: string }) => m.measuredOn)).toEqual(['2026-01-10', '2026-06-10']);
    expect(list[1].scores.meedoen).toBe(6.5);
    const stranger = await signedInAs(t, await withOrganisation(t.db, scene, 'wijkteam'), 'professional');
    expect((await stranger.agent.get(`/api/v1/persons/${personId}/health-measurements`)).statusCode).toBe(404);
    const log = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.subjectPersonId, personId), eq(accessLog.userId, nurse.user.id)));
    const seen = new Set(log.map((l) => `${l.eventType}:${l.objectType}`));
    for (const k of ['create:health_measurement', 'read:health_measurement', 'create:questionnaire_response', 'read:questionnaire_response'])
      expect(seen).toContain(k);
  });
});
