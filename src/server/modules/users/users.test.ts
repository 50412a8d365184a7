import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { buildMunicipality, buildOrganisation, buildScene, buildUser, buildUserWithTotp, TEST_PASSWORD } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
let other: Awaited<ReturnType<typeof buildScene>>;
let admin: Agent;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  scene = await buildScene(t.db);
  other = await buildScene(t.db);
  const a = await signedInAs(t, scene, 'admin');
  admin = a.agent;
  adminId = a.user.id;
});
afterAll(() => t.close());

const newUser = (o: Record<string, unknown> = {}) => ({
  email: `nieuw-${Math.random().toString(36).slice(2)}@test.nl`,
  displayName: 'Nina Nieuw',
  role: 'professional',
  organisationId: scene.organisation.id,
  municipalityIds: [scene.municipality.id],
  password: 'Een-sterk-startwachtwoord',
  ...o,
});

describe('admin: users', () => {
  it('creates a user who can then sign in, and logs the creation', async () => {
    const res = await admin.post('/api/v1/admin/users', newUser({ email: 'Nina.Nieuw@Test.nl' }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.email).toBe('nina.nieuw@test.nl');
    expect(body.municipalities).toHaveLength(1);
    const log = await t.db.select().from(accessLog).where(sql`${accessLog.objectId} = ${body.id} AND ${accessLog.eventType} = 'create'`);
    expect(log[0]!.userId).toBe(adminId);
    expect((await new Agent(t).signIn('nina.nieuw@test.nl', 'Een-sterk-startwachtwoord')).json().mfa).toBe('enrol');
    const dup = await admin.post('/api/v1/admin/users', newUser({ email: 'nina.nieuw@test.nl' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('email_taken');
  });

  it('validates input with field paths and writes nothing on failure', async () => {
    const before = await t.db.execute(sql`SELECT count(*)::int AS n FROM users`);
    const res = await admin.post('/api/v1/admin/users', newUser({ email: 'geen-adres', role: 'koning', municipalityIds: [], password: 'kort' }));
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.role', 'body.municipalityIds', 'body.password']));
    const foreign = await admin.post('/api/v1/admin/users', newUser({ municipalityIds: [other.municipality.id] }));
    expect(foreign.json().error.details).toEqual([{ path: 'body.municipalityIds.0', code: 'unknown_municipality' }]);
    const after = await t.db.execute(sql`SELECT count(*)::int AS n FROM users`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('refuses non-admins and hides users of other regions (404)', async () => {
    for (const role of ['coordinator', 'professional', 'policy'] as const) {
      const { agent } = await signedInAs(t, scene, role);
      expect((await agent.get('/api/v1/admin/users')).statusCode).toBe(404);
      expect((await agent.post('/api/v1/admin/users', newUser())).statusCode).toBe(404);
      expect((await agent.get('/api/v1/admin/access-log')).statusCode).toBe(404);
      expect((await agent.get('/api/v1/admin/organisations')).statusCode).toBe(404);
    }
    const stranger = await buildUser(t.db, { organisationId: other.organisation.id, municipalityIds: [other.municipality.id] });
    expect((await admin.get(`/api/v1/admin/users/${stranger.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/admin/users/${stranger.id}`, { version: 1, displayName: 'X y' })).statusCode).toBe(404);
    const list = (await admin.get('/api/v1/admin/users?includeDeactivated=true')).json().items.map((u: { id: string }) => u.id);
    expect(list).not.toContain(stranger.id);
    expect(list).toContain(adminId);
  });

  it('detects concurrent edits by version and logs role changes as such', async () => {
    const u = (await admin.post('/api/v1/admin/users', newUser())).json();
    const ok = await admin.patch(`/api/v1/admin/users/${u.id}`, { version: u.version, role: 'coordinator' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().role).toBe('coordinator');
    const stale = await admin.patch(`/api/v1/admin/users/${u.id}`, { version: u.version, displayName: 'Oude Versie' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const log = await t.db.select().from(accessLog).where(sql`${accessLog.objectId} = ${u.id} AND ${accessLog.eventType} = 'role_change'`);
    expect(log).toHaveLength(1);
  });

  it('deactivates (ending sessions), never hard-deletes a user in the access log, deletes an unused one', async () => {
    const { user: u, secret } = await buildUserWithTotp(t.db, t.deps.secretKey, {
      organisationId: scene.organisation.id,
      municipalityIds: [scene.municipality.id],
    });
    const them = new Agent(t);
    await them.signIn(u.email, TEST_PASSWORD, secret);
    const off = await admin.post(`/api/v1/admin/users/${u.id}/deactivate`, { version: u.version });
    expect(off.json().active).toBe(false);
    expect((await them.get('/api/v1/me')).statusCode).toBe(401);
    const del = await admin.delete(`/api/v1/admin/users/${u.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('user_in_access_log');
    expect((await admin.post(`/api/v1/admin/users/${u.id}/reactivate`, { version: off.json().version })).json().active).toBe(true);

    const unused = (await admin.post('/api/v1/admin/users', newUser())).json();
    expect((await admin.delete(`/api/v1/admin/users/${unused.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/admin/users/${unused.id}`)).statusCode).toBe(404);
  });

  it('grants and withdraws the directory editor right, which takes effect on the next request', async () => {
    const { agent, user } = await signedInAs(t, scene, 'professional');
    const org = (await agent.get(`/api/v1/directory/organisations/${scene.organisation.id}`)).json();
    const body = { name: org.name, version: org.version };
    expect((await agent.put(`/api/v1/directory/organisations/${scene.organisation.id}`, body)).statusCode).toBe(403);
    const granted = await admin.patch(`/api/v1/admin/users/${user.id}`, { version: user.version, directoryEditor: true });
    expect(granted.json().directoryEditor).toBe(true);
    expect((await agent.get('/api/v1/me')).json().user.directoryEditor).toBe(true);
    expect((await agent.put(`/api/v1/directory/organisations/${scene.organisation.id}`, body)).statusCode).toBe(200);
    await admin.patch(`/api/v1/admin/users/${user.id}`, { version: granted.json().version, directoryEditor: false });
    expect((await agent.put(`/api/v1/directory/organisations/${scene.organisation.id}`, { ...body, version: org.version + 1 })).statusCode).toBe(403);
  });

  it('does not let an admin deactivate or demote themselves', async () => {
    expect((await admin.post(`/api/v1/admin/users/${adminId}/deactivate`, { version: 1 })).json().error.code).toBe('cannot_change_self');
    expect((await admin.patch(`/api/v1/admin/users/${adminId}`, { version: 1, role: 'policy' })).json().error.code).toBe('cannot_change_self');
  });

  it('says per user what the admin may do: everything with a colleague, nothing that locks herself out', async () => {
    const colleague = (await admin.post('/api/v1/admin/users', newUser())).json();
    expect(colleague.abilities).toEqual({ edit: true, changeRole: true, deactivate: true, delete: true });
    expect((await admin.get(`/api/v1/admin/users/${adminId}`)).json().abilities).toEqual({ edit: true, changeRole: false, deactivate: false, delete: false });
  });
});

describe('admin: organisations and municipalities', () => {
  it('creates, edits and deactivates organisations within the own region only', async () => {
    const created = await admin.post('/api/v1/admin/organisations', { regionId: scene.region.id, name: 'Kraamzorg Test', type: 'kraamzorg', email: '' });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org.email).toBeNull();
    const edited = await admin.patch(`/api/v1/admin/organisations/${org.id}`, { version: org.version, active: false });
    expect(edited.json().active).toBe(false);
    const list = (await admin.get('/api/v1/admin/organisations')).json().items.map((o: { id: string }) => o.id);
    expect(list).not.toContain(org.id);
    expect((await admin.post('/api/v1/admin/organisations', { regionId: other.region.id, name: 'Elders', type: 'ggz' })).statusCode).toBe(404);
    const foreign = await buildOrganisation(t.db, { regionId: other.region.id });
    expect((await admin.get(`/api/v1/admin/organisations/${foreign.id}`)).statusCode).toBe(404);
    const dup = await admin.post('/api/v1/admin/organisations', { regionId: scene.region.id, name: 'kraamzorg test', type: 'kraamzorg' });
    expect(dup.json().error.code).toBe('name_taken');
  });

  it('manages municipalities of the own region', async () => {
    const m = await admin.post('/api/v1/admin/municipalities', { regionId: scene.region.id, name: 'Simpelveld', cbsCode: 'GM0965' });
    expect(m.statusCode).toBe(201);
    const bad = await admin.post('/api/v1/admin/municipalities', { regionId: scene.region.id, name: 'Voerendaal', cbsCode: '965' });
    expect(bad.json().error.details[0]).toEqual({ path: 'body.cbsCode', code: 'cbs_code_format' });
    const foreign = await buildMunicipality(t.db, { regionId: other.region.id });
    expect((await admin.patch(`/api/v1/admin/municipalities/${foreign.id}`, { version: 1, name: 'Overgenomen' })).statusCode).toBe(404);
    const names = (await admin.get('/api/v1/admin/municipalities')).json().items.map((x: { name: string }) => x.name);
    expect(names).toContain('Simpelveld');
    expect(names).not.toContain(foreign.name);
  });
});
