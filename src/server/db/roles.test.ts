import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { startJobs } from '../jobs.js';
import { buildScene, buildUser, TEST_PASSWORD } from '../testing/factories.js';
import { createTestDatabase } from '../testing/test-db.js';
import { openDatabase } from './client.js';
import { ensureLoginRole, grantAppRole, withCredentials } from './roles.js';

/** The two-role setup of ADR 014 on a real cluster: the owner migrated (the template) and grants; the app is a plain role. */
const role = `kp_app_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('base64url');
let ownerUrl: string;
let appUrl: string;
let owner: pg.Pool;
let app: pg.Pool;

beforeAll(async () => {
  ownerUrl = await createTestDatabase();
  owner = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  await ensureLoginRole(owner, role, password);
  await grantAppRole(owner, role);
  // Twice: every start grants again (new tables of new migrations), and that must be harmless.
  await grantAppRole(owner, role);
  appUrl = withCredentials(ownerUrl, role, password);
  app = new pg.Pool({ connectionString: appUrl, max: 3 });
});
afterAll(async () => {
  await app?.end();
  await owner?.query(`DROP OWNED BY "${role}"`);
  await owner?.query(`DROP ROLE IF EXISTS "${role}"`);
  await owner?.end();
});

const sqlState = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('the app runs as a least-privileged database role', () => {
  it("the app's role can write and read the access log, but cannot change, delete or truncate its rows", async () => {
    await app.query(`INSERT INTO access_log (event_type, object_type, purpose) VALUES ('read', 'test', 'rechtentest')`);
    const { rows } = await app.query(`SELECT id FROM access_log WHERE purpose = 'rechtentest'`);
    expect(rows).toHaveLength(1);
    expect(await sqlState(app.query(`UPDATE access_log SET purpose = 'weg' WHERE purpose = 'rechtentest'`))).toBe('42501');
    expect(await sqlState(app.query(`DELETE FROM access_log WHERE purpose = 'rechtentest'`))).toBe('42501');
    expect(await sqlState(app.query('TRUNCATE access_log'))).toBe('42501');
  });

  it("the app's role cannot disable or drop the access log's triggers, nor take the table over", async () => {
    expect(await sqlState(app.query('ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_delete'))).toBe('42501');
    expect(await sqlState(app.query('ALTER TABLE access_log DISABLE TRIGGER ALL'))).toBe('42501');
    expect(await sqlState(app.query('DROP TRIGGER access_log_no_update_delete ON access_log'))).toBe('42501');
    expect(await sqlState(app.query(`ALTER TABLE access_log OWNER TO "${role}"`))).toBe('42501');
    expect(await sqlState(app.query('DROP TABLE access_log'))).toBe('42501');
    expect(await sqlState(app.query(`SET session_replication_role = replica`))).toBe('42501');
    expect(await sqlState(app.query('CREATE TABLE public.sneaky (x int)'))).toBe('42501');
  });

  it('the app works as that role: ready, sign-in (which writes the access log) and the job queue', async () => {
    const config = loadConfig({ DATABASE_URL: appUrl, SECRET_KEY: randomBytes(32).toString('hex'), DEMO_MODE: 'false', LOG_LEVEL: 'silent' });
    const database = openDatabase(appUrl, 3);
    const ownerDb = openDatabase(ownerUrl, 1);
    const server = await buildApp({ config, database, secretKey: config.secretKey! });
    try {
      expect((await server.inject('/readyz')).json()).toEqual({ status: 'ready', database: true, migrations: true });
      const s = await buildScene(ownerDb.db);
      const u = await buildUser(ownerDb.db, { organisationId: s.organisation.id, municipalityIds: [s.municipality.id], role: 'policy' });
      const res = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: TEST_PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      const jobs = await startJobs({ config, database, secretKey: config.secretKey! }, () => {}, { pollingIntervalSeconds: 1 });
      await jobs.stop();
    } finally {
      await server.close();
      await database.close();
      await ownerDb.close();
    }
  });
});
