import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coercedInt32, int32 } from '../../../domain/numbers.js';
import { REFERRAL_STATUSES, referralChangeSchema, referralInputSchema } from '../../../domain/referrals.js';
import { dutchDate } from '../../../domain/working-days.js';
import type { AppDeps } from '../../deps.js';
import { requireCareStaff } from '../../policy.js';
import { boardSchema, presentReferral, presentSummary, referralSchema, referralSummarySchema } from './referrals.presenter.js';
import { createReferralService } from './referrals.service.js';

const tags = ['referrals'];
const idParams = z.object({ id: z.uuid() });
const ok = z.object({ id: z.uuid(), version: int32(), status: z.enum(REFERRAL_STATUSES) });

/**
 * Referrals with a warm hand-over. The receiving organisation's staff and the case's sending side see a referral;
 * anyone else gets 404. Status changes follow the state machine in src/domain/referrals.ts.
 */
export async function referralRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createReferralService(deps);
  const today = () => dutchDate(new Date());

  r.post(
    '/cases/:id/referrals',
    { schema: { tags, summary: 'Refer a household member of the case to a service', params: idParams, body: referralInputSchema, response: { 201: ok } } },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const x = await svc.create(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send({ id: x.id, version: x.version, status: x.status });
    },
  );

  r.get(
    '/cases/:id/referrals',
    {
      schema: {
        tags,
        summary: "The case's referrals and where each stands",
        params: idParams,
        response: { 200: z.object({ items: z.array(referralSummarySchema) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const t = today();
      return { items: (await svc.ofCase(actor, request.params.id, request.meta)).map((s) => presentSummary(s, t)) };
    },
  );

  r.get(
    '/referrals/incoming',
    {
      schema: {
        tags,
        summary: "My organisation's incoming referrals: new, overdue, waiting list",
        querystring: z.object({
          view: z.enum(['open', 'new', 'overdue', 'waiting']).default('open'),
          page: coercedInt32().min(1).max(1000).default(1),
          perPage: coercedInt32().min(1).max(500).default(100),
        }),
        response: { 200: boardSchema },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const t = today();
      const q = request.query;
      const b = await svc.incoming(actor, q.view, request.meta, { offset: (q.page - 1) * q.perPage, limit: q.perPage });
      return { counts: b.counts, page: q.page, perPage: q.perPage, items: b.items.map((s) => presentSummary(s, t)) };
    },
  );

  r.get(
    '/referrals/overdue',
    {
      schema: {
        tags,
        summary: 'Overdue referrals I must chase (sent by me, in my municipalities, or where I am process director)',
        response: { 200: z.object({ items: z.array(referralSummarySchema) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const t = today();
      return { items: (await svc.overdue(actor)).map((s) => presentSummary(s, t)) };
    },
  );

  r.get(
    '/referrals/declined',
    {
      schema: {
        tags,
        summary: 'Referrals I made (or where I am process director) that were declined or could not reach the client, not yet referred again',
        response: { 200: z.object({ items: z.array(referralSummarySchema) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const t = today();
      return { items: (await svc.declined(actor)).map((s) => presentSummary(s, t)) };
    },
  );

  r.get(
    '/referrals/:id',
    { schema: { tags, summary: 'A referral with its whole history', params: idParams, response: { 200: referralSchema } } },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return presentReferral(await svc.get(actor, request.params.id, request.meta), today());
    },
  );

  r.post(
    '/referrals/:id/status',
    { schema: { tags, summary: 'Move a referral along the closed loop', params: idParams, body: referralChangeSchema, response: { 200: ok } } },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const x = await svc.change(actor, request.params.id, request.body, request.meta);
      return { id: x.id, version: x.version, status: x.status };
    },
  );
}
