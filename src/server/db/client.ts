import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle; services pass it down so that a change and its access-log entry commit together. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

/** Opens a connection pool; nothing is connected until the first query. */
export function openDatabase(url: string, max = 10): Database {
  // JIT off: our statements are short OLTP reads and writes; on large tables the planner's cost estimates cross the JIT
  // threshold and compiling then costs more (tens of milliseconds) than the query itself.
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'knooppunt', options: '-c jit=off' });
  // An idle client that loses its server connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}
