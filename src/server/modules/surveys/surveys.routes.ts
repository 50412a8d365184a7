import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import {
  MEASUREMENTS,
  responseSchema,
  SURVEY_DIMENSIONS,
  SURVEY_SCALE,
  SURVEY_TEMPLATE,
  surveyInputSchema,
  surveyItemSchema,
} from '../../../domain/surveys.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireStaff } from '../../policy.js';
import { createSurveyService } from './surveys.service.js';

const tags = ['surveys'];
const idParams = z.object({ id: z.uuid() });
const share = z.object({ n: int32().nullable(), agree: z.number().nullable() });
const comparisonRow = z.object({ key: z.string(), figures: z.array(share), changes: z.array(z.number().nullable()) });
const measurement = z.enum(MEASUREMENTS);

const surveySchema = z.object({
  id: z.uuid(),
  municipalityId: z.uuid(),
  title: z.string(),
  items: z.array(surveyItemSchema),
  rounds: z.array(
    z.object({
      id: z.uuid(),
      measurement,
      link: z.string(),
      closesOn: z.iso.date().nullable(),
      open: z.boolean(),
      /** Null when fewer than 10. */
      respondents: int32().nullable(),
    }),
  ),
  comparison: z.object({
    rounds: z.array(z.object({ measurement, respondents: int32().nullable() })),
    dimensions: z.array(comparisonRow),
    items: z.array(comparisonRow),
  }),
});

/** Collaboration surveys for the network's professionals, and their public anonymous form. */
export async function surveyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createSurveyService(deps);

  r.get(
    '/surveys/template',
    { schema: { tags, summary: 'Our collaboration questions: the four dimensions, reachability and expertise', response: { 200: surveyInputSchema } } },
    async (request) => {
      requireStaff(request.actor);
      return SURVEY_TEMPLATE;
    },
  );

  r.get(
    '/surveys',
    {
      schema: {
        tags,
        querystring: z.object({ municipalityId: z.uuid() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), title: z.string(), createdAt: z.string(), rounds: z.array(measurement) })) }) },
      },
    },
    async (request) => ({
      items: (await svc.list(requireStaff(request.actor), request.query.municipalityId)).map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    }),
  );

  r.post(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'Create a survey for a municipality (coordinator, policy officer, admin of the region)',
        body: surveyInputSchema.and(z.object({ municipalityId: z.uuid() })),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const s = await svc.create(requireStaff(request.actor), request.body.municipalityId, request.body, request.meta);
      return reply.status(201).send({ id: s.id });
    },
  );

  r.get('/surveys/:id', { schema: { tags, params: idParams, response: { 200: surveySchema } } }, async (request) => {
    const x = await svc.get(requireStaff(request.actor), request.params.id, request.meta);
    return {
      id: x.survey.id,
      municipalityId: x.survey.municipalityId,
      title: x.survey.title,
      items: x.survey.items,
      rounds: x.rounds,
      comparison: x.comparison,
    };
  });

  r.post(
    '/surveys/:id/rounds',
    {
      schema: {
        tags,
        summary: 'Start a measurement (baseline, interim, final) with its anonymous link',
        params: idParams,
        body: z.object({ measurement, closesOn: z.iso.date({ message: 'invalid_date' }).nullable().default(null) }),
        response: { 201: z.object({ id: z.uuid(), link: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.openRound(requireStaff(request.actor), request.params.id, request.body, request.meta)),
  );

  r.post(
    '/surveys/:id/rounds/:roundId/close',
    {
      schema: {
        tags,
        summary: 'Close a measurement: its link takes no more answers',
        params: z.object({ id: z.uuid(), roundId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await svc.closeRound(requireStaff(request.actor), request.params.id, request.params.roundId, request.meta);
      return reply.status(204).send(null);
    },
  );

  // The anonymous form: public, reached by the round's link. Rate-limited per address, which is not stored.
  const token = z.object({ token: z.string().min(20).max(100) });
  r.get(
    '/public/surveys/:token',
    {
      schema: {
        tags: ['public'],
        params: token,
        response: {
          200: z.object({
            title: z.string(),
            measurement,
            open: z.boolean(),
            scale: z.array(z.enum(SURVEY_SCALE)),
            dimensions: z.array(z.enum(SURVEY_DIMENSIONS)),
            items: z.array(surveyItemSchema),
          }),
        },
      },
    },
    async (request) => ({ ...(await svc.form(request.params.token)), scale: [...SURVEY_SCALE], dimensions: [...SURVEY_DIMENSIONS] }),
  );
  r.post(
    '/public/surveys/:token',
    {
      config: { rateLimit: { max: deps.config.surveys.rateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['public'], params: token, body: z.object({ answers: z.record(z.string(), z.enum(SURVEY_SCALE)) }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      const form = await svc.form(request.params.token);
      const parsed = responseSchema(form.items).safeParse(request.body);
      if (!parsed.success)
        throw new AppError(
          'validation_failed',
          parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), code: i.message })),
        );
      await svc.answer(request.params.token, parsed.data.answers);
      return reply.status(204).send(null);
    },
  );
}
