import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { synonymGroupInputSchema } from '../../../domain/directory.js';
import { coercedInt32, int32 } from '../../../domain/numbers.js';
import type { AppDeps } from '../../deps.js';
import { synonymAbilities } from '../../policy.js';
import type { SynonymRow } from './synonyms.repository.js';
import { createSynonymService } from './synonyms.service.js';

const abilitiesSchema = z.object({ maintain: z.boolean() });
const synonymSchema = z.object({ id: z.uuid(), terms: z.array(z.string()), version: z.number().int(), updatedAt: z.iso.datetime() });
const present = (s: SynonymRow) => ({ id: s.id, terms: s.terms, version: s.version, updatedAt: s.updatedAt.toISOString() });
const idParams = z.object({ id: z.uuid() });

/** The sociale kaart's synonym list, maintained by functional admins (policy: assertMayMaintainSynonyms). */
export async function synonymRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createSynonymService(deps.database.db);

  r.get(
    '/admin/directory-synonyms',
    {
      schema: {
        tags: ['admin'],
        summary: 'Synonym groups of the sociale kaart search',
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(synonymSchema), abilities: abilitiesSchema }) },
      },
    },
    async (request) => ({ items: (await svc.list(request.actor, request.query.q)).map(present), abilities: synonymAbilities(request.actor) }),
  );

  r.post(
    '/admin/directory-synonyms',
    { schema: { tags: ['admin'], body: synonymGroupInputSchema, response: { 201: synonymSchema } } },
    async (request, reply) => reply.code(201).send(present(await svc.create(request.actor, request.body, request.meta))),
  );

  r.patch(
    '/admin/directory-synonyms/:id',
    { schema: { tags: ['admin'], params: idParams, body: synonymGroupInputSchema.extend({ version: int32().min(1) }), response: { 200: synonymSchema } } },
    async (request) => {
      const { version, ...input } = request.body;
      return present(await svc.update(request.actor, request.params.id, version, input, request.meta));
    },
  );

  r.delete(
    '/admin/directory-synonyms/:id',
    { schema: { tags: ['admin'], params: idParams, querystring: z.object({ version: coercedInt32().min(1) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await svc.remove(request.actor, request.params.id, request.query.version, request.meta);
      return reply.code(204).send(null);
    },
  );
}
