import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { signalDecisionSchema } from '../../../domain/persons.js';
import { signalInputSchema } from '../../../domain/signals.js';
import type { AppDeps } from '../../deps.js';
import { requireAdmin, requireCareStaff, requireStaff } from '../../policy.js';
import {
  factorSchema,
  presentFactor,
  presentSignal,
  presentSignalDetail,
  presentSignalListItem,
  signalDetailSchema,
  signalListItemSchema,
  signalSchema,
} from './signals.presenter.js';
import { createSignalService } from './signals.service.js';

const idParams = z.object({ id: z.uuid() });
const tags = ['signals'];
const label = z.string().trim().min(1).max(200);

export async function signalRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createSignalService(deps);

  r.get(
    '/signal-factors',
    { schema: { tags, summary: 'The code list of risk and protective factors', response: { 200: z.object({ items: z.array(factorSchema) }) } } },
    async (request) => {
      requireStaff(request.actor);
      return { items: (await svc.factors()).map(presentFactor) };
    },
  );

  r.get('/admin/signal-factors', { schema: { tags: ['admin'], response: { 200: z.object({ items: z.array(factorSchema) }) } } }, async (request) => {
    requireAdmin(request.actor);
    return { items: (await svc.factors(true)).map(presentFactor) };
  });

  r.post(
    '/admin/signal-factors',
    {
      schema: {
        tags: ['admin'],
        body: z.object({
          code: z.string().regex(/^[a-z0-9_]{2,60}$/, { message: 'invalid_code' }),
          kind: z.enum(['risk', 'protective']),
          labelNl: label,
          labelEn: label,
          sortOrder: int32().min(0).max(1000).default(100),
        }),
        response: { 201: factorSchema },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      return reply.status(201).send(presentFactor(await svc.createFactor(request.body, actor, request.meta)));
    },
  );

  r.patch(
    '/admin/signal-factors/:code',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ code: z.string().max(60) }),
        body: z.object({
          version: int32(),
          labelNl: label.optional(),
          labelEn: label.optional(),
          active: z.boolean().optional(),
          sortOrder: int32().min(0).max(1000).optional(),
        }),
        response: { 200: factorSchema },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const { version, ...patch } = request.body;
      return presentFactor(await svc.updateFactor(request.params.code, version, patch, actor, request.meta));
    },
  );

  r.post(
    '/persons/:id/signals',
    { schema: { tags, summary: 'Record a signal about a person you may see', params: idParams, body: signalInputSchema, response: { 201: signalSchema } } },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const s = await svc.create(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send(presentSignal(s, new Map()));
    },
  );

  r.get('/persons/:id/signals', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(signalSchema) }) } } }, async (request) => {
    const actor = requireCareStaff(request.actor);
    return { items: (await svc.about(actor, request.params.id, request.meta)).map((s) => presentSignal(s, new Map())) };
  });

  r.get('/signals/mine', { schema: { tags, response: { 200: z.object({ items: z.array(signalListItemSchema) }) } } }, async (request) => {
    const actor = requireCareStaff(request.actor);
    const { rows, names } = await svc.mine(actor, request.meta);
    return { items: rows.map((x) => presentSignalListItem(x, names)) };
  });

  r.get(
    '/signals/intake',
    {
      schema: {
        tags,
        summary: 'The hub coordinator’s intake queue',
        querystring: z.object({ status: z.enum(['open', 'all']).default('open') }),
        response: { 200: z.object({ items: z.array(signalListItemSchema) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const { rows, names } = await svc.intake(actor, { open: request.query.status === 'open' }, request.meta);
      return { items: rows.map((x) => presentSignalListItem(x, names)) };
    },
  );

  r.get('/signals/:id', { schema: { tags, params: idParams, response: { 200: signalDetailSchema } } }, async (request) => {
    const actor = requireCareStaff(request.actor);
    return presentSignalDetail(await svc.get(actor, request.params.id, request.meta));
  });

  r.post(
    '/signals/:id/acknowledge',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ version: int32() }),
        response: { 200: z.object({ id: z.uuid(), version: int32() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const s = await svc.acknowledge(actor, request.params.id, request.body.version, request.meta);
      return { id: s.id, version: s.version };
    },
  );

  r.post(
    '/signals/:id/decision',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({
          version: int32(),
          decision: signalDecisionSchema,
          note: z
            .string()
            .trim()
            .max(2000)
            .optional()
            .transform((v) => v || null),
        }),
        response: { 200: z.object({ id: z.uuid(), version: int32() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const s = await svc.decide(actor, request.params.id, request.body.version, { decision: request.body.decision, note: request.body.note }, request.meta);
      return { id: s.id, version: s.version };
    },
  );
}
