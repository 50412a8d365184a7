import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dutchDate } from '../../../domain/working-days.js';
import type { AppDeps } from '../../deps.js';
import { requireStaff } from '../../policy.js';
import { createMonitorService } from './monitor.service.js';

const cell = z.number().int().nullable();
/** A table of counts; null is a suppressed figure ("<10"). */
const panel = z.object({
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.array(cell)),
  rowTotals: z.array(cell),
  columnTotals: z.array(cell),
  total: cell,
});

const dashboardSchema = z.object({
  municipality: z.object({ id: z.uuid(), name: z.string() }),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  households: cell,
  phases: panel,
  signalsByOrgType: panel,
  regie: panel,
  matches: panel.extend({ medianDays: z.number().nullable() }),
  referrals: panel,
  declinedByReason: panel,
  answeredInTime: panel.extend({ share: z.number().nullable() }),
  doubleDiscussions: panel,
  experienceHeard: panel,
});

const query = z
  .object({
    municipalityId: z.uuid(),
    from: z.iso.date({ message: 'invalid_date' }).optional(),
    to: z.iso.date({ message: 'invalid_date' }).optional(),
  })
  .transform((q) => {
    const today = dutchDate(new Date());
    return { municipalityId: q.municipalityId, from: q.from ?? `${today.slice(0, 4)}-01-01`, to: q.to ?? today };
  })
  .refine((q) => q.from <= q.to, { message: 'before_start', path: ['to'] });

/** The monitor: aggregates only, small numbers suppressed; policy officers, coordinators and admins. */
export async function monitorRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createMonitorService(deps);
  r.get(
    '/monitor',
    {
      schema: {
        tags: ['monitor'],
        summary: 'Figures for one municipality and period (default: this year so far); figures under 10 are null',
        querystring: query,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => svc.dashboard(requireStaff(request.actor), request.query, request.meta),
  );
}
