import type { Config } from './config.js';
import type { Database } from './db/client.js';

/** What the app is built from: one config, one database, one deployment key. */
export interface AppDeps {
  config: Config;
  database: Database;
  secretKey: Buffer;
}
