import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Role } from '../../domain/roles.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { persons } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { type buildScene, buildUserWithTotp, TEST_PASSWORD } from './factories.js';
import { createTestDatabase } from './test-db.js';

/** A real app on its own cloned database, driven through `inject()`; application logs are captured. */
export async function createTestApp(env: Record<string, string> = {}) {
  const url = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: url,
    SECRET_KEY: randomBytes(32).toString('hex'),
    DEMO_MODE: 'false',
    LOG_LEVEL: 'info',
    WEB_DIST_DIR: './nonexistent',
    ...env,
  });
  const database = openDatabase(url, 5);
  const deps: AppDeps = { config, database, secretKey: config.secretKey! };
  const logs: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const app = await buildApp(deps, { logStream });
  await app.ready();
  return {
    app,
    deps,
    db: database.db,
    logs,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Agent {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(private readonly t: TestApp) {}

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = `kp_session=${this.cookie}`;
    if (this.csrf && opts.method && opts.method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.t.app.inject({ ...opts, headers });
    const set = res.cookies.find((c) => c.name === 'kp_session');
    if (set) this.cookie = set.value || undefined;
    const body = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
    if (body && typeof body.csrfToken === 'string') this.csrf = body.csrfToken;
    return res;
  }
  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: unknown) => this.request({ method: 'POST', url, payload: (payload ?? {}) as object });
  patch = (url: string, payload: unknown) => this.request({ method: 'PATCH', url, payload: payload as object });
  put = (url: string, payload: unknown) => this.request({ method: 'PUT', url, payload: payload as object });
  delete = (url: string) => this.request({ method: 'DELETE', url });

  /** Signs in; with a TOTP secret it also passes the second factor. */
  async signIn(email: string, password: string, totpSecret?: string) {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    if (totpSecret && res.json().mfa === 'verify') {
      const v = await this.post('/api/v1/auth/2fa/verify', { code: await generate({ secret: totpSecret }) });
      if (v.statusCode !== 200) throw new Error(`2fa failed: ${v.body}`);
    }
    return res;
  }
}

/** A user of the scene's organisation with TOTP, signed in through both factors. */
export async function signedInAs(
  t: TestApp,
  scene: Awaited<ReturnType<typeof buildScene>>,
  role: Role,
  o: { directoryEditor?: boolean; intakeRight?: boolean } = {},
) {
  const { user, secret } = await buildUserWithTotp(t.db, t.deps.secretKey, {
    organisationId: scene.organisation.id,
    municipalityIds: [scene.municipality.id],
    role,
    directoryEditor: o.directoryEditor,
    intakeRight: o.intakeRight,
  });
  const agent = new Agent(t);
  await agent.signIn(user.email, TEST_PASSWORD, secret);
  return { agent, user };
}

/**
 * A second professional registers involvement with a person someone else recorded, the way she would: with the
 * person's name, date and the postcode and house number she holds (ADR 015). Test set-up gives the record an
 * address first when it has none.
 */
export async function alsoInvolved(t: TestApp, who: { agent: Agent }, personId: string, durationMonths = 6) {
  const [p] = await t.db.select().from(persons).where(eq(persons.id, personId));
  if (!p) throw new Error(`no person ${personId}`);
  if (!p.address || !p.postcode) await t.db.update(persons).set({ address: 'Teststraat 1', postcode: '1234AB' }).where(eq(persons.id, personId));
  const res = await who.agent.post('/api/v1/involvements', {
    durationMonths,
    person: {
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      dueDate: p.dateOfBirth ? null : p.dueDate,
      householdRole: p.householdRole,
      address: p.address ?? 'Teststraat 1',
      postcode: p.postcode ?? '1234AB',
      municipalityId: p.municipalityId,
    },
  });
  if (res.json().person?.id !== personId) throw new Error(`registration did not link to ${personId}: ${res.body}`);
  return res;
}
