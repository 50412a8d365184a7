import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { buildScene, buildUser, TEST_PASSWORD } from './testing/factories.js';
import { Agent, createTestApp, type TestApp } from './testing/harness.js';
import { createTestDatabase } from './testing/test-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(() => t.close());

describe('app', () => {
  it('reports liveness and readiness (database reachable, migrations current)', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready', database: true, migrations: true });
  });

  it('is not ready on a database whose migrations are not applied', async () => {
    const url = await createTestDatabase({ migrated: false });
    const config = loadConfig({ DATABASE_URL: url, SECRET_KEY: 'b'.repeat(64), LOG_LEVEL: 'silent' });
    const database = openDatabase(url, 2);
    const app = await buildApp({ config, database, secretKey: config.secretKey! });
    try {
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'not_ready', database: true, migrations: false });
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('serves the OpenAPI document and its docs page', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/admin/users', '/api/v1/admin/access-log']));
    expect((await t.app.inject('/api/docs/')).statusCode).toBe(200);
  });

  it('sets security headers with a strict Content-Security-Policy', async () => {
    const res = await t.app.inject('/healthz');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown API routes with a coded 404', async () => {
    const res = await t.app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('marks the session cookie Secure when served over https (behind a trusted proxy)', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const s = await buildScene(proxied.db);
      const u = await buildUser(proxied.db, { organisationId: s.organisation.id, municipalityIds: [s.municipality.id], role: 'policy' });
      const res = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: u.email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('rate-limits sign-in per IP address', async () => {
    const s = await buildScene(t.db);
    const u = await buildUser(t.db, { organisationId: s.organisation.id, municipalityIds: [s.municipality.id] });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await new Agent(t).post('/api/v1/auth/login', { email: u.email, password: `wrong-${i}-password` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});
