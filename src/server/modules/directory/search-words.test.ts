import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../domain/directory.js';
import en from '../../../web/locales/en.json' with { type: 'json' };
import nl from '../../../web/locales/nl.json' with { type: 'json' };
import { buildPerson, buildScene, buildService } from '../../testing/factories.js';
import { type Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

// What professionals type: words of the field that the services do not use, language names, short typos.
let t: TestApp;
let pro: Agent;
let admin: Agent;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const scene = await buildScene(t.db);
  pro = (await signedInAs(t, scene, 'professional')).agent;
  admin = (await signedInAs(t, scene, 'admin')).agent;
  const org = scene.organisation.id;
  const m = [scene.municipality.id];
  const svc = async (key: string, o: Parameters<typeof buildService>[1]) => {
    ids[key] = (await buildService(t.db, { municipalityIds: m, ...o })).id;
  };
  await svc('geld', {
    organisationId: org,
    name: 'Hulp bij geldzaken, wonen en werk',
    summary: 'Sociaal werkers helpen bij schulden en huisvesting.',
    languages: ['nl', 'pl'],
  });
  await svc('budget', { organisationId: org, name: 'Budgetcoach aan huis', summary: 'Samen overzicht in de post en de rekeningen.' });
  await svc('vertaal', { organisationId: org, name: 'Vertaaldienst zorg en welzijn', summary: 'Vertalers voor gesprekken met ouders.', languages: ['nl'] });
  await svc('zwanger', { organisationId: org, name: 'Groepszorg Bloesem', description: 'Controles tijdens de zwangerschap in een groep.' });
  await svc('arabic', { organisationId: org, name: 'Inloop voor moeders', summary: 'Koffie en vragen over de opvoeding.', languages: ['nl', 'ar', 'ti'] });
  await svc('speel', { organisationId: org, name: 'Speel-o-theek De Ballon', summary: 'Speelgoed lenen voor peuters.' });
  await svc('massage', { organisationId: org, name: 'Babymassage', summary: 'Ontspanning voor ouder en kind.' });
  ids.card = (await buildPerson(t.db, { organisationId: org, name: 'Amal Haddad', jobTitle: 'Wijkverpleegkundige', languages: ['nl', 'ar'] })).id;
});
afterAll(() => t.close());

