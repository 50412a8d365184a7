import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { roleSchema } from '../../../domain/roles.js';
import { userCreateSchema, userFields } from '../../../domain/users.js';
import type { AppDeps } from '../../deps.js';
import { requireAdmin } from '../../policy.js';
import { presentUser, userSchema } from './users.presenter.js';
import { createUserService } from './users.service.js';

const idParams = z.object({ id: z.uuid() });
const fields = userFields;
/** Only when creating: the function on her smoelenboek card; she maintains the card herself afterwards. */
const jobTitle = z.string().trim().min(2).max(120).optional();
const versionBody = z.object({ version: int32().min(1) });

export async function userRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createUserService(deps.database.db);

  r.get(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Accounts in the admin’s regions',
        querystring: z.object({
          q: z.string().max(100).optional(),
          role: roleSchema.optional(),
          organisationId: z.uuid().optional(),
          includeDeactivated: z.stringbool().optional(),
        }),
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      return { items: (await svc.list(actor, request.query, request.meta)).map((u) => presentUser(u, actor)) };
    },
  );

  r.get('/admin/users/:id', { schema: { tags: ['admin'], params: idParams, response: { 200: userSchema } } }, async (request) => {
    const actor = requireAdmin(request.actor);
    return presentUser(await svc.get(actor, request.params.id, request.meta), actor);
  });

  r.post(
    '/admin/users',
    { schema: { tags: ['admin'], body: userCreateSchema.extend({ jobTitle }), response: { 201: userSchema } } },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      const user = await svc.create(actor, request.body, request.meta);
      reply.status(201);
      return presentUser(user, actor);
    },
  );

  r.patch(
    '/admin/users/:id',
    { schema: { tags: ['admin'], params: idParams, body: versionBody.extend(z.object(fields).partial().shape), response: { 200: userSchema } } },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const { version, ...patch } = request.body;
      return presentUser(await svc.update(actor, request.params.id, version, patch, request.meta), actor);
    },
  );

  r.post(
    '/admin/users/:id/deactivate',
    { schema: { tags: ['admin'], params: idParams, body: versionBody, response: { 200: userSchema } } },
    async (request) => {
      const actor = requireAdmin(request.actor);
      return presentUser(await svc.setActive(actor, request.params.id, request.body.version, false, request.meta), actor);
    },
  );

  r.post(
    '/admin/users/:id/reactivate',
    { schema: { tags: ['admin'], params: idParams, body: versionBody, response: { 200: userSchema } } },
    async (request) => {
      const actor = requireAdmin(request.actor);
      return presentUser(await svc.setActive(actor, request.params.id, request.body.version, true, request.meta), actor);
    },
  );

  r.post('/admin/users/:id/reset-2fa', { schema: { tags: ['admin'], params: idParams, response: { 200: userSchema } } }, async (request) => {
    const actor = requireAdmin(request.actor);
    return presentUser(await svc.resetSecondFactor(actor, request.params.id, request.meta), actor);
  });

  r.delete('/admin/users/:id', { schema: { tags: ['admin'], params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireAdmin(request.actor);
    await svc.remove(actor, request.params.id, request.meta);
    reply.status(204);
    return null;
  });
}
