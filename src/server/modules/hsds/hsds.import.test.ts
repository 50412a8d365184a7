import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalities, recordChanges, regions, services } from '../../db/schema.js';
import { seedDemo } from '../../seed/demo.js';
import { seedDemoDirectory } from '../../seed/demo-directory.js';
import { buildScene } from '../../testing/factories.js';
import { type Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { PROCESS_TEST_GUARD_MS, runScript } from '../../testing/processes.js';

type Report = Record<'organisations' | 'programmes' | 'locations' | 'services', { created: number; updated: number; unchanged: number }>;

let source: TestApp;
let sourceAdmin: Agent;
let regionId: string;
let exported: { services: Record<string, unknown>[] };

beforeAll(async () => {
  source = await createTestApp();
  await seedDemo(source.db);
  await seedDemoDirectory(source.db);
  const [region] = await source.db.select().from(regions).where(eq(regions.name, 'Zuid-Limburg'));
  regionId = region!.id;
  const scene = { ...(await buildScene(source.db)), region: region! };
  const [kerkrade] = await source.db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
  sourceAdmin = (await signedInAs(source, { ...scene, municipality: kerkrade! }, 'admin')).agent;
  // The admin's organisation sits in the demo region, so the admin administers it.
  const page = (await sourceAdmin.get('/hsds/services?full=true&per_page=500')).json();
  exported = { services: page.contents };
});
afterAll(() => source.close());

const importInto = (agent: Agent, region: string, body: unknown) =>
  agent.request({ method: 'POST', url: `/api/v1/admin/hsds/import?regionId=${region}`, payload: body as object });
const serviceCount = async (t: TestApp) => (await t.db.select({ n: count() }).from(services))[0]!.n;

describe('HSDS import', () => {
  it('re-importing our own export changes nothing (lossless and idempotent)', async () => {
    const res = await importInto(sourceAdmin, regionId, exported);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.services).toEqual({ created: 0, updated: 0, unchanged: 14 });
    expect(report.organisations.created + report.organisations.updated).toBe(0);
    expect(report.locations.created + report.locations.updated).toBe(0);
  });

  it('imports into an empty deployment, then a second import changes nothing', async () => {
    const target = await createTestApp();
    try {
      const scene = await buildScene(target.db);
      for (const [name, cbsCode] of [
        ['Kerkrade', 'GM0928'],
        ['Landgraaf', 'GM0882'],
        ['Vaals', 'GM0981'],
      ] as const)
        await target.db.insert(municipalities).values({ regionId: scene.region.id, name, cbsCode });
      const admin = (await signedInAs(target, scene, 'admin')).agent;
      const first = (await importInto(admin, scene.region.id, exported)).json() as Report;
      expect(first.services).toEqual({ created: 14, updated: 0, unchanged: 0 });
      expect(first.organisations.created).toBe(11);
      expect(first.programmes.created).toBe(6);
      const second = (await importInto(admin, scene.region.id, exported)).json() as Report;
      expect(second.services).toEqual({ created: 0, updated: 0, unchanged: 14 });
      expect(second.organisations).toEqual({ created: 0, updated: 0, unchanged: first.organisations.created });
      // The copy reads back the same as the original.
      const id = (exported.services.find((s) => s.name === 'VoorZorg Parkstad') as { id: string }).id;
      const a = (await sourceAdmin.get(`/api/v1/directory/services/${id}`)).json();
      const b = (await admin.get(`/api/v1/directory/services/${id}`)).json();
      for (const k of [
        'name',
        'summary',
        'pregnancyFromWeek',
        'maxAgeMonths',
        'targetGroups',
        'phases',
        'languages',
        'waitingWeeks',
        'responseNormWorkingDays',
        'accessType',
        'isPublic',
      ])
        expect(b[k], k).toEqual(a[k]);
      expect(b.municipalities.map((m: { name: string }) => m.name)).toEqual(a.municipalities.map((m: { name: string }) => m.name));
      expect(b.locations[0].openingHours).toEqual(a.locations[0].openingHours);
    } finally {
      await target.close();
    }
  });

  it('updates what changed and records it as an import in the history', async () => {
    const changed = structuredClone(exported);
    const s = changed.services.find((x) => x.name === 'Stevig Ouderschap')!;
    s.name = 'Stevig Ouderschap Parkstad';
    const report = (await importInto(sourceAdmin, regionId, changed)).json() as Report;
    expect(report.services).toEqual({ created: 0, updated: 1, unchanged: 13 });
    const history = await source.db
      .select()
      .from(recordChanges)
      .where(eq(recordChanges.recordId, s.id as string));
    expect(history.find((h) => h.kind === 'import' && h.field === 'name')).toMatchObject({
      oldValue: 'Stevig Ouderschap',
      newValue: 'Stevig Ouderschap Parkstad',
    });
    const back = (await importInto(sourceAdmin, regionId, exported)).json() as Report;
    expect(back.services).toEqual({ created: 0, updated: 1, unchanged: 13 });
  });

  it('rejects an invalid file with a list of what is wrong, and writes nothing', async () => {
    const before = await serviceCount(source);
    const bad = structuredClone(exported);
    bad.services[0]!.id = 'not-a-uuid';
    delete bad.services[1]!.name;
    const res = await importInto(sourceAdmin, regionId, bad);
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; code: string; message?: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'services.0.id', code: 'hsds_schema' }),
        expect.objectContaining({ path: 'services.1', code: 'hsds_schema', message: expect.stringContaining('name') }),
      ]),
    );
    expect(await serviceCount(source)).toBe(before);
  });

  it('is all or nothing: one bad municipality or phone number stops the whole import', async () => {
    const before = await serviceCount(source);
    const fresh = structuredClone(exported);
    // Valid new services first, then one with problems our rules catch.
    fresh.services = fresh.services.map((s, i) => ({ ...s, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, service_at_locations: [] }));
    const last = fresh.services.at(-1)!;
    last.service_areas = [{ id: '00000000-0000-4000-8000-00000000aaaa', name: 'Atlantis', extent: 'GM9999' }];
    last.phones = [{ id: '00000000-0000-4000-8000-00000000bbbb', number: '12' }];
    const res = await importInto(sourceAdmin, regionId, fresh);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { path: `services.${fresh.services.length - 1}.service_areas.0`, code: 'unknown_municipality' },
        { path: `services.${fresh.services.length - 1}.phone`, code: 'invalid_phone' },
      ]),
    );
    expect(await serviceCount(source)).toBe(before);
    expect((await importInto(sourceAdmin, regionId, { nothing: true })).statusCode).toBe(422);
  });

  it('is for admins of that region only', async () => {
    const scene = await buildScene(source.db);
    const coordinator = (await signedInAs(source, scene, 'coordinator')).agent;
    expect((await importInto(coordinator, regionId, exported)).statusCode).toBe(404);
    const foreignAdmin = (await signedInAs(source, scene, 'admin')).agent;
    expect((await importInto(foreignAdmin, regionId, exported)).statusCode).toBe(404);
    // Into her own region, the file may not replace organisations of another region (policy.mayImportOverOrganisation).
    const before = await serviceCount(source);
    const res = await importInto(foreignAdmin, scene.region.id, exported);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'organisation_out_of_scope' })]));
    expect(await serviceCount(source)).toBe(before);
  });

  it('runs from the command line: npm run import:hsds -- file.json', { timeout: PROCESS_TEST_GUARD_MS }, async () => {
    const file = path.join(os.tmpdir(), `hsds-${process.pid}.json`);
    await writeFile(file, JSON.stringify(exported));
    const env = { DATABASE_URL: source.deps.config.databaseUrl!, SECRET_KEY: 'a'.repeat(64), DEMO_MODE: 'false' };
    const ok = runScript('cli.ts', ['import:hsds', file, '--region', 'Zuid-Limburg'], env);
    expect(await ok.exited, ok.output()).toBe(0);
    expect(ok.output()).toMatch(/services\s+created 0, updated 0, unchanged 14/);
    await writeFile(file, '{"services": [{"id": "x"}]}');
    const bad = runScript('cli.ts', ['import:hsds', file, '--region', 'Zuid-Limburg'], env);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('nothing was imported');
  });
});
