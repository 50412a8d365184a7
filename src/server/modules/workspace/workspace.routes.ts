import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dutchDate } from '../../../domain/working-days.js';
import type { AppDeps } from '../../deps.js';
import { presentCounts, presentOverview, workCountsSchema, workOverviewSchema } from './workspace.presenter.js';
import { createWorkspaceService } from './workspace.service.js';

const tags = ['workspace'];

/**
 * "My work": what waits for the signed-in user, from every queue she has (policy.workScope). The counts feed the
 * navigation's badges on every page; the overview (counts and the top items, each with a link) is the home page.
 */
export async function workspaceRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createWorkspaceService(deps);

  r.get(
    '/me/work/counts',
    { schema: { tags, summary: 'How much work waits for me, per queue (no personal data)', response: { 200: workCountsSchema } } },
    async (request) => presentCounts(await svc.counts(request.actor)),
  );

  r.get(
    '/me/work',
    { schema: { tags, summary: 'What waits for me today: counts and the most urgent items of each queue', response: { 200: workOverviewSchema } } },
    async (request) => {
      const now = new Date();
      return presentOverview(await svc.overview(request.actor, request.meta, now), dutchDate(now));
    },
  );
}
