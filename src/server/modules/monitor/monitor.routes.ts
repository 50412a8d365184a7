import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { dutchDate } from '../../../domain/working-days.js';
import { toCsv } from '../../csv.js';
import type { AppDeps } from '../../deps.js';
import { requireStaff } from '../../policy.js';
import { buildMonitorReport } from './monitor.report.js';
import { bucketsOf, createMonitorService } from './monitor.service.js';

const tags = ['monitor'];
const cell = int32().nullable();
/** A table of counts; null is a suppressed figure ("<10"). */
const panel = z.object({
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.array(cell)),
  rowTotals: z.array(cell),
  columnTotals: z.array(cell),
  total: cell,
});
const scopeSchema = z.object({ kind: z.enum(['municipality', 'region']), id: z.uuid(), name: z.string() });

const dashboardSchema = z.object({
  scope: scopeSchema,
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  households: cell,
  phases: panel,
  children: panel,
  signalsByOrgType: panel,
  timeliness: z.array(z.object({ key: z.string(), n: cell, median: z.number().nullable(), p80: z.number().nullable() })),
  regie: panel.extend({ share: z.number().nullable(), medianDaysWithout: z.number().nullable() }),
  matches: panel.extend({ medianDays: z.number().nullable() }),
  referrals: panel,
  declinedByReason: panel,
  answeredInTime: panel.extend({ share: z.number().nullable() }),
  waitingDays: z.number().nullable(),
  goals: panel,
  doubleDiscussions: panel,
  experienceHeard: panel,
});
export type Dashboard = z.infer<typeof dashboardSchema>;

const trendsSchema = panel.extend({ granularity: z.enum(['month', 'quarter']) });
const comparisonSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(
    z.object({
      municipalityId: z.uuid(),
      name: z.string(),
      households: cell,
      signals: cell,
      referrals: cell,
      withDirectorShare: z.number().nullable(),
      answeredInTimeShare: z.number().nullable(),
    }),
  ),
  totals: z.object({ households: cell, signals: cell, referrals: cell }),
});
const networkSchema = z.object({
  nodes: z.array(z.object({ id: z.uuid(), name: z.string(), type: z.string(), degree: int32(), betweenness: z.number(), isolated: z.boolean() })),
  edges: z.array(
    z.object({
      source: z.uuid(),
      target: z.uuid(),
      weight: cell,
      kinds: z.object({ care_team: cell, referral: cell, meeting: cell }),
    }),
  ),
});

/** Monthly trends are readable up to three years; beyond that, quarters. */
const MAX_BUCKETS = 40;

const query = z
  .object({
    municipalityId: z.uuid().optional(),
    regionId: z.uuid().optional(),
    from: z.iso.date({ message: 'invalid_date' }).optional(),
    to: z.iso.date({ message: 'invalid_date' }).optional(),
    granularity: z.enum(['month', 'quarter']).default('month'),
    /** The PDF report's language: the one chosen in the app; without it, the browser's. */
    lang: z.enum(['nl', 'en']).optional(),
  })
  .transform((q) => {
    const today = dutchDate(new Date());
    return { ...q, from: q.from ?? `${today.slice(0, 4)}-01-01`, to: q.to ?? today };
  })
  .refine((q) => q.from <= q.to, { message: 'before_start', path: ['to'] })
  .refine((q) => Boolean(q.municipalityId) !== Boolean(q.regionId), { message: 'municipality_or_region', path: ['municipalityId'] })
  .refine((q) => q.from > q.to || bucketsOf(q.from, q.to, q.granularity).length <= MAX_BUCKETS, { message: 'too_many_periods', path: ['granularity'] });

