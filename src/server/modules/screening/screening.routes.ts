import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIFE_DOMAINS } from '../../../domain/directory.js';
import { int32 } from '../../../domain/numbers.js';
import { questionnaireDefinitionSchema } from '../../../domain/questionnaires.js';
import { positiveHealthScoresSchema } from '../../../domain/signals.js';
import type { AppDeps } from '../../deps.js';
import { requireAdmin, requireCareStaff, requireStaff } from '../../policy.js';
import { createScreeningService } from './screening.service.js';

const idParams = z.object({ id: z.uuid() });
const tags = ['screening'];
const ts = z.iso.datetime({ offset: true });
const label = z.string().trim().min(1).max(200);

const questionnaireSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameNl: z.string(),
  nameEn: z.string(),
  definition: z.any(),
  active: z.boolean(),
  version: int32(),
});
const scoreSchema = z.object({
  total: z.number(),
  max: z.number(),
  domains: z.array(z.object({ code: z.string(), score: z.number(), max: z.number() })),
  suggestsConsultation: z.boolean(),
});
const responseSchema = z.object({
  id: z.uuid(),
  questionnaireId: z.uuid(),
  nameNl: z.string(),
  nameEn: z.string(),
  definition: z.any(),
  answers: z.record(z.string(), z.number()),
  score: scoreSchema,
  recordedAt: ts,
  mine: z.boolean(),
});
const measurementSchema = z.object({
  id: z.uuid(),
  measuredOn: z.string(),
  scores: z.record(z.enum(LIFE_DOMAINS), z.number()),
  mine: z.boolean(),
});
type Q = Awaited<ReturnType<ReturnType<typeof createScreeningService>['get']>>;
const presentQ = (q: Q) => ({ id: q.id, code: q.code, nameNl: q.nameNl, nameEn: q.nameEn, definition: q.definition, active: q.active, version: q.version });

export async function screeningRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createScreeningService(deps);

  r.get('/questionnaires', { schema: { tags, response: { 200: z.object({ items: z.array(questionnaireSchema) }) } } }, async (request) => {
    requireStaff(request.actor);
    return { items: (await svc.list()).map(presentQ) };
  });
  r.get('/questionnaires/:id', { schema: { tags, params: idParams, response: { 200: questionnaireSchema } } }, async (request) => {
    requireStaff(request.actor);
    return presentQ(await svc.get(request.params.id));
  });
  r.get('/admin/questionnaires', { schema: { tags: ['admin'], response: { 200: z.object({ items: z.array(questionnaireSchema) }) } } }, async (request) => {
    requireAdmin(request.actor);
    return { items: (await svc.list(true)).map(presentQ) };
  });
  r.post(
    '/admin/questionnaires',
    {
      schema: {
        tags: ['admin'],
        summary: 'Configure a screening instrument (domains, items, scale, weights, threshold)',
        body: z.object({
          code: z.string().regex(/^[a-z0-9_]{2,60}$/, { message: 'invalid_code' }),
          nameNl: label,
          nameEn: label,
          definition: questionnaireDefinitionSchema,
        }),
        response: { 201: questionnaireSchema },
      },
    },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      return reply.status(201).send(presentQ(await svc.create(actor, request.body, request.meta)));
    },
  );
  r.patch(
    '/admin/questionnaires/:id',
    {
      schema: {
        tags: ['admin'],
        params: idParams,
        body: z.object({
          version: int32(),
          nameNl: label.optional(),
          nameEn: label.optional(),
          active: z.boolean().optional(),
          definition: questionnaireDefinitionSchema.optional(),
        }),
        response: { 200: questionnaireSchema },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const { version, ...patch } = request.body;
      return presentQ(await svc.update(actor, request.params.id, version, patch, request.meta));
    },
  );

  r.post(
    '/persons/:id/questionnaire-responses',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ questionnaireId: z.uuid(), answers: z.record(z.string().max(60), int32()) }),
        response: { 201: responseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const row = await svc.respond(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send({ ...row, recordedAt: row.recordedAt.toISOString(), mine: true });
    },
  );
  r.get(
    '/persons/:id/questionnaire-responses',
    { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(responseSchema) }) } } },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const rows = await svc.responses(actor, request.params.id, request.meta);
      return {
        items: rows.map((x) => ({
          ...x.response,
          nameNl: x.nameNl,
          nameEn: x.nameEn,
          recordedAt: x.response.recordedAt.toISOString(),
          mine: x.response.recordedById === actor.userId,
        })),
      };
    },
  );

  r.post(
    '/persons/:id/health-measurements',
    {
      schema: {
        tags,
        summary: 'A Positieve Gezondheid measurement: six dimensions, 0–10',
        params: idParams,
        body: z.object({ measuredOn: z.iso.date({ message: 'invalid_date' }), scores: positiveHealthScoresSchema }),
        response: { 201: measurementSchema },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const m = await svc.measure(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send({ id: m.id, measuredOn: m.measuredOn, scores: m.scores, mine: true });
    },
  );
  r.get(
    '/persons/:id/health-measurements',
    { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(measurementSchema) }) } } },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const rows = await svc.measurements(actor, request.params.id, request.meta);
      return { items: rows.map((m) => ({ id: m.id, measuredOn: m.measuredOn, scores: m.scores, mine: m.recordedById === actor.userId })) };
    },
  );
}
