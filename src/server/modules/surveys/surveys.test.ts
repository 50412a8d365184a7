import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScaleAnswer, SURVEY_TEMPLATE } from '../../../domain/surveys.js';
import { api } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let policy: Signed;
let coordinator: Signed;
let midwife: Signed;
let otherPolicy: Signed;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  policy = await signedInAs(t, scene, 'policy');
  coordinator = await signedInAs(t, scene, 'coordinator');
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  otherPolicy = await signedInAs(t, { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'policy');
});
afterAll(() => t.close());

const tokenOf = (link: string) => new URL(link).pathname.replace('/enquete/', '');
const answer = (token: string, answers: Record<string, ScaleAnswer>) =>
  t.app.inject({
    method: 'POST',
    url: api(`/public/surveys/${token}`),
    payload: { answers },
    remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });

/** `agree` respondents agree with everything, `disagree` disagree; on `know_expertise` the split is given separately. */
async function answerRound(token: string, agree: number, disagree: number, expertise: [number, number]) {
  const all = (v: ScaleAnswer) => Object.fromEntries(SURVEY_TEMPLATE.items.map((i) => [i.id, v])) as Record<string, ScaleAnswer>;
  for (let k = 0; k < agree + disagree; k++) {
    const a = all(k < agree ? 'agree' : 'disagree');
    a.know_expertise = k < expertise[0] ? 'strongly_agree' : k < expertise[0] + expertise[1] ? 'neutral' : 'disagree';
    expect((await answer(token, a)).statusCode).toBe(204);
  }
}

