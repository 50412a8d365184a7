import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { persons } from './db/schema.js';
import { buildScene, buildUser, randomBsn, TEST_PASSWORD, withOrganisation } from './testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from './testing/harness.js';
import { createTestDatabase } from './testing/test-db.js';

// Personal data that must never reach an application log.
const NAME = 'Smeets-Verhoeven';
const DOB = '2003-05-05';
const PHONE = '+31612345678';
const ADDRESS = 'Kerkstraat 17';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
});
afterAll(() => t.close());

const expectErrorBody = (res: { json(): unknown }, code: string) => {
  const body = res.json() as { error: { code: string; message: string; details: unknown[]; requestId: string } };
  expect(body.error).toMatchObject({ code, message: expect.any(String), details: expect.any(Array), requestId: expect.any(String) });
  return body.error;
};

describe('application logs carry no personal data', () => {
  it('a database error with personal data in its parameters is logged with its type, SQLSTATE and request id only', async () => {
    const url = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: url, SECRET_KEY: randomBytes(32).toString('hex'), DEMO_MODE: 'false', LOG_LEVEL: 'info' });
    const database = openDatabase(url, 2);
    const logs: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => logs.push(c.toString()));
    const app = await buildApp({ config, database, secretKey: config.secretKey! }, { logStream });
    // A service that writes a person the database refuses (no such household): Drizzle's error message is the failed
    // query with every parameter, multi-line, and its stack and cause repeat it.
    app.post('/api/v1/test-failing-insert', async () => {
      await database.db.insert(persons).values({
        householdId: crypto.randomUUID(),
        householdRole: 'mother',
        givenName: 'Lotte',
        familyName: NAME,
        familyNameKey: NAME.toLowerCase(),
        dateOfBirth: DOB,
        address: ADDRESS,
        contactPhone: PHONE,
        municipalityId: crypto.randomUUID(),
      });
      return { ok: true };
    });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/test-failing-insert', payload: {} });
      expect(res.statusCode).toBe(500);
      const error = expectErrorBody(res, 'internal');
      const log = logs.join('');
      const line = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
      expect(line).toMatchObject({ reqId: error.requestId, err: { sqlState: '23503' } });
      for (const secret of [NAME, 'Lotte', DOB, PHONE, ADDRESS, 'params', 'insert into']) expect(log.toLowerCase()).not.toContain(secret.toLowerCase());
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('a NUL character in a person refused at validation with its field path, before PostgreSQL sees it', async () => {
    const midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
    const before = t.logs.length;
    const res = await midwife.agent.post('/api/v1/involvements', {
      durationMonths: 12,
      person: { givenName: 'Lotte', familyName: `${NAME}\u0000`, dateOfBirth: DOB, bsn: randomBsn(), municipalityId: scene.municipality.id },
    });
    expect(res.statusCode).toBe(400);
    expect(expectErrorBody(res, 'validation_failed').details).toEqual([{ path: 'body.person.familyName', code: 'nul_character' }]);
    expect(t.logs.slice(before).join('')).not.toContain(NAME);
  });

  it('redacts one-time tokens in the paths of request logs', async () => {
    const secret = `tok${randomBytes(12).toString('hex')}`;
    const before = t.logs.length;
    for (const url of [`/api/v1/public/confirm/${secret}`, `/api/v1/public/experience/${secret}`, `/api/v1/public/surveys/${secret}`])
      await t.app.inject({ method: 'GET', url });
    const log = t.logs.slice(before).join('');
    expect(log).toContain('/api/v1/public/confirm/[redacted]');
    expect(log).toContain('/api/v1/public/surveys/[redacted]');
    expect(log).not.toContain(secret);
  });
});

describe('no 5xx on malformed input, and every error in the documented body', () => {
  it('the router refuses bad percent-encoding and over-long path parameters with the error body', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/persons/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(expectErrorBody(bad, 'bad_request').details).toEqual([{ path: 'path', code: 'FST_ERR_BAD_URL' }]);
    const long = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${'a'.repeat(500)}` });
    expect(long.statusCode).toBe(400);
    expectErrorBody(long, 'bad_request');
  });

  it('invalid JSON, a wrong content type, unknown routes, HEAD and OPTIONS answer the error body', async () => {
    const a = new Agent(t);
    const json = await a.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(json.statusCode).toBe(400);
    expectErrorBody(json, 'bad_request');
    const text = await a.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect(text.statusCode).toBe(415);
    expectErrorBody(text, 'unsupported_media_type');
    const form = await a.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expect(form.statusCode).toBe(415);
    expectErrorBody(form, 'unsupported_media_type');
    expectErrorBody(await t.app.inject({ method: 'GET', url: '/api/v1/nothing' }), 'not_found');
    const options = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/me' });
    expect(options.statusCode).toBe(404);
    expectErrorBody(options, 'not_found');
    const head = await t.app.inject({ method: 'HEAD', url: '/api/v1/nothing' });
    expect(head.statusCode).toBe(404);
  });

  it('a path parameter that is not a UUID, a NUL byte or a number beyond PostgreSQL integer never answers 500', async () => {
    const coordinator = await signedInAs(t, scene, 'coordinator');
    for (const url of ['/api/v1/persons/not-a-uuid', '/api/v1/persons/%00', '/api/v1/cases/not-a-uuid', '/api/v1/signals/12']) {
      const res = await coordinator.agent.get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.requestId).toBeTruthy();
    }
    const nul = await coordinator.agent.get('/api/v1/persons/%00');
    expect(nul.json().error.details).toEqual([{ path: 'params.id', code: 'nul_character' }]);
    // A plan number beyond PostgreSQL's integer used to pass validation and overflow in the query.
    for (const n of [2 ** 31, 2 ** 53]) {
      const res = await coordinator.agent.get(`/api/v1/cases/${crypto.randomUUID()}/plans/${n}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'params.number' }));
    }
  });
});

describe('personal data is not cached', () => {
  it('JSON, CSV and PDF answers under /api carry Cache-Control: no-store', async () => {
    const admin = await signedInAs(t, scene, 'admin');
    const me = await admin.agent.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const csv = await admin.agent.get('/api/v1/admin/access-log.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('no-store');
    const pdf = await admin.agent.get(`/api/v1/monitor.pdf?municipalityId=${scene.municipality.id}&from=2026-01-01&to=2026-03-31`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject('/api/v1/nothing')).headers['cache-control']).toBe('no-store');
  });
});

describe('rate limits', () => {
  it('password change and 2FA reset are rate-limited like sign-in, with the error body', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    onTestFinished(() => limited.close());
    const s = await buildScene(limited.db);
    const u = await buildUser(limited.db, { organisationId: s.organisation.id, municipalityIds: [s.municipality.id], role: 'policy' });
    for (const url of ['/api/v1/account/password', '/api/v1/account/2fa/reset']) {
      const a = new Agent(limited);
      await a.signIn(u.email, TEST_PASSWORD);
      const codes: number[] = [];
      let last: Awaited<ReturnType<Agent['post']>> | undefined;
      for (let i = 0; i < 4; i++) {
        last = await a.post(url, { currentPassword: `wrong-${i}`, newPassword: 'Een-heel-nieuw-wachtwoord-42', password: `wrong-${i}` });
        codes.push(last.statusCode);
      }
      expect(codes.slice(0, 3).every((c) => c !== 429)).toBe(true);
      expect(codes[3]).toBe(429);
      expectErrorBody(last!, 'rate_limited');
    }
  });
});
