import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { buildScene, buildUser, TEST_PASSWORD } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let admin: Agent;
let scene: Awaited<ReturnType<typeof buildScene>>;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  scene = await buildScene(t.db);
  admin = (await signedInAs(t, scene, 'admin')).agent;
});
afterAll(() => t.close());

describe('access log (NEN 7513)', () => {
  it('is append-only in PostgreSQL itself: UPDATE, DELETE and TRUNCATE raise', async () => {
    await expect(t.db.execute(sql`UPDATE access_log SET purpose = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`DELETE FROM access_log`)).rejects.toThrow();
    await expect(t.db.execute(sql`TRUNCATE access_log`)).rejects.toThrow();
    const { rows } = await t.db.execute(sql`SELECT count(*)::int AS n FROM access_log`);
    expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
  });

  it('rolls the log entry back with its action: no entry for a change that did not happen', async () => {
    const before = await t.db.select().from(accessLog).where(sql`${accessLog.eventType} = 'create' AND ${accessLog.objectType} = 'organisation'`);
    await admin.post('/api/v1/admin/organisations', { regionId: scene.region.id, name: 'Eenmalig', type: 'ggz' });
    const dup = await admin.post('/api/v1/admin/organisations', { regionId: scene.region.id, name: 'Eenmalig', type: 'ggz' });
    expect(dup.statusCode).toBe(409);
    const after = await t.db.select().from(accessLog).where(sql`${accessLog.eventType} = 'create' AND ${accessLog.objectType} = 'organisation'`);
    expect(after.length).toBe(before.length + 1);
  });

  it('lets admins filter by user and event type, logs the viewing, and exports CSV', async () => {
    const u = await buildUser(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id], role: 'policy' });
    await new Agent(t).post('/api/v1/auth/login', { email: u.email, password: 'fout-wachtwoord-1' });
    await new Agent(t).signIn(u.email, TEST_PASSWORD);
    const res = await admin.get(`/api/v1/admin/access-log?userId=${u.id}&eventType=login_failed`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      eventType: 'login_failed',
      outcome: 'failure',
      user: { id: u.id },
      userRole: 'policy',
      organisation: { id: scene.organisation.id },
    });
    const period = await admin.get(`/api/v1/admin/access-log?userId=${u.id}&to=2000-01-01T00:00:00Z`);
    expect(period.json().items).toHaveLength(0);
    const csv = await admin.get(`/api/v1/admin/access-log.csv?userId=${u.id}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,occurredAt,eventType/);
    expect(lines).toHaveLength(3);
    const meta = await t.db.select().from(accessLog).where(sql`${accessLog.objectType} = 'access_log'`);
    expect(meta.map((m) => m.eventType)).toEqual(expect.arrayContaining(['read', 'export']));
    const bad = await admin.get('/api/v1/admin/access-log?eventType=peek&limit=9999');
    expect(bad.statusCode).toBe(400);
  });

  it('keeps personal data out of the application log', async () => {
    t.logs.length = 0;
    const bsn = '111222333';
    await admin.post('/api/v1/admin/users?naam=Jansen', {
      email: 'marieke.jansen@voorbeeld.nl',
      displayName: `Marieke Jansen ${bsn}`,
      role: 'professional',
      organisationId: scene.organisation.id,
      municipalityIds: [scene.municipality.id],
      password: 'Een-sterk-startwachtwoord',
    });
    await admin.post('/api/v1/auth/login', { email: 'marieke.jansen@voorbeeld.nl', password: bsn });
    const text = t.logs.join('');
    expect(text).toContain('request completed');
    expect(text).not.toMatch(/Jansen|marieke|111222333|Een-sterk/i);
  });
});
