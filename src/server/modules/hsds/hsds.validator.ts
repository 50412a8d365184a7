import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The Open Referral HSDS 3.0 JSON schemas, vendored in ./schema (CC BY-SA 4.0, see ./schema/LICENSE). */
const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');

export type HsdsSchemaName =
  | 'service'
  | 'organization'
  | 'location'
  | 'service_at_location'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'compiled/service_list'
  | 'compiled/organization_list'
  | 'compiled/service_at_location_list';

let ajv: Ajv | undefined;

function load(): Ajv {
  if (ajv) return ajv;
  // The schemas carry Frictionless Data keywords (constraints, datapackage_type, core…) that JSON Schema ignores.
  const a = new Ajv({ strict: false, allErrors: true });
  addFormats(a);
  // "csv" marks Frictionless CSV serialisation hints, not a string format to check.
  a.addFormat('csv', true);
  for (const dir of ['', 'compiled/']) {
    for (const file of readdirSync(path.join(SCHEMA_DIR, dir)).filter((f) => f.endsWith('.json'))) {
      a.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, dir, file), 'utf8')), `${dir}${file}`);
    }
  }
  ajv = a;
  return a;
}

const cache = new Map<string, ValidateFunction>();

/** Validates a value against one HSDS 3.0 schema; returns the problems as `path: message` lines. */
export function validateHsds(name: HsdsSchemaName, value: unknown): { valid: boolean; errors: { path: string; message: string }[] } {
  let fn = cache.get(name);
  if (!fn) {
    fn = load().getSchema(`${name}.json`);
    if (!fn) throw new Error(`unknown HSDS schema ${name}`);
    cache.set(name, fn);
  }
  const valid = fn(value) as boolean;
  return { valid, errors: (fn.errors ?? []).map((e: ErrorObject) => ({ path: e.instancePath || '/', message: e.message ?? e.keyword })) };
}
