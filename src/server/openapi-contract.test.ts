import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FILE, generateContract, TYPES_FILE } from '../../scripts/openapi.js';

/**
 * The web app is typed from the committed OpenAPI document and the types generated from it. Regenerated in memory from
 * the routes as they are now, they must equal what is committed: a route whose schema changed without
 * `npm run api:generate` fails here, before the web app silently reads a shape the server no longer sends.
 */
describe('the web app contract', () => {
  it('the committed OpenAPI document and generated types match the routes', async () => {
    const { document, types } = await generateContract();
    expect(document === (await readFile(DOCUMENT_FILE, 'utf8')), 'src/web/lib/generated/openapi.json is stale: run npm run api:generate').toBe(true);
    expect(types === (await readFile(TYPES_FILE, 'utf8')), 'src/web/lib/generated/schema.d.ts is stale: run npm run api:generate').toBe(true);
  });

  it('every JSON route of the web app documents its answer', async () => {
    const doc = JSON.parse(await readFile(DOCUMENT_FILE, 'utf8')) as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const undocumented: string[] = [];
    for (const [route, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        // Files (CSV, PDF, calendar, photos) and the HSDS standard's own API are not read as JSON by the web app.
        if (!route.startsWith('/api/v1/') || /\.(csv|pdf)$|\/(pdf|form|photo)$/.test(route)) continue;
        const ok = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
        if (ok.length === 0 || ok.some(([status, r]) => status !== '204' && !r.content)) undocumented.push(`${method.toUpperCase()} ${route}`);
      }
    expect(undocumented).toEqual([]);
  });
});
