import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { seedDemo } from '../../seed/demo.js';
import { seedDemoDirectory } from '../../seed/demo-directory.js';
import { generateDirectory } from '../../testing/directory-generator.js';
import { buildScene } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { termId } from './hsds.taxonomy.js';
import { type HsdsSchemaName, validateHsds } from './hsds.validator.js';

type Page = { total_items: number; total_pages: number; page_number: number; size: number; contents: Record<string, unknown>[] };

function expectValid(schema: HsdsSchemaName, value: unknown) {
  const r = validateHsds(schema, value);
  expect(r.errors, `${schema}: ${JSON.stringify(r.errors.slice(0, 5))}`).toEqual([]);
}

/** Calls every HSDS endpoint and validates each answer (and every item of every page) against the schemas. */
async function validateEverything(agent: Agent) {
  const get = async (url: string) => {
    const res = await agent.get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };
  const counts: Record<string, number> = {};
  for (const full of [false, true]) {
    const first: Page = await get(`/hsds/services?per_page=100&full=${full}`);
    for (let p = 1; p <= first.total_pages; p++) {
      const pg: Page = p === 1 ? first : await get(`/hsds/services?per_page=100&page=${p}&full=${full}`);
      for (const s of pg.contents) expectValid(full ? 'service' : 'compiled/service_list', s);
      counts[`services${full ? '_full' : ''}`] = (counts[`services${full ? '_full' : ''}`] ?? 0) + pg.size;
    }
  }
  const list: Page = await get('/hsds/services?per_page=5');
  for (const s of list.contents) expectValid('service', await get(`/hsds/services/${s.id}`));

  for (const full of [false, true]) {
    const orgs: Page = await get(`/hsds/organizations?per_page=500&full=${full}`);
    for (const o of orgs.contents) expectValid(full ? 'organization' : 'compiled/organization_list', o);
  }
  const orgs: Page = await get('/hsds/organizations?per_page=5');
  for (const o of orgs.contents) expectValid('organization', await get(`/hsds/organizations/${o.id}`));

  const sals: Page = await get('/hsds/service_at_locations?per_page=500');
  for (const x of sals.contents) expectValid('compiled/service_at_location_list', x);
  for (const x of sals.contents.slice(0, 5)) expectValid('service_at_location', await get(`/hsds/service_at_locations/${x.id}`));

  const taxonomies: Page = await get('/hsds/taxonomies');
  for (const x of taxonomies.contents) {
    expectValid('taxonomy', x);
    expectValid('taxonomy', await get(`/hsds/taxonomies/${x.id}`));
  }
  const terms: Page = await get('/hsds/taxonomy_terms?per_page=500');
  for (const x of terms.contents) expectValid('taxonomy_term', x);
  expectValid('taxonomy_term', await get(`/hsds/taxonomy_terms/${terms.contents[0]!.id}`));
  return { counts, services: list, serviceAtLocations: sals.total_items, terms: terms.total_items };
}

