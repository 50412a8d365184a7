import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import type { AppDeps } from '../../deps.js';
import { requireAdmin } from '../../policy.js';
import type { MunicipalityRow } from './municipalities.repository.js';
import { createMunicipalityService } from './municipalities.service.js';

const municipalitySchema = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  name: z.string(),
  cbsCode: z.string().nullable(),
  version: int32(),
});
const present = (m: MunicipalityRow): z.infer<typeof municipalitySchema> => ({
  id: m.id,
  regionId: m.regionId,
  name: m.name,
  cbsCode: m.cbsCode,
  version: m.version,
});
const cbsCode = z
  .string()
  .trim()
  .regex(/^GM\d{4}$/, 'cbs_code_format')
  .nullable()
  .optional();

export async function municipalityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createMunicipalityService(deps.database.db);

  r.get(
    '/admin/regions',
    { schema: { tags: ['admin'], response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) } } },
    async (request) => {
      const actor = requireAdmin(request.actor);
      return { items: (await svc.regions(actor)).map((x) => ({ id: x.id, name: x.name })) };
    },
  );

  r.get('/admin/municipalities', { schema: { tags: ['admin'], response: { 200: z.object({ items: z.array(municipalitySchema) }) } } }, async (request) => {
    const actor = requireAdmin(request.actor);
    return { items: (await svc.list(actor)).map(present) };
  });

  r.post(
    '/admin/municipalities',
    {
      schema: {
        tags: ['admin'],
        body: z.object({ regionId: z.uuid(), name: z.string().trim().min(2).max(120), cbsCode }),
        response: { 201: municipalitySchema },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      const m = await svc.create(actor, { ...request.body, cbsCode: request.body.cbsCode ?? null }, request.meta);
      reply.status(201);
      return present(m);
    },
  );

  r.patch(
    '/admin/municipalities/:id',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ id: z.uuid() }),
        body: z.object({ version: int32().min(1), regionId: z.uuid().optional(), name: z.string().trim().min(2).max(120).optional(), cbsCode }),
        response: { 200: municipalitySchema },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const { version, ...patch } = request.body;
      return present(await svc.update(actor, request.params.id, version, patch, request.meta));
    },
  );
}
