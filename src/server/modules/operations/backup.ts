import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import { clusterInUse } from '../../db/embedded.js';

/**
 * Cold backup of the embedded database: the whole data directory (cluster, its password, the secret key) in one
 * gzip'd tar file. The embedded package ships no pg_dump, and a file copy is only consistent with the server
 * stopped, so Knooppunt must be stopped first.
 */
export async function backupDataDir(dataDir: string, file: string): Promise<void> {
  const dir = path.resolve(dataDir);
  if (!existsSync(path.join(dir, 'pg', 'PG_VERSION'))) throw new Error(`No embedded database in ${dir}.`);
  if (clusterInUse(dir)) throw new Error('Knooppunt is running on this data directory; stop it before making a backup.');
  await tar.create({ gzip: true, file: path.resolve(file), cwd: dir, portable: false, preservePaths: false }, await readdir(dir));
}

/** Restores a backup into an empty (or absent) data directory; refuses to overwrite existing data. */
export async function restoreDataDir(dataDir: string, file: string): Promise<void> {
  const dir = path.resolve(dataDir);
  if (!existsSync(file)) throw new Error(`Backup file ${file} does not exist.`);
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; restore into an empty data directory.`);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await tar.extract({ file: path.resolve(file), cwd: dir, preserveOwner: true });
}
