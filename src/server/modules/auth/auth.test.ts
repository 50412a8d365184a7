import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { generate, generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, sessions } from '../../db/schema.js';
import { buildScene, buildUser, TEST_PASSWORD } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { deleteExpiredSessions } from './auth.repository.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  scene = await buildScene(t.db);
});
afterAll(() => t.close());

const mkUser = (o: Partial<Parameters<typeof buildUser>[1]> = {}) =>
  buildUser(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id], ...o });

describe('sign-in', () => {
  it('answers 401 on /me without a session', async () => {
    const res = await new Agent(t).get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('signs in a policy officer (no 2FA required) and sets a hardened cookie', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    const res = await a.post('/api/v1/auth/login', { email: u.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().mfa).toBeNull();
    const cookie = res.headers['set-cookie']!.toString();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure is set behind https
    const me = await a.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(u.email);
    const log = await t.db.select().from(accessLog).where(sql`${accessLog.userId} = ${u.id} AND ${accessLog.eventType} = 'login'`);
    expect(log).toHaveLength(1);
    expect(log[0]!.ip).toBeTruthy();
  });

  it('gives the same generic answer for a wrong password, an unknown address and a deactivated account', async () => {
    const u = await mkUser();
    const off = await mkUser({ deactivated: true });
    const answers = await Promise.all([
      new Agent(t).post('/api/v1/auth/login', { email: u.email, password: 'wrong-password-123' }),
      new Agent(t).post('/api/v1/auth/login', { email: `nobody-${randomBytes(3).toString('hex')}@x.nl`, password: TEST_PASSWORD }),
      new Agent(t).post('/api/v1/auth/login', { email: off.email, password: TEST_PASSWORD }),
    ]);
    for (const r of answers) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('invalid_credentials');
    }
    const failed = await t.db.select().from(accessLog).where(sql`${accessLog.userId} = ${u.id} AND ${accessLog.eventType} = 'login_failed'`);
    expect(failed).toHaveLength(1);
  });

  it('locks an address after repeated failures, whether or not the account exists', async () => {
    const u = await mkUser({ role: 'policy' });
    const ghost = `ghost-${randomBytes(3).toString('hex')}@x.nl`;
    for (const email of [u.email, ghost]) {
      for (let i = 0; i < 3; i++) expect((await new Agent(t).post('/api/v1/auth/login', { email, password: 'not-the-password' })).statusCode).toBe(401);
      const locked = await new Agent(t).post('/api/v1/auth/login', { email, password: email === u.email ? TEST_PASSWORD : 'x' });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('too_many_attempts');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('rotates the session id at sign-in', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    const first = a.cookie;
    await a.signIn(u.email, TEST_PASSWORD);
    expect(a.cookie).not.toBe(first);
    const old = new Agent(t);
    old.cookie = first;
    expect((await old.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses state-changing requests without the CSRF token, and cross-site origins', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `kp_session=${a.cookie}` }, payload: {} });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_invalid');
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example', host: 'localhost' },
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    await t.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(sql`${sessions.userId} = ${u.id}`);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    await a.signIn(u.email, TEST_PASSWORD);
    await t.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(sql`${sessions.userId} = ${u.id}`);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('sweeps idle and expired sessions from the table', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    const b = new Agent(t);
    await b.signIn(u.email, TEST_PASSWORD);
    await t.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(sql`${sessions.idHash} = encode(sha256(${a.cookie!}::bytea), 'hex')`);
    expect(await deleteExpiredSessions(t.db, 30)).toBeGreaterThanOrEqual(1);
    const left = await t.db.select().from(sessions).where(sql`${sessions.userId} = ${u.id}`);
    expect(left).toHaveLength(1);
    expect((await b.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('rejects malformed input with field paths, never a 500', async () => {
    const res = await new Agent(t).post('/api/v1/auth/login', { email: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect(text.statusCode).toBe(415);
  });
});

describe('two-factor authentication', () => {
  it('makes a professional enrol TOTP before anything else, then verify at every sign-in', async () => {
    const u = await mkUser({ role: 'professional' });
    const a = new Agent(t);
    expect((await a.signIn(u.email, TEST_PASSWORD)).json().mfa).toBe('enrol');
    expect((await a.get('/api/v1/me')).json().session.mfaPending).toBe('enrol');
    expect((await a.post('/api/v1/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'Een-heel-nieuw-wachtwoord' })).json().error.code).toBe(
      'mfa_required',
    );

    const setup = (await a.post('/api/v1/auth/2fa/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Knooppunt:/);
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = setup.manualKey.replace(/ /g, '');
    expect((await a.post('/api/v1/auth/2fa/enable', { code: '000000' })).json().error.code).toBe('mfa_invalid_code');
    expect((await a.post('/api/v1/auth/2fa/enable', { code: await generate({ secret }) })).statusCode).toBe(200);
    expect((await a.get('/api/v1/me')).json().session.mfaPending).toBeNull();
    const log = await t.db.select().from(accessLog).where(sql`${accessLog.objectId} = ${u.id} AND ${accessLog.eventType} = 'mfa_change'`);
    expect(log).toHaveLength(1);

    const b = new Agent(t);
    expect((await b.signIn(u.email, TEST_PASSWORD)).json().mfa).toBe('verify');
    // A code already used for enrolment cannot be replayed.
    expect((await b.post('/api/v1/auth/2fa/verify', { code: await generate({ secret }) })).statusCode).toBe(400);
    expect((await b.post('/api/v1/auth/2fa/setup')).statusCode).toBe(409);
  });

  it('lets demo accounts skip 2FA only in demo mode', async () => {
    const demo = await mkUser({ role: 'admin', isDemo: true });
    expect((await new Agent(t).signIn(demo.email, TEST_PASSWORD)).json().mfa).toBe('enrol');
    const demoApp = await createTestApp({ DEMO_MODE: 'true' });
    try {
      const s = await buildScene(demoApp.db);
      const d = await buildUser(demoApp.db, { organisationId: s.organisation.id, municipalityIds: [s.municipality.id], role: 'admin', isDemo: true });
      const nonDemo = await buildUser(demoApp.db, { organisationId: s.organisation.id, municipalityIds: [s.municipality.id], role: 'admin' });
      const a = new Agent(demoApp);
      expect((await a.signIn(d.email, TEST_PASSWORD)).json().mfa).toBeNull();
      expect((await a.get('/api/v1/me')).json().demoMode).toBe(true);
      expect((await new Agent(demoApp).signIn(nonDemo.email, TEST_PASSWORD)).json().mfa).toBe('enrol');
    } finally {
      await demoApp.close();
    }
  });

  it('verifies with a valid code and locks the second step after repeated wrong codes', async () => {
    const secret = generateSecret();
    const u = await mkUser({ role: 'coordinator', totp: { secret, key: t.deps.secretKey } });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    expect((await a.get('/api/v1/admin/users')).json().error.code).toBe('mfa_required');
    for (let i = 0; i < 3; i++) expect((await a.post('/api/v1/auth/2fa/verify', { code: '123456' })).statusCode).toBe(400);
    expect((await a.post('/api/v1/auth/2fa/verify', { code: await generate({ secret }) })).statusCode).toBe(429);

    const secret2 = generateSecret();
    const v = await mkUser({ role: 'coordinator', totp: { secret: secret2, key: t.deps.secretKey } });
    const b = new Agent(t);
    await b.signIn(v.email, TEST_PASSWORD, secret2);
    expect((await b.get('/api/v1/me')).json().session.mfaPending).toBeNull();
  });

  it('resets the own 2FA only with the password, and then requires a new enrolment', async () => {
    const secret = generateSecret();
    const u = await mkUser({ role: 'professional', totp: { secret, key: t.deps.secretKey } });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD, secret);
    const wrong = await a.post('/api/v1/account/2fa/reset', { password: 'niet-het-wachtwoord' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('body.password');
    const ok = await a.post('/api/v1/account/2fa/reset', { password: TEST_PASSWORD });
    expect(ok.json().mustEnrol).toBe(true);
    expect((await a.get('/api/v1/me')).json().session.mfaPending).toBe('enrol');
  });
});

describe('language preference', () => {
  it('remembers the language on the account and validates it', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    expect((await a.request({ method: 'PUT', url: '/api/v1/account/language', payload: { language: 'en' } })).statusCode).toBe(200);
    expect((await a.get('/api/v1/me')).json().user.language).toBe('en');
    expect((await a.request({ method: 'PUT', url: '/api/v1/account/language', payload: { language: 'de' } })).statusCode).toBe(400);
  });
});

describe('password change', () => {
  it('enforces the password rules and ends other sessions', async () => {
    const u = await mkUser({ role: 'policy' });
    const a = new Agent(t);
    const other = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    await other.signIn(u.email, TEST_PASSWORD);
    const short = await a.post('/api/v1/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'kort' });
    expect(short.json().error.details[0]).toEqual({ path: 'body.newPassword', code: 'password_too_short' });
    const common = await a.post('/api/v1/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'Wachtwoord123!' });
    expect(common.json().error.details[0].code).toBe('password_too_common');
    const ok = await a.post('/api/v1/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'Fietsen-langs-de-Worm-42' });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/v1/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/me')).statusCode).toBe(401);
    await new Agent(t).signIn(u.email, 'Fietsen-langs-de-Worm-42');
  });
});

describe('what the user may do in the app', () => {
  it('answers /me with the abilities of the role: a coordinator does care work and coordinates, a policy officer monitors', async () => {
    const coordinator = await signedInAs(t, scene, 'coordinator');
    const policy = await signedInAs(t, scene, 'policy');
    const admin = await signedInAs(t, scene, 'admin');
    const editor = await signedInAs(t, scene, 'professional', { directoryEditor: true });
    expect((await coordinator.agent.get('/api/v1/me')).json().abilities).toEqual({
      administer: false,
      careWork: true,
      coordinate: true,
      monitor: true,
      maintainDirectory: false,
      notifications: true,
      breakGlass: false,
    });
    expect((await policy.agent.get('/api/v1/me')).json().abilities).toEqual({
      administer: false,
      careWork: false,
      coordinate: false,
      monitor: true,
      maintainDirectory: false,
      notifications: true,
      breakGlass: false,
    });
    expect((await admin.agent.get('/api/v1/me')).json().abilities).toMatchObject({ administer: true, careWork: false, maintainDirectory: true });
    expect((await editor.agent.get('/api/v1/me')).json().abilities).toMatchObject({
      careWork: true,
      coordinate: false,
      monitor: false,
      maintainDirectory: true,
    });
  });

  it('allows nothing before the second factor is passed', async () => {
    const u = await mkUser({ role: 'coordinator' });
    const a = new Agent(t);
    await a.signIn(u.email, TEST_PASSWORD);
    const abilities = (await a.get('/api/v1/me')).json().abilities;
    expect(Object.values(abilities).every((v) => v === false)).toBe(true);
  });
});
