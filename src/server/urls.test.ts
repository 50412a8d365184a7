import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpUrl, isHttpUrl } from '../domain/urls.js';
import { organisations } from './db/schema.js';
import { buildOrganisation, buildScene } from './testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from './testing/harness.js';

const HOSTILE = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'file:///etc/passwd',
  '//evil.invalid',
];

describe('links are http(s) only', () => {
  it('the shared schema and the render check refuse script and data URLs', () => {
    for (const v of HOSTILE) {
      expect(httpUrl().safeParse(v).success, v).toBe(false);
      expect(isHttpUrl(v), v).toBe(false);
    }
    expect(httpUrl().safeParse('https://www.ggdzl.nl/jgz').success).toBe(true);
  });
});

describe('links from forms, imports and the database', () => {
  let t: TestApp;
  let scene: Awaited<ReturnType<typeof buildScene>>;
  let admin: Awaited<ReturnType<typeof signedInAs>>;
  beforeAll(async () => {
    t = await createTestApp();
    scene = await buildScene(t.db);
    admin = await signedInAs(t, scene, 'admin');
  });
  afterAll(() => t.close());

  it('the organisation form refuses javascript: and data: websites with the field path', async () => {
    for (const website of ['javascript:alert(1)', 'data:text/html,x']) {
      const res = await admin.agent.post('/api/v1/admin/organisations', { regionId: scene.region.id, name: `Org ${website.length}`, type: 'jgz', website });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'body.website', code: 'invalid_url' }));
    }
  });

  it('the HSDS import refuses an organisation with a javascript: website, naming the field; nothing is imported', async () => {
    const id = crypto.randomUUID();
    const res = await admin.agent.request({
      method: 'POST',
      url: `/api/v1/admin/hsds/import?regionId=${scene.region.id}`,
      payload: { organizations: [{ id, name: 'Kwaadaardig', description: 'x', website: 'javascript:alert(document.cookie)' }] },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'organizations.0.website', code: 'invalid_url' }));
    expect(await t.db.select().from(organisations).where(eq(organisations.id, id))).toEqual([]);
  });

  it('a hostile URL stored in the database is not handed out as a link by the HSDS API', async () => {
    const org = await buildOrganisation(t.db, { regionId: scene.region.id });
    await t.db.update(organisations).set({ website: 'javascript:alert(1)' }).where(eq(organisations.id, org.id));
    const res = await admin.agent.get(`/hsds/organizations/${org.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().website).toBeUndefined();
    expect(res.body).not.toContain('javascript:');
  });
});
