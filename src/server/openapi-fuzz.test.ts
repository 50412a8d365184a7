import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScene, withOrganisation } from './testing/factories.js';
import { type Agent, createTestApp, signedInAs, type TestApp } from './testing/harness.js';

/**
 * Walks every operation of our own OpenAPI document with malformed path values, query values and bodies, signed
 * in as roles that reach the routes, and asserts that nothing answers 5xx and that every error has the documented
 * body. Deterministic: no random values, so a failure names the same request every run.
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  nullable?: boolean;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
}
type Leaf = { path: (string | number)[]; kind: 'string' | 'integer' | 'number' };

const UUID = '00000000-0000-4000-8000-000000000001';
const INT32_OVER = 2 ** 31;
const BEYOND_SAFE = 2 ** 53;

/** A value that fits the schema as well as we can tell without knowing the domain; its leaves are collected. */
function sample(s: Schema | undefined, path: (string | number)[], leaves: Leaf[], depth = 0): unknown {
  if (!s || depth > 6) return null;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null' && !(x.enum && x.enum.length === 1 && x.enum[0] === '')) ?? alt[0], path, leaves, depth + 1);
  if (s.allOf) return sample(Object.assign({}, ...s.allOf), path, leaves, depth + 1);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'string': {
      leaves.push({ path, kind: 'string' });
      if (s.format === 'uuid') return UUID;
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'date-time') return '2026-03-02T10:00:00.000Z';
      if (s.format === 'email') return 'fuzz@example.org';
      if (s.format === 'uri') return 'https://example.org/';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    }
    case 'integer':
      leaves.push({ path, kind: 'integer' });
      return Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1));
    case 'number':
      leaves.push({ path, kind: 'number' });
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(s.items, [...path, 0], leaves, depth + 1)];
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) o[k] = sample(v, [...path, k], leaves, depth + 1);
      return o;
    }
    default:
      return null;
  }
}

function withLeaf(value: unknown, path: (string | number)[], leafValue: unknown): unknown {
  if (path.length === 0) return leafValue;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = withLeaf(copy[head!], rest, leafValue);
  return copy;
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Signing out would end the agents' sessions halfway through the walk.
      if (path === '/api/v1/auth/logout') continue;
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema,
      });
    }
  return ops;
}

