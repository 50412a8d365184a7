import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, NOTIFICATION_MODES } from '../../../domain/notifications.js';
import { int32 } from '../../../domain/numbers.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { notificationRecipient, requireStaff } from '../../policy.js';
import * as repo from './notifications.repository.js';
import { preferencesOf, setPreferences } from './notifications.service.js';

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
  referralId: z.uuid().nullable(),
  meetingId: z.uuid().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});

export async function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  r.get(
    '/notifications',
    { schema: { tags: ['notifications'], response: { 200: z.object({ unread: int32(), items: z.array(notificationSchema) }) } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { items: rows, unread } = await repo.listFor(db, notificationRecipient(actor));
      return {
        unread,
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          matchId: n.matchId,
          signalId: n.signalId,
          caseId: n.caseId,
          referralId: n.referralId,
          meetingId: n.meetingId,
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
      if (!(await repo.markRead(db, notificationRecipient(actor), request.params.id))) throw new AppError('not_found');
      return reply.status(204).send(null);
    },
  );

  r.post('/notifications/read-all', { schema: { tags: ['notifications'], response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireStaff(request.actor);
    await repo.markAllRead(db, notificationRecipient(actor));
    return reply.status(204).send(null);
  });

  const preferenceSchema = z.object({
    kind: z.enum(NOTIFICATION_KIND_NAMES as [string, ...string[]]),
    mode: z.enum(NOTIFICATION_MODES),
    safetyCritical: z.boolean(),
    defaultMode: z.enum(NOTIFICATION_MODES),
  });
  const present = (prefs: Map<string, (typeof NOTIFICATION_MODES)[number]>) =>
    NOTIFICATION_KIND_NAMES.map((kind) => {
      const rule = NOTIFICATION_KINDS[kind];
      return {
        kind,
        mode: rule.safetyCritical ? ('immediate' as const) : (prefs.get(kind) ?? rule.defaultMode),
        safetyCritical: rule.safetyCritical,
        defaultMode: rule.defaultMode,
      };
    });

  r.get(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How each kind of notification reaches me by e-mail: at once, in the daily digest, or not',
        response: { 200: z.object({ items: z.array(preferenceSchema) }) },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      return { items: present(await preferencesOf(db, actor.userId)) };
    },
  );

  r.put(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        body: z.object({
          items: z
            .array(z.object({ kind: z.enum(NOTIFICATION_KIND_NAMES as [string, ...string[]]), mode: z.enum(NOTIFICATION_MODES) }))
            .max(NOTIFICATION_KIND_NAMES.length),
        }),
        response: { 200: z.object({ items: z.array(preferenceSchema) }) },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      const items = request.body.items as { kind: (typeof NOTIFICATION_KIND_NAMES)[number]; mode: (typeof NOTIFICATION_MODES)[number] }[];
      // Safety-critical kinds always come at once: switching them to digest or off is refused, with the field named.
      const refused = items.flatMap((p, i) =>
        NOTIFICATION_KINDS[p.kind].safetyCritical && p.mode !== 'immediate'
          ? [{ path: `body.items.${i}.mode`, code: 'safety_critical', message: 'Safety-critical notifications always come at once.' }]
          : [],
      );
      if (refused.length) throw new AppError('validation_failed', refused);
      await setPreferences(db, actor.userId, items);
      return { items: present(await preferencesOf(db, actor.userId)) };
    },
  );
}
