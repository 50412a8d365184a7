import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { assertInAdminScope, requireAdmin } from '../../policy.js';
import { importHsds } from './hsds.import.js';

const counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export async function hsdsImportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/admin/hsds/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['admin'],
        summary: 'Import an HSDS 3.0 JSON package into a region: validated first, all or nothing, idempotent',
        querystring: z.object({ regionId: z.uuid() }),
        body: z.unknown(),
        response: { 200: z.object({ organisations: counts, programmes: counts, locations: counts, services: counts }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      assertInAdminScope(actor, { regionId: request.query.regionId });
      return importHsds(deps.database.db, request.body, { regionId: request.query.regionId, actor, meta: request.meta });
    },
  );
}
