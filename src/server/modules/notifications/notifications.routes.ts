import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, NOTIFICATION_MODES } from '../../../domain/notifications.js';
import { int32 } from '../../../domain/numbers.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { notificationRecipient, requireStaff } from '../../policy.js';
import * as repo from './notifications.repository.js';
import { notificationsWithContext, preferencesOf, setPreferences } from './notifications.service.js';

/**
 * In-app notifications: a kind, a link target and context (who, what, and the client where the policy allows it,
 * with the access-log row); the details are read on the object's own page, where the policy decides again.
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
  /** Context for the app (never in mail): the client only where the policy lets this recipient see her name. */
  context: z.object({
    client: z.string().nullable(),
    sender: z.string().nullable(),
    senderOrganisation: z.string().nullable(),
    subject: z.string().nullable(),
    at: z.iso.datetime({ offset: true }).nullable(),
  }),
});

export async function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  r.get(
    '/notifications',
    { schema: { tags: ['notifications'], response: { 200: z.object({ unread: int32(), items: z.array(notificationSchema) }) } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { items: rows, unread } = await notificationsWithContext(db, actor, request.meta);
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
          context: n.context,
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
