import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_PHASES, CLOSE_REASONS, consentInputSchema, reasonSchema } from '../../../domain/cases.js';
import { planContentSchema } from '../../../domain/family-plan.js';
import { coercedInt32, int32 } from '../../../domain/numbers.js';
import { dutchDate } from '../../../domain/working-days.js';
import type { AppDeps } from '../../deps.js';
import { requireCareStaff, requireStaff } from '../../policy.js';
import {
  boardSchema,
  casePageSchema,
  diffSchema,
  emergencyGrantSchema,
  myCaseSchema,
  planSchema,
  planSummarySchema,
  presentBoard,
  presentCasePage,
  presentDiff,
  presentEvent,
  presentMyCase,
  presentPlan,
  presentPlanSummary,
  timelineSchema,
} from './cases.presenter.js';
import { createCaseService } from './cases.service.js';
import { createPlanService } from './plan.service.js';
import { createWorklistService } from './worklists.service.js';

const tags = ['cases'];
const idParams = z.object({ id: z.uuid() });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'too_long' })
    .optional()
    .transform((v) => v || null);
const version = int32();
const planParams = z.object({ id: z.uuid(), number: coercedInt32().min(1) });
const ok = z.object({ id: z.uuid(), version: int32().optional() });
const MAX_CONSENT_BODY = 4 * 1024 * 1024;

/**
 * Case coordination. Every route runs the need-to-know rule through the policy module: staff who may not see a
 * case get 404, whatever the route (page, timeline, plan, search, lists). Admins get in only by breaking the glass.
 */
