import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMunicipality, buildOrganisation, buildProgramme, buildScene, buildService } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
let pro: Agent;
let otherMunicipality: { id: string };
const ids: Record<string, string> = {};

const monthsAgo = (n: number) => new Date(Date.now() - n * 30.5 * 86_400_000);

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  otherMunicipality = await buildMunicipality(t.db, { regionId: scene.region.id });
  pro = (await signedInAs(t, scene, 'professional')).agent;
  const school = await buildOrganisation(t.db, { regionId: scene.region.id, type: 'school' });
  const stevig = await buildProgramme(t.db, { name: 'Stevig Ouderschap' });
  const m = [scene.municipality.id];
  const org = scene.organisation.id;
  ids.zwangerschap = (
    await buildService(t.db, {
      organisationId: org,
      municipalityIds: m,
      name: 'Groepszorg Bloesem',
      description: 'Controles tijdens de zwangerschap in een groep.',
      targetGroups: ['pregnancy'],
      phases: ['steun_op_maat'],
      isPublic: true,
    })
  ).id;
  ids.zwangeren = (
    await buildService(t.db, {
      organisationId: org,
      municipalityIds: [otherMunicipality.id],
      name: 'Inloop Linde',
      summary: 'Spreekuur voor zwangeren en jonge moeders.',
      targetGroups: ['pregnancy', 'parents'],
      phases: ['signaleren'],
      acceptsNewClients: false,
    })
  ).id;
  ids.stevig = (
    await buildService(t.db, {
      organisationId: org,
      municipalityIds: m,
      programmeId: stevig.id,
      name: 'Huisbezoeken eerste jaar',
      summary: 'Extra steun voor ouders.',
      targetGroups: ['age_0_2'],
      accessType: 'referral_needed',
    })
  ).id;
  ids.exact = (await buildService(t.db, { organisationId: org, municipalityIds: m, name: 'Babymassage', summary: 'Ontspanning voor ouder en kind.' })).id;
  ids.mention = (
    await buildService(t.db, {
      organisationId: org,
      municipalityIds: m,
      name: 'Ouder-kindgroep Zon',
      description: 'Wekelijkse groep met spel, zang en soms babymassage.',
    })
  ).id;
  ids.school = (
    await buildService(t.db, {
      organisationId: school.id,
      municipalityIds: m,
      name: 'Ondersteuningsteam Plus',
      targetGroups: ['age_4_7'],
      languages: ['nl', 'ar'],
      lifeDomains: ['meedoen'],
      costType: 'paid',
    })
  ).id;
  ids.stale = (await buildService(t.db, { organisationId: org, municipalityIds: m, name: 'Oude kaart', lastConfirmedAt: monthsAgo(7) })).id;
  ids.fresh = (await buildService(t.db, { organisationId: org, municipalityIds: m, name: 'Nieuwe kaart', lastConfirmedAt: monthsAgo(5) })).id;
  ids.inactive = (await buildService(t.db, { organisationId: org, municipalityIds: m, name: 'Gestopt zwangerschapsaanbod', active: false })).id;
});
afterAll(() => t.close());

