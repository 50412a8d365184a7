import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireStaff } from '../../policy.js';
import * as repo from './notifications.repository.js';

/**
 * In-app notifications: a kind and a link target, nothing else — what a match or signal is about is read on its own
 * page, where the policy decides and the access log records.
 */
const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  matchId: z.uuid().nullable(),
  signalId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});

export async function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  r.get(
    '/notifications',
    { schema: { tags: ['notifications'], response: { 200: z.object({ unread: z.number().int(), items: z.array(notificationSchema) }) } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { items: rows, unread } = await repo.listFor(db, actor.userId);
      return {
        unread,
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          matchId: n.matchId,
          signalId: n.signalId,
          caseId: n.caseId,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
      };
    },
  );

  r.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      if (!(await repo.markRead(db, actor.userId, request.params.id))) throw new AppError('not_found');
      return reply.status(204).send(null);
    },
  );

  r.post('/notifications/read-all', { schema: { tags: ['notifications'], response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireStaff(request.actor);
    await repo.markAllRead(db, actor.userId);
    return reply.status(204).send(null);
  });
}
