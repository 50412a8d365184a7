import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AGREEMENT_LEVELS,
  agreementInputSchema,
  BOTTLENECK_PHASES,
  BOTTLENECK_SOURCES,
  BOTTLENECK_STATUSES,
  bottleneckInputSchema,
  IV_BLOCKS,
  improvementActionSchema,
  populationInputSchema,
  quickscanInputSchema,
} from '../../../domain/evaluation.js';
import { coercedInt32, int32 } from '../../../domain/numbers.js';
import type { AppDeps } from '../../deps.js';
import { requireStaff } from '../../policy.js';
import { createEvaluationService } from './evaluation.service.js';

const tags = ['evaluation'];
const idParams = z.object({ id: z.uuid() });
const byMunicipality = z.object({ municipalityId: z.uuid() });
const withVersion = z.object({ version: int32().min(1) });
const versionQuery = z.object({ version: coercedInt32().min(1) });
const created = z.object({ id: z.uuid(), version: int32() });
const iso = (d: Date) => d.toISOString();
const MAX_CSV_BYTES = 5 * 1024 * 1024;

const bottleneckSchema = z.object({
  id: z.uuid(),
  phase: z.enum(BOTTLENECK_PHASES),
  title: z.string(),
  description: z.string().nullable(),
  partnersNamed: int32(),
  source: z.enum(BOTTLENECK_SOURCES),
  status: z.enum(BOTTLENECK_STATUSES),
  actions: z.array(improvementActionSchema),
  version: int32(),
  updatedAt: z.string(),
});
const quickscanSchema = z.object({
  id: z.uuid(),
  municipalityId: z.uuid(),
  conductedOn: z.iso.date(),
  blocks: z.record(z.string(), z.object({ state: z.string(), by: z.string().nullable(), since: z.string().nullable(), financing: z.string().nullable() })),
  criteria: z.record(z.string(), z.object({ state: z.string(), note: z.string().nullable() })),
  note: z.string().nullable(),
  version: int32(),
  gaps: z.array(z.object({ kind: z.enum(['block', 'criterion']), key: z.string(), state: z.string(), required: z.boolean() })),
  previous: z.object({ id: z.uuid(), conductedOn: z.iso.date() }).nullable(),
  changes: z.array(
    z.object({
      kind: z.enum(['block', 'criterion']),
      key: z.string(),
      field: z.enum(['state', 'by', 'financing']),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
});
const demandSchema = z.object({
  population: z
    .object({
      referenceYear: int32(),
      inhabitants: int32(),
      children0to7: int32().nullable(),
      prevalence: z.number(),
      source: z.enum(['entered', 'cbs']),
      version: int32(),
      updatedAt: z.string(),
    })
    .nullable(),
  estimate: z.object({ children0to7: int32(), expected: int32(), basis: z.enum(['own_figures', 'national_distribution']) }).nullable(),
});
const agreementSchema = z.object({
  id: z.uuid(),
  level: z.enum(AGREEMENT_LEVELS),
  title: z.string(),
  content: z.string(),
  parties: z.array(z.string()),
  lead: z.string(),
  budgetEuros: int32().nullable(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date().nullable(),
  reviewOn: z.iso.date(),
  block: z.enum(IV_BLOCKS).nullable(),
  version: int32(),
});

/** The bottleneck register, the Integrale Vroeghulp quickscan with the demand estimate, and the agreements register. */
export async function evaluationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createEvaluationService(deps);
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => done(null, body));

  // --- Bottlenecks -------------------------------------------------------------------------------------------------
  r.get(
    '/bottlenecks',
    {
      schema: {
        tags,
        summary: 'The bottleneck register of a municipality, per phase',
        querystring: byMunicipality,
        response: { 200: z.object({ items: z.array(bottleneckSchema) }) },
      },
    },
    async (request) => ({
      items: (await svc.bottlenecks(requireStaff(request.actor), request.query.municipalityId)).map((b) => ({
        ...b,
        phase: b.phase as (typeof BOTTLENECK_PHASES)[number],
        source: b.source as (typeof BOTTLENECK_SOURCES)[number],
        status: b.status as (typeof BOTTLENECK_STATUSES)[number],
        updatedAt: iso(b.updatedAt),
      })),
    }),
  );
  r.post('/bottlenecks', { schema: { tags, body: bottleneckInputSchema.and(byMunicipality), response: { 201: created } } }, async (request, reply) => {
    const { municipalityId, ...input } = request.body;
    const b = await svc.createBottleneck(requireStaff(request.actor), municipalityId, input, request.meta);
    return reply.status(201).send({ id: b.id, version: b.version });
  });
  r.put(
    '/bottlenecks/:id',
    { schema: { tags, params: idParams, body: bottleneckInputSchema.and(withVersion), response: { 200: created } } },
    async (request) => {
      const b = await svc.updateBottleneck(requireStaff(request.actor), request.params.id, request.body, request.meta);
      return { id: b.id, version: b.version };
    },
  );
  r.delete('/bottlenecks/:id', { schema: { tags, params: idParams, querystring: versionQuery, response: { 204: z.null() } } }, async (request, reply) => {
    await svc.deleteBottleneck(requireStaff(request.actor), request.params.id, request.query.version, request.meta);
    return reply.status(204).send(null);
  });

  // --- Quickscan ---------------------------------------------------------------------------------------------------
  r.get(
    '/quickscans',
    {
      schema: {
        tags,
        summary: 'Integrale Vroeghulp quickscans of a municipality, newest first',
        querystring: byMunicipality,
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), conductedOn: z.iso.date() })) }) },
      },
    },
    async (request) => ({ items: await svc.quickscans(requireStaff(request.actor), request.query.municipalityId) }),
  );
  r.get(
    '/quickscans/:id',
    { schema: { tags, summary: 'A quickscan with its gaps and the changes since the previous one', params: idParams, response: { 200: quickscanSchema } } },
    async (request) => {
      const x = await svc.quickscan(requireStaff(request.actor), request.params.id);
      return { ...x.quickscan, gaps: x.gaps, previous: x.previous, changes: x.changes };
    },
  );
  r.post('/quickscans', { schema: { tags, body: quickscanInputSchema.and(byMunicipality), response: { 201: created } } }, async (request, reply) => {
    const { municipalityId, ...input } = request.body;
    const q = await svc.createQuickscan(requireStaff(request.actor), municipalityId, input, request.meta);
    return reply.status(201).send({ id: q.id, version: q.version });
  });
  r.put('/quickscans/:id', { schema: { tags, params: idParams, body: quickscanInputSchema.and(withVersion), response: { 200: created } } }, async (request) => {
    const q = await svc.updateQuickscan(requireStaff(request.actor), request.params.id, request.body, request.meta);
    return { id: q.id, version: q.version };
  });

  // --- Population and demand ---------------------------------------------------------------------------------------
  const presentDemand = (d: Awaited<ReturnType<typeof svc.demand>>) => ({
    population: d.population && {
      ...d.population,
      source: d.population.source as 'entered' | 'cbs',
      updatedAt: iso(d.population.updatedAt),
    },
    estimate: d.estimate,
  });
  r.get(
    '/demand',
    {
      schema: { tags, summary: 'Population figures and the Integrale Vroeghulp demand estimate', querystring: byMunicipality, response: { 200: demandSchema } },
    },
    async (request) => presentDemand(await svc.demand(requireStaff(request.actor), request.query.municipalityId)),
  );
  r.put(
    '/demand/population',
    {
      schema: {
        tags,
        summary: 'Enter population figures (version null the first time)',
        body: populationInputSchema.and(byMunicipality).and(z.object({ version: int32().nullable() })),
        response: { 200: demandSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { municipalityId, ...input } = request.body;
      await svc.setPopulation(actor, municipalityId, input, 'entered', request.meta);
      return presentDemand(await svc.demand(actor, municipalityId));
    },
  );
  r.post(
    '/demand/population/import',
    {
      schema: {
        tags,
        summary: 'Import population figures from a CBS StatLine CSV export (body: the CSV, content-type text/csv)',
        querystring: byMunicipality,
        body: z.string().min(1, { message: 'empty_file' }),
        response: { 200: demandSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      await svc.importPopulation(actor, request.query.municipalityId, request.body, request.meta);
      return presentDemand(await svc.demand(actor, request.query.municipalityId));
    },
  );

  // --- Agreements --------------------------------------------------------------------------------------------------
  const presentAgreement = (a: Awaited<ReturnType<typeof svc.agreements>>[number]) => ({
    ...a,
    level: a.level as (typeof AGREEMENT_LEVELS)[number],
    block: a.block as (typeof IV_BLOCKS)[number] | null,
  });
  r.get(
    '/agreements',
    {
      schema: {
        tags,
        summary: 'The agreements register of a municipality, by review date',
        querystring: byMunicipality,
        response: { 200: z.object({ items: z.array(agreementSchema) }) },
      },
    },
    async (request) => ({ items: (await svc.agreements(requireStaff(request.actor), request.query.municipalityId)).map(presentAgreement) }),
  );
  r.post('/agreements', { schema: { tags, body: agreementInputSchema.and(byMunicipality), response: { 201: created } } }, async (request, reply) => {
    const { municipalityId, ...input } = request.body;
    const a = await svc.createAgreement(requireStaff(request.actor), municipalityId, input, request.meta);
    return reply.status(201).send({ id: a.id, version: a.version });
  });
  r.put('/agreements/:id', { schema: { tags, params: idParams, body: agreementInputSchema.and(withVersion), response: { 200: created } } }, async (request) => {
    const a = await svc.updateAgreement(requireStaff(request.actor), request.params.id, request.body, request.meta);
    return { id: a.id, version: a.version };
  });
  r.delete('/agreements/:id', { schema: { tags, params: idParams, querystring: versionQuery, response: { 204: z.null() } } }, async (request, reply) => {
    await svc.deleteAgreement(requireStaff(request.actor), request.params.id, request.query.version, request.meta);
    return reply.status(204).send(null);
  });
}
