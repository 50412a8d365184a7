import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAccessLog } from '../../audit.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireAdmin } from '../../policy.js';
import * as repo from './mail.repository.js';

const outboxItem = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export async function mailRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'Outgoing mail, newest first (without SMTP, mail stays here)',
        querystring: z.object({ status: z.enum(['queued', 'sent', 'failed']).optional(), before: z.iso.datetime().optional() }),
        response: { 200: z.object({ items: z.array(outboxItem), smtpConfigured: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const q = request.query;
      return deps.database.db.transaction(async (tx) => {
        const rows = await repo.listOutbox(tx, { status: q.status, before: q.before ? new Date(q.before) : undefined, limit: 100 });
        // Mail carries names and addresses of professionals: reading the outbox is logged like any read.
        await writeAccessLog(tx, actor, request.meta, { eventType: 'read', objectType: 'mail_outbox', purpose: 'functioneel beheer' });
        return {
          smtpConfigured: Boolean(deps.config.smtpUrl),
          items: rows.map((m) => ({
            id: m.id,
            to: m.toAddress,
            subject: m.subject,
            text: m.textBody,
            kind: m.kind,
            status: m.status,
            attempts: m.attempts,
            lastError: m.lastError,
            createdAt: m.createdAt.toISOString(),
            sentAt: m.sentAt?.toISOString() ?? null,
          })),
        };
      });
    },
  );

  r.post(
    '/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Queue a mail that failed after all attempts once more (nothing is lost)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      await deps.database.db.transaction(async (tx) => {
        if (!(await repo.requeueFailed(tx, request.params.id))) throw new AppError('not_found');
        await writeAccessLog(tx, actor, request.meta, {
          eventType: 'update',
          objectType: 'mail_outbox',
          objectId: request.params.id,
          purpose: 'functioneel beheer',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
