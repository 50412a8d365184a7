import { stringify } from 'csv-stringify/sync';
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

  r.get(
    '/monitor.csv',
    {
      schema: {
        tags: ['monitor'],
        summary: 'The same figures as CSV: panel, row, column, value ("<10" where suppressed)',
        querystring: query,
      },
    },
    async (request, reply) => {
      const d = await svc.dashboard(requireStaff(request.actor), request.query, request.meta);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="monitor-${d.period.from}-${d.period.to}.csv"`);
      return monitorCsv(d);
    },
  );
}

/** One line per figure, totals included, so a spreadsheet can pivot it; suppressed figures read "<10". */
export function monitorCsv(d: Awaited<ReturnType<ReturnType<typeof createMonitorService>['dashboard']>>): string {
  const v = (x: number | null) => (x === null ? '<10' : String(x));
  const lines: string[][] = [['municipality', 'from', 'to', 'panel', 'row', 'column', 'value']];
  const at = (panel: string, row: string, column: string, value: number | null) =>
    lines.push([d.municipality.name, d.period.from, d.period.to, panel, row, column, v(value)]);
  at('households', 'all', 'all', d.households);
  const panels = {
    phases: d.phases,
    signalsByOrgType: d.signalsByOrgType,
    regie: d.regie,
    matches: d.matches,
    referrals: d.referrals,
    declinedByReason: d.declinedByReason,
    answeredInTime: d.answeredInTime,
    doubleDiscussions: d.doubleDiscussions,
    experienceHeard: d.experienceHeard,
  };
  for (const [name, p] of Object.entries(panels)) {
    p.rows.forEach((row, r) => {
      p.columns.forEach((col, c) => {
        at(name, row, col, p.cells[r]![c]!);
      });
      at(name, row, 'total', p.rowTotals[r]!);
    });
    if (p.rows.length > 1) {
      p.columns.forEach((col, c) => {
        at(name, 'total', col, p.columnTotals[c]!);
      });
      at(name, 'total', 'total', p.total);
    }
  }
  return stringify(lines);
}