describe('HSDS 3.0 read API on the demo data', () => {
  let t: TestApp;
  const contactReads = async () => (await t.db.select().from(accessLog).where(eq(accessLog.objectType, 'service_contacts'))).length;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db);
    await seedDemoDirectory(t.db);
  });
  afterAll(() => t.close());

  it('validates every endpoint against the HSDS 3.0 schemas, anonymous and signed in', async () => {
    const anon = await validateEverything(new Agent(t));
    const scene = await buildScene(t.db);
    const { agent } = await signedInAs(t, scene, 'professional');
    const signedIn = await validateEverything(agent);
    expect(anon.counts.services).toBe(9);
    expect(signedIn.counts.services).toBe(14);
    expect(signedIn.counts.services_full).toBe(14);
    expect(anon.serviceAtLocations).toBeGreaterThan(0);
  });

  it('carries Dutch data: pregnancy week, CBS codes, our taxonomy; named contacts only when signed in', async () => {
    const anon = new Agent(t);
    const page = (await anon.get('/hsds/services?search=VoorZorg&full=true')).json() as Page;
    const voorzorg = page.contents.find((s) => s.name === 'VoorZorg Parkstad') as Record<string, unknown> & {
      attributes: { taxonomy_term: { code: string }; value?: string }[];
      service_areas: { extent: string }[];
      contacts?: unknown[];
    };
    expect(voorzorg.attributes.find((a) => a.taxonomy_term.code === 'pregnancy_from_week')?.value).toBe('16');
    expect(voorzorg.attributes.some((a) => a.taxonomy_term.code === 'pregnancy')).toBe(true);
    expect(voorzorg.service_areas.map((a) => a.extent).sort()).toEqual(['GM0882', 'GM0928', 'GM0981']);
    expect(voorzorg.contacts).toBeUndefined();
    const scene = await buildScene(t.db);
    const { agent } = await signedInAs(t, scene, 'professional');
    const full = (await agent.get(`/hsds/services/${voorzorg.id}`)).json();
    expect(full.contacts.map((c: { name: string }) => c.name)).toEqual(['Joke Janssen']);
    // Named contacts are professionals' details: each signed-in full response is in the access log, cached or not.
    const before = await contactReads();
    await agent.get('/hsds/services?full=true');
    await agent.get('/hsds/services?full=true');
    expect((await contactReads()) - before).toBe(2);
  });

  it('filters by taxonomy term, organization and modified_after, and pages', async () => {
    const anon = new Agent(t);
    const pregnancy = (await anon.get(`/hsds/services?taxonomy_term_id=${termId('doelgroep', 'pregnancy')}`)).json() as Page;
    expect(pregnancy.total_items).toBeGreaterThan(0);
    expect(pregnancy.total_items).toBeLessThan(9);
    const future = (await anon.get(`/hsds/services?modified_after=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json() as Page;
    expect(future).toMatchObject({ total_items: 0, empty: true, contents: [] });
    const paged = (await anon.get('/hsds/services?per_page=3&page=2')).json() as Page;
    expect(paged).toMatchObject({ page_number: 2, size: 3, total_pages: 3 });
    expect((await anon.get('/hsds/services?taxonomy_term_id=00000000-0000-4000-8000-000000000000')).statusCode).toBe(400);
    expect((await anon.get('/hsds/services/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('HSDS totals and caching', () => {
  it('keeps total_items exact when services and organisations change, and never serves a stale cached page', async () => {
    const t = await createTestApp();
    try {
      await seedDemo(t.db);
      await seedDemoDirectory(t.db);
      const anon = new Agent(t);
      const total = async () => ((await anon.get('/hsds/services?per_page=2')).json() as Page).total_items;
      expect(await total()).toBe(9);
      await t.db.execute(sql`UPDATE services SET is_public = false WHERE name = 'VoorZorg Parkstad'`);
      expect(await total()).toBe(8);
      const [jgz] = (await t.db.execute<{ id: string }>(sql`SELECT id FROM organisations WHERE name = 'JGZ Zuid-Limburg (demo)'`)).rows;
      await t.db.execute(sql`UPDATE organisations SET active = false WHERE id = ${jgz!.id}`);
      expect(await total()).toBe(7);
      await t.db.execute(sql`UPDATE organisations SET active = true WHERE id = ${jgz!.id}`);
      await t.db.execute(sql`DELETE FROM service_locations WHERE service_id IN (SELECT id FROM services WHERE name = 'Opvoedspreekuur CJG')`);
      await t.db.execute(sql`DELETE FROM services WHERE name = 'Opvoedspreekuur CJG'`);
      expect(await total()).toBe(7);
      const listed = ((await anon.get('/hsds/services?per_page=50')).json() as Page).contents.map((c) => c.name);
      expect(listed).not.toContain('Opvoedspreekuur CJG');
      expect(listed).not.toContain('VoorZorg Parkstad');
    } finally {
      await t.close();
    }
  });
});

describe('HSDS 3.0 read API on generated data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await generateDirectory(t.db, { organisations: 40, services: 250, people: 120, seed: 42 });
  });
  afterAll(() => t.close());

  it('validates every endpoint against the HSDS 3.0 schemas', async () => {
    const scene = await buildScene(t.db);
    const { agent } = await signedInAs(t, scene, 'professional');
    const r = await validateEverything(agent);
    expect(r.counts.services).toBe(250);
    await validateEverything(new Agent(t));
  });
});