const search = async (query: string, agent: Agent = pro) => {
  const res = await agent.get(`/api/v1/directory/services?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; name: string; stale: boolean }[]; total: number };
};
const found = async (query: string) => (await search(query)).items.map((i) => i.id);

describe('sociale kaart search', () => {
  it('"zwanger" finds services described with "zwangerschap" and "zwangeren", not inactive ones', async () => {
    const hits = await found('q=zwanger');
    expect(hits).toEqual(expect.arrayContaining([ids.zwangerschap, ids.zwangeren]));
    expect(hits).not.toContain(ids.inactive);
    expect(hits).not.toContain(ids.exact);
  });

  it('finds the programme despite a typo ("stevig ouderschp") and without accents or case', async () => {
    expect(await found('q=stevig%20ouderschp')).toContain(ids.stevig);
    expect(await found('q=STEVIG%20OUDERSCHAP')).toContain(ids.stevig);
  });

  it('ranks an exact name match above a description match', async () => {
    const hits = await found('q=babymassage');
    expect(hits.slice(0, 2)).toEqual([ids.exact, ids.mention]);
  });

  it('filters by municipality served, target group, phase, access, accepts-new-clients', async () => {
    expect(await found(`q=zwanger&municipalityId=${otherMunicipality.id}`)).toEqual([ids.zwangeren]);
    expect(await found('targetGroup=age_0_2')).toEqual([ids.stevig]);
    expect(await found('targetGroup=age_0_2&targetGroup=age_4_7')).toEqual(expect.arrayContaining([ids.stevig, ids.school]));
    expect(await found('phase=signaleren')).toEqual([ids.zwangeren]);
    expect(await found('accessType=referral_needed')).toEqual([ids.stevig]);
    const accepting = await found('q=zwanger&acceptsNewClients=true');
    expect(accepting).toContain(ids.zwangerschap);
    expect(accepting).not.toContain(ids.zwangeren);
  });

  it('filters by organisation type, language, life domain and cost', async () => {
    expect(await found('organisationType=school')).toEqual([ids.school]);
    expect(await found('language=ar')).toEqual([ids.school]);
    expect(await found('lifeDomain=meedoen')).toEqual([ids.school]);
    expect(await found('costType=paid')).toEqual([ids.school]);
  });

  it('flags records not confirmed for six months as stale', async () => {
    const items = (await search('q=kaart')).items;
    expect(items.find((i) => i.id === ids.stale)?.stale).toBe(true);
    expect(items.find((i) => i.id === ids.fresh)?.stale).toBe(false);
  });

  it('takes the stale period from configuration', async () => {
    const t2 = await createTestApp({ DIRECTORY_STALE_MONTHS: '4' });
    try {
      const s = await buildScene(t2.db);
      const svc = await buildService(t2.db, { organisationId: s.organisation.id, name: 'Vijf maanden oud', lastConfirmedAt: monthsAgo(5) });
      const { agent } = await signedInAs(t2, s, 'professional');
      const res = await agent.get('/api/v1/directory/services?q=vijf');
      expect(res.json().items.find((i: { id: string }) => i.id === svc.id).stale).toBe(true);
    } finally {
      await t2.close();
    }
  });

  it('pages through results with a total', async () => {
    const first = await search('perPage=2&page=1');
    const second = await search('perPage=2&page=2');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(8);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it('never errors on any search text: quotes, wildcards, backslashes, SQL, emoji, 10,000 characters', async () => {
    const nasty = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.constantFrom("'", '"', '%', '_', '\\', "'); DROP TABLE services; --", 'a & b | !c', 'zwanger:*', '<->', '👶🏽🍼', 'x'.repeat(10_000), '   ', ''),
    );
    await fc.assert(
      fc.asyncProperty(nasty, async (q) => {
        const res = await pro.get(`/api/v1/directory/services?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
        const people = await pro.get(`/api/v1/directory/people?q=${encodeURIComponent(q)}`);
        expect(people.statusCode).toBe(200);
      }),
      { numRuns: 60 },
    );
  });

  it('is for signed-in users; the public search shows only public services', async () => {
    const anon = new Agent(t);
    expect((await anon.get('/api/v1/directory/services?q=zwanger')).statusCode).toBe(401);
    const res = await anon.get('/api/v1/public/services?q=zwanger');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([ids.zwangerschap]);
    expect((await anon.get(`/api/v1/public/services/${ids.zwangeren}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/v1/public/services/${ids.zwangerschap}`)).statusCode).toBe(200);
  });

  it('exports the current result as CSV and logs the export', async () => {
    const res = await pro.get('/api/v1/directory/services.csv?q=zwanger');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('Aanbod;Organisatie');
    expect(lines).toHaveLength(3);
  });
});