export async function caseRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createCaseService(deps);
  const plans = createPlanService(deps);
  const lists = createWorklistService(deps);

  r.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Open a case from a signal (coordinator) or for your own client (professional)',
        body: z.union([z.object({ signalId: z.uuid() }), z.object({ personId: z.uuid() })]),
        response: { 201: ok },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const c = await svc.open(actor, request.body, request.meta);
      return reply.status(201).send({ id: c.id, version: c.version });
    },
  );

  r.get(
    '/cases/mine',
    { schema: { tags, summary: 'My cases: where I am in the care team', response: { 200: z.object({ items: z.array(myCaseSchema) }) } } },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const today = dutchDate(new Date());
      return { items: (await lists.mine(actor, request.meta)).map((x) => presentMyCase(x, actor.userId, today)) };
    },
  );

  r.get(
    '/cases/board',
    {
      schema: {
        tags,
        summary: 'The hub coordinator’s board',
        querystring: z.object({
          municipalityId: z.uuid().optional(),
          phase: z.enum(CASE_PHASES).optional(),
          withoutDirector: z.stringbool().optional(),
          escalated: z.stringbool().optional(),
        }),
        response: { 200: boardSchema },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return presentBoard(await lists.board(actor, request.query, request.meta));
    },
  );

  r.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Search cases you may know of by the client’s family name',
        querystring: z.object({ q: z.string().trim().min(1).max(100) }),
        response: {
          200: z.object({
            total: int32(),
            items: z.array(z.object({ id: z.uuid(), phase: z.enum(CASE_PHASES), clientName: z.string(), municipalityName: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return lists.search(actor, request.query.q, request.meta);
    },
  );

  r.get('/cases/:id', { schema: { tags, params: idParams, response: { 200: casePageSchema } } }, async (request) => {
    const actor = requireStaff(request.actor);
    return presentCasePage(await svc.page(actor, request.params.id, request.meta));
  });

  r.get(
    '/cases/:id/timeline',
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.object({
          kinds: z
            .string()
            .regex(/^[a-z_]+(,[a-z_]+)*$/)
            .optional()
            .transform((v) => v?.split(',')),
          before: z.iso.datetime({ offset: true }).optional(),
          limit: coercedInt32().min(1).max(200).default(50),
        }),
        response: { 200: timelineSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      const q = request.query;
      const rows = await svc.timeline(
        actor,
        request.params.id,
        { kinds: q.kinds, before: q.before ? new Date(q.before) : undefined, limit: q.limit },
        request.meta,
      );
      return { items: rows.map(presentEvent) };
    },
  );

  r.post(
    '/cases/:id/notes',
    { schema: { tags, params: idParams, body: z.object({ text: z.string().trim().min(1, { message: 'required' }).max(4000) }), response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      await svc.addNote(actor, request.params.id, request.body.text, request.meta);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/cases/:id/phase',
    {
      schema: {
        tags,
        summary: 'Change the phase; refusals answer 409 with the allowed phases',
        params: idParams,
        body: z.object({
          version,
          to: z.enum(CASE_PHASES),
          reason: optionalText(2000),
          closeReason: z.enum(CLOSE_REASONS).nullable().default(null),
          evaluationNote: optionalText(4000),
        }),
        response: { 200: ok },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const c = await svc.changePhase(actor, request.params.id, request.body, request.meta);
      return { id: c.id, version: c.version };
    },
  );

  // ─── Care team ─────────────────────────────────────────────────────────────────────────────────────────────

  r.get(
    '/cases/:id/care-team/suggestions',
    {
      schema: {
        tags,
        summary: 'Candidates for the care team: the involved professionals, or staff of the municipality by name (q)',
        params: idParams,
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        response: {
          200: z.object({ items: z.array(z.object({ userId: z.uuid(), name: z.string(), organisationId: z.uuid(), organisationName: z.string() })) }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return { items: await svc.teamSuggestions(actor, request.params.id, request.query.q || undefined, request.meta) };
    },
  );

  r.post(
    '/cases/:id/care-team',
    {
      schema: {
        tags,
        params: idParams,
        // An account (userId), or a smoelenboek card (personId) — with or without an account behind it.
        body: z
          .object({
            userId: z.uuid().optional(),
            personId: z.uuid().optional(),
            roleInCase: z.string().trim().max(100).default(''),
            withoutConsent: z.boolean().default(false),
          })
          .refine((b) => (b.userId === undefined) !== (b.personId === undefined), { message: 'user_or_card', path: ['userId'] }),
        response: { 201: z.object({ userId: z.uuid().nullable(), personId: z.uuid().nullable() }) },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const m = await svc.addMember(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send({ userId: m.userId, personId: m.personId });
    },
  );

  r.delete(
    '/cases/:id/care-team/:userId',
    { schema: { tags, params: z.object({ id: z.uuid(), userId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      await svc.removeMember(actor, request.params.id, request.params.userId, request.meta);
      return reply.status(204).send(null);
    },
  );

  // ─── Consent ───────────────────────────────────────────────────────────────────────────────────────────────

  r.post(
    '/cases/:id/consents',
    {
      bodyLimit: MAX_CONSENT_BODY,
      schema: { tags, params: idParams, body: consentInputSchema, response: { 201: z.object({ ids: z.array(z.uuid()), pendingIds: z.array(z.uuid()) }) } },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const rows = await svc.recordConsent(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send({ ids: rows.map((k) => k.id), pendingIds: rows.filter((k) => k.needsConfirmation).map((k) => k.id) });
    },
  );

  r.get(
    '/cases/:id/consent-organisations',
    {
      schema: {
        tags,
        summary: 'Organisations consent can name: the care team’s, and by name (q) any of the region or the sociale kaart for the municipality',
        params: idParams,
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), inCareTeam: z.boolean() })) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return { items: await svc.consentOrganisations(actor, request.params.id, request.query.q || undefined) };
    },
  );

  r.post(
    '/cases/:id/consents/:consentId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a consent that names its recorder’s own organisation (case director or coordinator; never the recorder)',
        params: z.object({ id: z.uuid(), consentId: z.uuid() }),
        response: { 200: z.object({ id: z.uuid() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const k = await svc.confirmConsent(actor, request.params.id, request.params.consentId, request.meta);
      return { id: k.id };
    },
  );

  r.post(
    '/cases/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), consentId: z.uuid() }),
        body: z.object({ note: optionalText(2000) }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const k = await svc.withdrawConsent(actor, request.params.id, request.params.consentId, request.body.note, request.meta);
      return reply.status(201).send({ id: k.id });
    },
  );

  r.get('/cases/:id/consents/:consentId/form', { schema: { tags, params: z.object({ id: z.uuid(), consentId: z.uuid() }) } }, async (request, reply) => {
    const actor = requireStaff(request.actor);
    const f = await svc.consentForm(actor, request.params.id, request.params.consentId, request.meta);
    const name = f.name.replace(/[^\w.-]+/g, '_');
    return reply.header('content-type', f.type).header('content-disposition', `attachment; filename="${name}"`).send(f.data);
  });

  // ─── Regie ─────────────────────────────────────────────────────────────────────────────────────────────────

  r.post(
    '/cases/:id/directors',
    {
      schema: {
        tags,
        summary: 'Propose a case director (or process director); the proposed person must accept',
        params: idParams,
        body: z.object({ userId: z.uuid(), kind: z.enum(['case', 'process']).default('case'), note: optionalText(1000) }),
        response: { 201: z.object({ id: z.uuid(), status: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const p = await svc.proposeDirector(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send({ id: p.id, status: p.status });
    },
  );

  r.post(
    '/cases/:id/directors/:proposalId/:answer',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), proposalId: z.uuid(), answer: z.enum(['accept', 'decline', 'withdraw']) }),
        body: z.object({ reason: optionalText(1000) }).default({ reason: null }),
        response: { 200: z.object({ id: z.uuid(), status: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const p = await svc.answerProposal(actor, request.params.id, request.params.proposalId, request.params.answer, request.body.reason ?? null, request.meta);
      return { id: p.id, status: p.status };
    },
  );

  // ─── Emergency access ──────────────────────────────────────────────────────────────────────────────────────

  r.post(
    '/cases/:id/emergency-access',
    {
      schema: {
        tags,
        summary: 'Break the glass: time-limited access with a reason',
        params: idParams,
        body: z.object({ reason: reasonSchema }),
        response: { 201: emergencyGrantSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const g = await svc.breakGlass(actor, request.params.id, request.body.reason, request.meta);
      return reply.status(201).send({ id: g.id, expiresAt: g.expiresAt.toISOString() });
    },
  );

  r.post(
    '/cases/:id/emergency-access/:grantId/review',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), grantId: z.uuid() }),
        body: z.object({ review: z.enum(['approved', 'improper']), note: optionalText(2000) }),
        response: { 200: z.object({ id: z.uuid(), review: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const g = await svc.reviewEmergency(actor, request.params.id, request.params.grantId, request.body, request.meta);
      return { id: g.id, review: g.review! };
    },
  );

  // ─── Family plan ───────────────────────────────────────────────────────────────────────────────────────────

  r.get('/cases/:id/plans', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(planSummarySchema) }) } } }, async (request) => {
    const actor = requireStaff(request.actor);
    return { items: (await plans.versions(actor, request.params.id, request.meta)).map(presentPlanSummary) };
  });

  r.post(
    '/cases/:id/plans',
    { schema: { tags, summary: 'Start (or return) the draft', params: idParams, response: { 201: planSchema } } },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      return reply.status(201).send(presentPlan(await plans.startDraft(actor, request.params.id, request.meta)));
    },
  );

  r.get('/cases/:id/plans/:number', { schema: { tags, params: planParams, response: { 200: planSchema } } }, async (request) => {
    const actor = requireStaff(request.actor);
    return presentPlan(await plans.version(actor, request.params.id, request.params.number, request.meta));
  });

  r.put(
    '/cases/:id/plans/:number',
    {
      schema: {
        tags,
        summary: 'Save the draft (409 with the current version when stale)',
        params: planParams,
        body: z.object({ version, content: planContentSchema }),
        response: { 200: planSchema },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const p = request.params;
      return presentPlan(await plans.saveDraft(actor, p.id, p.number, request.body.version, request.body.content, request.meta));
    },
  );

  r.post(
    '/cases/:id/plans/:number/adopt',
    {
      schema: {
        tags,
        summary: 'Adopt the draft with the parents; adopted versions never change',
        params: planParams,
        body: z.object({ version, parentsAgreed: z.boolean(), parentsPresent: z.boolean() }),
        response: { 200: planSchema },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return presentPlan(await plans.adopt(actor, request.params.id, request.params.number, request.body, request.meta));
    },
  );

  r.get(
    '/cases/:id/plans/compare',
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.object({ from: coercedInt32().min(1), to: coercedInt32().min(1) }),
        response: { 200: diffSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      return presentDiff(await plans.compare(actor, request.params.id, request.query.from, request.query.to, request.meta));
    },
  );

  r.get(
    '/cases/:id/plans/:number/pdf',
    {
      schema: {
        tags,
        summary: 'The plan as a PDF for the family (nl or en)',
        params: planParams,
        querystring: z.object({ lang: z.enum(['nl', 'en']).default('nl') }),
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const p = request.params;
      const pdf = await plans.pdf(actor, p.id, p.number, request.query.lang, request.meta);
      const name = request.query.lang === 'en' ? `family-plan-${p.number}.pdf` : `gezinsplan-${p.number}.pdf`;
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${name}"`).send(pdf);
    },
  );
}