const validPathValue = (p: Parameter) => (p.schema?.type === 'integer' || p.schema?.type === 'number' ? '1' : p.schema?.enum ? String(p.schema.enum[0]) : UUID);
function urlFor(op: Operation, pathValues: Record<string, string> = {}, query = ''): string {
  let url = op.path;
  for (const p of op.parameters.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, pathValues[p.name] ?? validPathValue(p));
  return query ? `${url}?${query}` : url;
}
function validQuery(op: Operation, except?: string): string[] {
  const parts: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'query' && x.name !== except)) {
    const v = sample(p.schema, [], []);
    if ((p as { required?: boolean }).required && v !== null) parts.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(String(v))}`);
  }
  return parts;
}

const PATH_VALUES = ['%00', 'a%00b', 'x'.repeat(150), '%E0%A4%A', '%', 'not-a-uuid', String(INT32_OVER), String(BEYOND_SAFE), '-1', '1.5'];
const QUERY_VALUES = ['%00', 'a%00b', String(INT32_OVER), String(BEYOND_SAFE), '-2147483649', 'not-a-uuid', '', '1e400', '%E0%A4%A'];

interface Case {
  label: string;
  method: string;
  url: string;
  payload?: string;
}

function casesFor(op: Operation, full: boolean): Case[] {
  const cases: Case[] = [];
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  const leaves: Leaf[] = [];
  const body = op.body ? sample(op.body, [], leaves) : {};
  const json = (v: unknown) => JSON.stringify(v);
  const baseQuery = validQuery(op).join('&');
  const base = (url: string, payload: unknown = body): Case => ({ label: '', method: op.method, url, ...(hasBody ? { payload: json(payload) } : {}) });

  for (const p of op.parameters.filter((x) => x.in === 'path'))
    for (const v of full ? PATH_VALUES : PATH_VALUES.slice(0, 6))
      cases.push({ ...base(urlFor(op, { [p.name]: v }, baseQuery)), label: `path ${p.name}=${v.slice(0, 20)}` });
  if (full)
    for (const p of op.parameters.filter((x) => x.in === 'query')) {
      const rest = validQuery(op, p.name);
      for (const v of QUERY_VALUES)
        cases.push({ ...base(urlFor(op, {}, [...rest, `${encodeURIComponent(p.name)}=${v}`].join('&'))), label: `query ${p.name}=${v}` });
      cases.push({ ...base(urlFor(op, {}, [...rest, `${p.name}=1`, `${p.name}=2`].join('&'))), label: `query ${p.name} twice` });
    }
  if (hasBody) {
    const url = urlFor(op, {}, baseQuery);
    for (const wrong of [[], 'x', 42, null, { __proto__: { admin: true } }]) cases.push({ ...base(url, wrong), label: `body ${json(wrong)}` });
    if (full) {
      for (const leaf of leaves.slice(0, 60)) {
        const at = leaf.path.join('.') || '(root)';
        if (leaf.kind === 'string') cases.push({ ...base(url, withLeaf(body, leaf.path, 'fuzz\u0000nul')), label: `body ${at} NUL` });
        else {
          for (const n of [INT32_OVER, BEYOND_SAFE, -INT32_OVER - 1]) cases.push({ ...base(url, withLeaf(body, leaf.path, n)), label: `body ${at}=${n}` });
        }
        cases.push({ ...base(url, withLeaf(body, leaf.path, { nested: ['x'] })), label: `body ${at} wrong type` });
      }
    }
  }
  return cases;
}

/** The documented error body: a code, a message, details and the request id; validation errors name their fields. */
function problemsOf(c: Case, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 200)}`;
  if (res.statusCode < 400 || c.method === 'HEAD') return null;
  let body: { error?: { code?: unknown; requestId?: unknown; message?: unknown; details?: { path?: unknown }[] } };
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} with a body that is not JSON`;
  }
  const e = body.error;
  if (!e || typeof e.code !== 'string' || typeof e.requestId !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details))
    return `${res.statusCode} without the error body: ${res.body.slice(0, 200)}`;
  if (e.code === 'validation_failed' && (!e.details.length || e.details.some((d) => typeof d.path !== 'string' || d.path === '')))
    return `validation_failed without field paths: ${res.body.slice(0, 200)}`;
  return null;
}

let t: TestApp;
let ops: Operation[];
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await createTestApp();
  const scene = await buildScene(t.db);
  agents.admin = (await signedInAs(t, scene, 'admin')).agent;
  agents.coordinator = (await signedInAs(t, scene, 'coordinator')).agent;
  agents.professional = (await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional', { directoryEditor: true })).agent;
  ops = operations(t.app.swagger() as never);
}, 60_000);
afterAll(() => t.close());

async function walk(agent: Agent, full: boolean) {
  const failures: string[] = [];
  let count = 0;
  for (const op of ops)
    for (const c of casesFor(op, full)) {
      const headers: Record<string, string> = c.payload !== undefined ? { 'content-type': 'application/json' } : {};
      const res = await agent.request({ method: c.method as 'GET', url: c.url, headers, ...(c.payload !== undefined ? { payload: c.payload } : {}) });
      count++;
      const problem = problemsOf(c, res);
      if (problem) failures.push(`${op.method} ${op.path} [${c.label}]: ${problem}`);
    }
  return { failures, count };
}

describe('the whole API refuses malformed input without a 5xx, in the documented error body', () => {
  it('covers every documented operation', () => {
    expect(ops.length).toBeGreaterThan(150);
  });

  it('as an admin: malformed path values, query values and bodies for every operation', async () => {
    const { failures, count } = await walk(agents.admin!, true);
    expect(count).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
    // Still signed in: the walk itself never ended the session.
    expect((await agents.admin!.get('/api/v1/me')).statusCode).toBe(200);
  }, 120_000);

  it.each(['coordinator', 'professional'])(
    'as a %s: malformed path values and wrong body types for every operation',
    async (role) => {
      const { failures } = await walk(agents[role]!, false);
      expect(failures).toEqual([]);
      expect((await agents[role]!.get('/api/v1/me')).statusCode).toBe(200);
    },
    120_000,
  );
});
