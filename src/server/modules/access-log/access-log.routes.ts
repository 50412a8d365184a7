import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACCESS_OUTCOMES, accessEventTypeSchema } from '../../../domain/access-log.js';
import { coercedInt32, int32 } from '../../../domain/numbers.js';
import { bsnSchema, exactIdentityProblems } from '../../../domain/persons.js';
import { roleSchema } from '../../../domain/roles.js';
import { createBsnVault } from '../../crypto.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireAdmin } from '../../policy.js';
import type { AccessLogRow } from './access-log.repository.js';
import { createAccessLogService } from './access-log.service.js';

const filter = z.object({
  userId: z.uuid().optional(),
  subjectPersonId: z.uuid().optional(),
  eventType: accessEventTypeSchema.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
const entrySchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  eventType: accessEventTypeSchema,
  outcome: z.enum(ACCESS_OUTCOMES),
  user: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  userRole: roleSchema.nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  onBehalfOf: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  subjectPersonId: z.string().nullable(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  purpose: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  application: z.string(),
});

const presentEntry = (e: AccessLogRow): z.infer<typeof entrySchema> => ({
  id: e.id,
  occurredAt: e.occurredAt.toISOString(),
  eventType: e.eventType,
  outcome: e.outcome,
  user: e.userId ? { id: e.userId, name: e.userName, email: e.userEmail } : null,
  userRole: e.userRole,
  organisation: e.organisationId ? { id: e.organisationId, name: e.organisationName } : null,
  onBehalfOf: e.onBehalfOfUserId ? { id: e.onBehalfOfUserId, name: e.onBehalfOfName } : null,
  subjectPersonId: e.subjectPersonId,
  objectType: e.objectType,
  objectId: e.objectId,
  purpose: e.purpose,
  ip: e.ip,
  userAgent: e.userAgent,
  application: e.application,
});

export async function accessLogRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createAccessLogService(deps.database.db, createBsnVault(deps.secretKey));

  r.get(
    '/admin/access-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'NEN 7513 access log, newest first (keyset pagination with `before`)',
        querystring: filter.extend({ before: z.coerce.number().int().positive().optional(), limit: coercedInt32().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(entrySchema), nextBefore: z.number().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const rows = await svc.list(actor, request.query, request.meta);
      return { items: rows.map(presentEntry), nextBefore: rows.length === request.query.limit ? rows[rows.length - 1]!.id : null };
    },
  );

  // POST, not GET: a BSN or a name with a date must never travel in a URL.
  r.post(
    '/admin/access-log/by-client',
    {
      schema: {
        tags: ['admin'],
        summary: 'The access-log rows about one client, found by BSN or by family name + date; answers log rows only, never the client',
        body: z.object({
          bsn: bsnSchema.optional(),
          familyName: z.string().trim().max(100).optional(),
          date: z.iso.date({ message: 'invalid_date' }).optional(),
          before: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
          limit: int32().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(entrySchema), nextBefore: z.number().nullable() }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const b = request.body;
      const problems = exactIdentityProblems(b);
      if (problems.length) throw new AppError('validation_failed', problems);
      const rows = await svc.bySubject(actor, b, { before: b.before, limit: b.limit }, request.meta);
      return { items: rows.map(presentEntry), nextBefore: rows.length === b.limit ? rows[rows.length - 1]!.id : null };
    },
  );

  r.get(
    '/admin/access-log.csv',
    { schema: { tags: ['admin'], summary: 'Export the (filtered) access log as CSV', querystring: filter } },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      const stream = await svc.exportCsv(actor, request.query, request.meta);
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="toegangslog-${stamp}.csv"`);
      return reply.send(stream);
    },
  );
}
