/**
 * The web app's contract with the API: writes the server's OpenAPI document and the TypeScript types generated from it
 * (openapi-typescript) into src/web/lib/generated/. `npm run api:generate` after changing a route's schema; a unit test
 * (src/server/openapi-contract.test.ts) fails while the committed files are stale, so the contract cannot drift.
 *
 * The document comes from the app itself, built as the tests build it (no listen, no database connection: the pool
 * connects on the first query and building the routes runs none).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_DIR = path.join(root, 'src/web/lib/generated');
export const DOCUMENT_FILE = path.join(GENERATED_DIR, 'openapi.json');
export const TYPES_FILE = path.join(GENERATED_DIR, 'schema.d.ts');

/** The OpenAPI document exactly as `/api/openapi.json` serves it. */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const config = loadConfig({
    // Never connected: building the app queries nothing; a closed loopback port makes any accidental query fail fast.
    DATABASE_URL: 'postgres://openapi@127.0.0.1:9/openapi',
    SECRET_KEY: '0'.repeat(64),
    DEMO_MODE: 'false',
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: './nonexistent',
  });
  const database = openDatabase(config.databaseUrl!, 1);
  const app = await buildApp({ config, database, secretKey: config.secretKey! });
  try {
    await app.ready();
    return JSON.parse(JSON.stringify(app.swagger())) as OpenAPI3;
  } finally {
    await app.close();
    await database.close();
  }
}

/** The committed text of the document: stable key order as Fastify produces it, two-space indent, final newline. */
export const documentText = (doc: OpenAPI3) => `${JSON.stringify(doc, null, 2)}\n`;

/** TypeScript types of every path, operation and schema of the document. */
export async function generateTypes(doc: OpenAPI3): Promise<string> {
  // defaultNonNullable off: a request field with a default (most optional inputs) stays optional for the web app.
  const ast = await openapiTS(doc, { defaultNonNullable: false, silent: true });
  return COMMENT_HEADER + astToString(ast);
}

/** Both generated files, in memory. */
export async function generateContract() {
  const doc = await buildOpenApiDocument();
  return { document: documentText(doc), types: await generateTypes(doc) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { document, types } = await generateContract();
  await writeFile(DOCUMENT_FILE, document);
  await writeFile(TYPES_FILE, types);
  console.log(`wrote ${path.relative(root, DOCUMENT_FILE)} and ${path.relative(root, TYPES_FILE)}`);
}
