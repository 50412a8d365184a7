import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './db/embedded.js';
import { migrateDatabase } from './db/migrate.js';
import { embeddedAppUrl, grantAppRole, roleOfUrl } from './db/roles.js';
import type { AppDeps } from './deps.js';
import { seedDemo } from './seed/demo.js';
import { seedDemoDirectory } from './seed/demo-directory.js';
import { seedDemoEvaluation } from './seed/demo-evaluation.js';
import { seedDemoFamilies } from './seed/demo-families.js';

export interface Runtime {
  deps: AppDeps;
  embedded: EmbeddedServer | null;
  seeded: boolean;
  close(): Promise<void>;
}

/** In demo mode without SECRET_KEY a key is generated once and kept beside the embedded data. */
async function resolveSecretKey(config: Config): Promise<Buffer> {
  if (config.secretKey) return config.secretKey;
  const file = path.resolve(config.dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

/**
 * Brings up everything the app needs: the embedded PostgreSQL (unless DATABASE_URL is set), the pool,
 * migrations (always at start: upgrading is starting the new version) and, in demo mode, the demo data.
 */
export async function openRuntime(config: Config, opts: { migrate?: boolean; seed?: boolean } = {}): Promise<Runtime> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
  let database: Database | undefined;
  try {
    // Two roles (ADR 014): the owner migrates and grants; the app runs as a role that cannot touch the access log's
    // triggers. Embedded: both exist in our own cluster. External: with MIGRATION_DATABASE_URL, else one URL does both.
    const ownerUrl = embedded?.url ?? config.migrationDatabaseUrl ?? config.databaseUrl!;
    const owner = openDatabase(ownerUrl, 2);
    let appUrl = config.databaseUrl ?? embedded!.url;
    try {
      if (opts.migrate !== false) await migrateDatabase(owner.pool);
      if (embedded) appUrl = await embeddedAppUrl(owner.pool, embedded.url, config.dataDir);
      if (embedded || (config.migrationDatabaseUrl && roleOfUrl(appUrl) !== roleOfUrl(ownerUrl))) await grantAppRole(owner.pool, roleOfUrl(appUrl));
    } finally {
      await owner.close();
    }
    database = openDatabase(appUrl, config.dbPoolSize);
    const seeded = opts.seed !== false && config.demoMode ? await seedDemo(database.db) : false;
    if (opts.seed !== false && config.demoMode) await seedDemoDirectory(database.db);
    const secretKey = await resolveSecretKey(config);
    if (opts.seed !== false && config.demoMode) {
      await seedDemoFamilies(database.db, secretKey);
      await seedDemoEvaluation(database.db);
    }
    const db = database;
    return {
      deps: { config, database: db, secretKey },
      embedded,
      seeded,
      async close() {
        await db.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await database?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
}