/** The monitor: aggregates only, small numbers suppressed; policy officers, coordinators and admins. */
export async function monitorRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createMonitorService(deps);
  r.get(
    '/monitor',
    {
      schema: {
        tags,
        summary: 'Figures for one municipality or region and a period (default: this year so far); figures under 10 are null',
        querystring: query,
        response: { 200: dashboardSchema },
      },
    },
    async (request) => svc.dashboard(requireStaff(request.actor), request.query, request.meta),
  );
  r.get(
    '/monitor/trends',
    { schema: { tags, summary: 'New signals, cases, referrals and matches per month or quarter', querystring: query, response: { 200: trendsSchema } } },
    async (request) => svc.trends(requireStaff(request.actor), request.query, request.meta),
  );
  r.get(
    '/monitor/comparison',
    { schema: { tags, summary: "The region's municipalities side by side", querystring: query, response: { 200: comparisonSchema } } },
    async (request) => svc.comparison(requireStaff(request.actor), request.query, request.meta),
  );
  r.get(
    '/monitor/network',
    {
      schema: {
        tags,
        summary: 'Which organisations work together (care teams, referrals, meetings), with degree and betweenness',
        querystring: query,
        response: { 200: networkSchema },
      },
    },
    async (request) => svc.network(requireStaff(request.actor), request.query, request.meta),
  );

  r.get(
    '/monitor.csv',
    { schema: { tags, summary: 'The figures as CSV: panel, row, column, value ("<10" where suppressed)', querystring: query } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const d = await svc.dashboard(actor, request.query, request.meta);
      const t = await svc.trends(actor, request.query, request.meta);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="monitor-${d.period.from}-${d.period.to}.csv"`);
      return monitorCsv(d, t);
    },
  );

  r.get(
    '/monitor.pdf',
    { schema: { tags, summary: 'A report with charts for the council: the figures, trends and comparison of the period', querystring: query } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const q = request.query;
      const d = await svc.dashboard(actor, q, request.meta);
      const t = await svc.trends(actor, q, request.meta);
      const c = await svc.comparison(actor, q, request.meta);
      const lang = q.lang ?? (request.headers['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'nl');
      const pdf = await buildMonitorReport({ dashboard: d, trends: t, comparison: c, language: lang, generatedOn: dutchDate(new Date()) });
      reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="monitor-${d.period.from}-${d.period.to}.pdf"`);
      return pdf;
    },
  );
}

type Table = {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
};

/** One line per figure, totals included, so a spreadsheet can pivot it; suppressed figures read "<10". */
export function monitorCsv(d: Dashboard, trends?: Table): string {
  const v = (x: number | null) => (x === null ? '<10' : String(x));
  const lines: string[][] = [['scope', 'from', 'to', 'panel', 'row', 'column', 'value']];
  const at = (panel: string, row: string, column: string, value: string) => lines.push([d.scope.name, d.period.from, d.period.to, panel, row, column, value]);
  at('households', 'all', 'all', v(d.households));
  for (const x of d.timeliness) {
    at('timeliness', x.key, 'n', v(x.n));
    at('timeliness', x.key, 'median_working_days', x.median === null ? '' : String(x.median));
    at('timeliness', x.key, 'p80_working_days', x.p80 === null ? '' : String(x.p80));
  }
  const panels: Record<string, Table> = {
    phases: d.phases,
    children: d.children,
    signalsByOrgType: d.signalsByOrgType,
    regie: d.regie,
    matches: d.matches,
    referrals: d.referrals,
    declinedByReason: d.declinedByReason,
    answeredInTime: d.answeredInTime,
    goals: d.goals,
    doubleDiscussions: d.doubleDiscussions,
    experienceHeard: d.experienceHeard,
    ...(trends ? { trends } : {}),
  };
  for (const [name, p] of Object.entries(panels)) {
    p.rows.forEach((row, r) => {
      p.columns.forEach((col, c) => {
        at(name, row, col, v(p.cells[r]![c]!));
      });
      at(name, row, 'total', v(p.rowTotals[r]!));
    });
    if (p.rows.length > 1) {
      p.columns.forEach((col, c) => {
        at(name, 'total', col, v(p.columnTotals[c]!));
      });
      at(name, 'total', 'total', v(p.total));
    }
  }
  return toCsv(lines);
}
