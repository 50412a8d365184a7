import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { getConstructionPlans } from 'pg-boss';
import { dropPgBoss10Schema } from '../jobs.js';

/** The login role the app runs as on the embedded database; the cluster's superuser owns the schema. */
export const APP_ROLE = 'knooppunt_app';
/** pg-boss's schema: the app owns it, since creating a queue creates a table partition at run time. */
export const JOB_SCHEMA = 'pgboss';
// Arbitrary constant: serialises the grants when several instances start at once.
const GRANT_LOCK = 7_513_2027;

function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error('A database role name must be a plain identifier (letters, digits, underscore).');
  return `"${name}"`;
}

/** The user name a postgres:// URL connects as. */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/** The same URL with other credentials. */
export function withCredentials(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Creates the app's login role (no superuser, no CREATEDB/CREATEROLE, no membership), or sets its password. */
export async function ensureLoginRole(pool: pg.Pool, role: string, password: string): Promise<void> {
  const pw = pg.escapeLiteral(password);
  const exists = await pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount) await pool.query(`ALTER ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${pw}`);
  else await pool.query(`CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD ${pw}`);
}

/** The embedded cluster's app role: its password is generated once and kept beside the cluster's own. */
export async function embeddedAppUrl(pool: pg.Pool, ownerUrl: string, dataDir: string): Promise<string> {
  const file = path.join(path.resolve(dataDir), 'pg-app.password');
  let password: string;
  if (existsSync(file)) password = (await readFile(file, 'utf8')).trim();
  else {
    password = randomBytes(18).toString('base64url');
    await writeFile(file, password, { mode: 0o600 });
  }
  await ensureLoginRole(pool, APP_ROLE, password);
  return withCredentials(ownerUrl, APP_ROLE, password);
}

/**
 * Run as the schema owner after the migrations: gives the app's role the rights it needs and no more. Data tables:
 * SELECT, INSERT, UPDATE, DELETE; sequences: USAGE; the migrations journal: SELECT (readiness). The access log:
 * SELECT and INSERT only, and since the owner keeps every table, the app can neither ALTER TABLE … DISABLE TRIGGER
 * nor DROP TRIGGER nor TRUNCATE. pg-boss is installed here by the owner (creating a schema needs rights on the
 * database) and then handed to the app's role, which creates its queues' partitions at run time.
 */
export async function grantAppRole(pool: pg.Pool, role: string): Promise<void> {
  const r = ident(role);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [GRANT_LOCK]);
    try {
      // A pg-boss 10 schema cannot be migrated by pg-boss 12 (ADR 013): the owner replaces it before installing.
      await dropPgBoss10Schema(pool);
      const { rows } = await client.query<{ installed: string | null }>(`SELECT to_regclass('${JOB_SCHEMA}.version') AS installed`);
      if (!rows[0]?.installed) await client.query(getConstructionPlans(JOB_SCHEMA));
      await client.query(`
        GRANT USAGE ON SCHEMA public TO ${r};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
        REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON access_log FROM ${r};
        GRANT USAGE ON SCHEMA drizzle TO ${r};
        GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r};
        DO $$
        DECLARE x record;
        BEGIN
          EXECUTE 'ALTER SCHEMA ${JOB_SCHEMA} OWNER TO ${r}';
          FOR x IN SELECT c.oid::regclass AS rel FROM pg_class c
                   WHERE c.relnamespace = '${JOB_SCHEMA}'::regnamespace AND c.relkind IN ('r', 'p', 'v') LOOP
            EXECUTE format('ALTER TABLE %s OWNER TO ${r}', x.rel);
          END LOOP;
          FOR x IN SELECT p.oid::regprocedure AS fn FROM pg_proc p WHERE p.pronamespace = '${JOB_SCHEMA}'::regnamespace LOOP
            EXECUTE format('ALTER FUNCTION %s OWNER TO ${r}', x.fn);
          END LOOP;
          FOR x IN SELECT t.oid::regtype AS ty FROM pg_type t
                   WHERE t.typnamespace = '${JOB_SCHEMA}'::regnamespace AND t.typtype IN ('e', 'd') LOOP
            EXECUTE format('ALTER TYPE %s OWNER TO ${r}', x.ty);
          END LOOP;
        END $$;
      `);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [GRANT_LOCK]);
    }
  } finally {
    client.release();
  }
}