const found = async (q: string) => {
  const res = await pro.get(`/api/v1/directory/services?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
};

describe('sociale kaart: synonyms from the list', () => {
  it('"schuldhulpverlening" and "financiën" find the services about debts and budgets', async () => {
    for (const q of ['schuldhulpverlening', 'financiën', 'Financien', 'geldzorgen']) {
      const hits = await found(q);
      expect(hits, q).toEqual(expect.arrayContaining([ids.geld, ids.budget]));
      expect(hits, q).not.toContain(ids.zwanger);
    }
  });

  it('"tolk" finds the translation service', async () => {
    expect(await found('tolk')).toEqual([ids.vertaal]);
  });

  it('a service using the typed word ranks above one found through a synonym', async () => {
    expect((await found('schulden')).slice(0, 2)).toEqual([ids.geld, ids.budget]);
  });

  it('every word of the query must still match: a synonym widens one word, not the query', async () => {
    expect(await found('schuldhulpverlening huisvesting')).toEqual([ids.geld]);
  });
});

describe('sociale kaart: languages by name', () => {
  it('"arabisch", "Arabic", "tigrinya" and "Pools" find the services offering those languages', async () => {
    expect(await found('arabisch')).toEqual([ids.arabic]);
    expect(await found('Arabic')).toEqual([ids.arabic]);
    expect(await found('tigrinya')).toEqual([ids.arabic]);
    expect(await found('pools')).toEqual([ids.geld]);
    expect(await found('tolk arabisch')).toEqual([]);
  });

  it('the smoelenboek finds a colleague by a language she speaks', async () => {
    const res = await pro.get('/api/v1/directory/people?q=arabisch');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([ids.card]);
  });

  it('the database knows the Dutch and English name of every language of the vocabulary, as the locale files write them', async () => {
    const names = nl.languages as Record<string, string>;
    const enNames = en.languages as Record<string, string>;
    for (const code of LANGUAGES) {
      const { rows } = await t.db.execute<{ names: string }>(sql`SELECT kp_fold(kp_language_names(ARRAY[${code}]::text[])) AS names`);
      const known = new Set(rows[0]!.names.split(/\s+/));
      const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      for (const word of `${names[code]} ${enNames[code]}`.split(/[^\p{L}]+/u).filter(Boolean)) expect(known, `${code}: ${word}`).toContain(fold(word));
    }
  });
});

describe('sociale kaart: short typos', () => {
  it('"schuldn" finds the debt services and "zwnager" the pregnancy service', async () => {
    expect(await found('schuldn')).toEqual(expect.arrayContaining([ids.geld, ids.budget]));
    expect(await found('zwnager')).toEqual([ids.zwanger]);
  });

  it('a word that resembles nothing finds nothing, and a typo does not match everything', async () => {
    expect(await found('xylofoon')).toEqual([]);
    expect(await found('qwrtz')).toEqual([]);
    const typo = await found('schuldn');
    expect(typo).not.toContain(ids.speel);
    expect(typo).not.toContain(ids.massage);
  });
});

describe('sociale kaart: synonyms maintained by admins', () => {
  it('a group an admin adds takes effect on the next search; changed and deleted, it stops', async () => {
    expect(await found('shantala')).toEqual([]);
    const created = await admin.post('/api/v1/admin/directory-synonyms', { terms: ['Shantala', 'babymassage'] });
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json() as { id: string; terms: string[]; version: number };
    expect(group.terms).toEqual(['shantala', 'babymassage']);
    expect(await found('shantala')).toEqual([ids.massage]);

    const changed = await admin.patch(`/api/v1/admin/directory-synonyms/${group.id}`, { terms: ['shantala', 'speelgoed'], version: group.version });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await found('shantala')).toEqual([ids.speel]);
    const stale = await admin.patch(`/api/v1/admin/directory-synonyms/${group.id}`, { terms: ['shantala', 'kind'], version: group.version });
    expect(stale.statusCode).toBe(409);

    expect((await admin.delete(`/api/v1/admin/directory-synonyms/${group.id}?version=${group.version}`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/v1/admin/directory-synonyms/${group.id}?version=${changed.json().version}`)).statusCode).toBe(204);
    expect(await found('shantala')).toEqual([]);
  });

  it('lists the seeded Dutch groups, filtered by a term, with the abilities', async () => {
    const res = await admin.get('/api/v1/admin/directory-synonyms?q=tolk');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { terms: string[] }[]; abilities: { maintain: boolean } };
    expect(body.abilities).toEqual({ maintain: true });
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((g) => g.terms.some((x) => x.includes('tolk')))).toBe(true);
  });

  it('refuses bad groups with a code per field', async () => {
    const res = await admin.post('/api/v1/admin/directory-synonyms', { terms: ['tolk', 'x', 'a&b', 'y'.repeat(61)] });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; code: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'body.terms.1', code: 'synonym_too_short' },
        { path: 'body.terms.2', code: 'synonym_characters' },
        { path: 'body.terms.3', code: 'synonym_too_long' },
      ]),
    );
    const one = await admin.post('/api/v1/admin/directory-synonyms', { terms: ['tolk'] });
    expect(one.json().error.details).toEqual([{ path: 'body.terms', code: 'synonyms_at_least_two' }]);
    const twice = await admin.post('/api/v1/admin/directory-synonyms', { terms: ['Tolk', 'tolk '] });
    expect(twice.json().error.details).toEqual([{ path: 'body.terms', code: 'synonym_duplicate' }]);
  });

  it('is for admins only: a professional or an editor gets 404 and changes nothing', async () => {
    expect((await pro.get('/api/v1/admin/directory-synonyms')).statusCode).toBe(404);
    expect((await pro.post('/api/v1/admin/directory-synonyms', { terms: ['pizza', 'babymassage'] })).statusCode).toBe(404);
    expect(await found('pizza')).toEqual([]);
  });
});