describe('collaboration surveys', () => {
  let surveyId: string;
  let baseline: { id: string; link: string };

  it('starts from the template with the four dimensions, reachability and expertise, and validates a survey', async () => {
    const tpl = (await policy.agent.get(api('/surveys/template'))).json();
    expect(new Set(tpl.items.map((i: { dimension: string }) => i.dimension))).toEqual(
      new Set(['knowing_trusting', 'shared_vision', 'formalisation', 'governance', 'reachability', 'expertise']),
    );
    const dup = await policy.agent.post(api('/surveys'), { ...tpl, municipalityId: scene.municipality.id, items: [tpl.items[0], tpl.items[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toContainEqual(expect.objectContaining({ path: 'body.items.1.id', code: 'duplicate_item' }));
    const created = await policy.agent.post(api('/surveys'), { ...tpl, municipalityId: scene.municipality.id });
    expect(created.statusCode, created.body).toBe(201);
    surveyId = created.json().id;
  });

  it("is for the municipality's policy officers and coordinators; a professional or another municipality gets 404", async () => {
    expect((await coordinator.agent.get(api(`/surveys/${surveyId}`))).statusCode).toBe(200);
    for (const who of [midwife, otherPolicy]) {
      expect((await who.agent.get(api(`/surveys/${surveyId}`))).statusCode).toBe(404);
      expect((await who.agent.post(api(`/surveys/${surveyId}/rounds`), { measurement: 'baseline' })).statusCode).toBe(404);
      expect((await who.agent.get(api(`/surveys?municipalityId=${scene.municipality.id}`))).statusCode).toBe(404);
    }
  });

  it('takes anonymous answers through the link, one measurement of each kind, and refuses unknown items', async () => {
    const res = await policy.agent.post(api(`/surveys/${surveyId}/rounds`), { measurement: 'baseline' });
    expect(res.statusCode, res.body).toBe(201);
    baseline = res.json();
    expect((await policy.agent.post(api(`/surveys/${surveyId}/rounds`), { measurement: 'baseline' })).json().error.details[0]).toEqual({
      path: 'body.measurement',
      code: 'round_exists',
    });
    const form = await t.app.inject({ method: 'GET', url: api(`/public/surveys/${tokenOf(baseline.link)}`) });
    expect(form.json()).toMatchObject({ measurement: 'baseline', open: true, title: SURVEY_TEMPLATE.title });
    const bad = await answer(tokenOf(baseline.link), { nonsense: 'agree' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toEqual({ path: 'body.answers.nonsense', code: 'unknown_item' });
    expect((await answer(tokenOf(baseline.link), {})).json().error.details[0]).toEqual({ path: 'body.answers', code: 'no_answers' });
    expect((await t.app.inject({ method: 'GET', url: api('/public/surveys/xxxxxxxxxxxxxxxxxxxxxxxx') })).statusCode).toBe(404);
    // Nothing that ties an answer to a person is stored.
    await answerRound(tokenOf(baseline.link), 1, 0, [1, 0]);
    const cols = await t.deps.database.pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_responses' ORDER BY 1");
    expect(cols.rows.map((c: { column_name: string }) => c.column_name)).toEqual(['answered_on', 'answers', 'id', 'round_id']);
  });

  it('hides a round with fewer than 10 respondents entirely', async () => {
    const d = (await policy.agent.get(api(`/surveys/${surveyId}`))).json();
    expect(d.rounds[0].respondents).toBeNull();
    expect(d.comparison.items.every((r: { figures: { agree: number | null }[] }) => r.figures[0]!.agree === null)).toBe(true);
  });

  it('compares baseline and interim side by side with the change, suppressing shares that describe fewer than 10', async () => {
    // Baseline: 30 respondents (the one above + 29): 20 agree with everything; expertise 20 of 30 agree (67 %).
    await answerRound(tokenOf(baseline.link), 19, 10, [19, 5]);
    const interim = (await coordinator.agent.post(api(`/surveys/${surveyId}/rounds`), { measurement: 'interim' })).json();
    // Interim: 20 respondents; 10 agree with everything; expertise 10 of 20 (50 %);
    await answerRound(tokenOf(interim.link), 10, 10, [10, 4]);
    const d = (await policy.agent.get(api(`/surveys/${surveyId}`))).json();
    expect(d.comparison.rounds).toEqual([
      { measurement: 'baseline', respondents: 30 },
      { measurement: 'interim', respondents: 20 },
    ]);
    const expertise = d.comparison.items.find((r: { key: string }) => r.key === 'know_expertise');
    expect(expertise.figures[0]).toEqual({ n: 30, agree: 20 / 30 });
    expect(expertise.figures[1]).toEqual({ n: 20, agree: 0.5 });
    expect(expertise.changes).toEqual([-16.7]);
    const reach = d.comparison.items.find((r: { key: string }) => r.key === 'reach_colleague');
    expect(reach.figures.map((f: { agree: number }) => f.agree)).toEqual([20 / 30, 0.5]);
    // A dimension pools its items: knowing_trusting has two, so 40 of 60 answers and 20 of 40.
    const dim = d.comparison.dimensions.find((r: { key: string }) => r.key === 'knowing_trusting');
    expect(dim.figures).toEqual([
      { n: 60, agree: 40 / 60 },
      { n: 40, agree: 0.5 },
    ]);
    // Third round, 14 respondents of whom 12 agree: "86 %" would tell that 2 did not — suppressed, and so is the change.
    const final = (await policy.agent.post(api(`/surveys/${surveyId}/rounds`), { measurement: 'final' })).json();
    await answerRound(tokenOf(final.link), 12, 2, [12, 0]);
    const f = (await policy.agent.get(api(`/surveys/${surveyId}`))).json();
    const e2 = f.comparison.items.find((r: { key: string }) => r.key === 'know_expertise');
    expect(e2.figures[2]).toEqual({ n: 14, agree: null });
    expect(e2.changes).toEqual([-16.7, null]);
  });

  it('stops taking answers once a round is closed', async () => {
    const res = await coordinator.agent.post(api(`/surveys/${surveyId}/rounds/${baseline.id}/close`), {});
    expect(res.statusCode).toBe(204);
    const late = await answer(tokenOf(baseline.link), { trust: 'agree' });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.details[0].code).toBe('survey_closed');
    const d = (await policy.agent.get(api(`/surveys/${surveyId}`))).json();
    expect(d.rounds[0]).toMatchObject({ open: false, respondents: 30 });
  });
});
