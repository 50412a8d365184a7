import { asc, eq } from 'drizzle-orm';
import { addCalendarMonths, isoDay } from '../../../domain/calendar.js';
import { CASE_PHASES } from '../../../domain/cases.js';
import { GOAL_ATTAINMENT } from '../../../domain/family-plan.js';
import { EXPERIENCE_ANSWERS } from '../../../domain/meetings.js';
import { DECLINE_REASONS, REFERRAL_STATUSES } from '../../../domain/referrals.js';
import { type SuppressedTable, suppressCount, suppressTable } from '../../../domain/suppression.js';
import { suppressShare } from '../../../domain/surveys.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { municipalities, regions } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { assertMayMonitorRegion } from '../../policy.js';
import {
  type Granularity,
  monitorComparison,
  monitorFigures,
  monitorNetwork,
  monitorTrends,
  type Scope,
  type Timeliness,
  TREND_SERIES,
} from './monitor.repository.js';
import { analyseNetwork } from './network.js';
import { monitoredMunicipality } from './scope.js';

// The columns come from the domain vocabularies, so a new status or reason shows up here too.
const PHASES: string[] = [...CASE_PHASES];
const REFERRAL_COLUMNS: string[] = [...REFERRAL_STATUSES];
const DECLINE_COLUMNS: string[] = [...DECLINE_REASONS];
const ANSWER_COLUMNS: string[] = [...EXPERIENCE_ANSWERS];
const GOAL_COLUMNS: string[] = [...GOAL_ATTAINMENT];
export const TIMELINESS_ROWS = ['acknowledged', 'first_contact', 'support_started'] as const;

export interface Panel extends SuppressedTable {
  rows: string[];
  columns: string[];
}

/** One row of counts over named columns, suppressed with its total. */
function row(columns: string[], counts: Record<string, number>): Panel {
  return { rows: ['all'], columns, ...suppressTable({ cells: [columns.map((c) => counts[c] ?? 0)] }) };
}

/** A median over fewer than 10 would describe too few families. */
const medianOf = (n: number, median: number | null) => (n >= 10 && median !== null ? Math.round(median * 10) / 10 : null);

function timelinessOf(t: Record<string, Timeliness>) {
  return TIMELINESS_ROWS.map((k) => {
    const x = t[k] ?? { n: 0, median: null, p80: null };
    const shown = x.n >= 10;
    return { key: k, n: suppressCount(x.n), median: shown ? x.median : null, p80: shown ? x.p80 : null };
  });
}

export interface ScopeQuery {
  municipalityId?: string;
  regionId?: string;
  from: string;
  to: string;
}

/**
 * The monitor for a municipality or a region and a period: every figure suppressed below 10 (with complementary
 * suppression in tables), so that nothing about a single family can be read or re-derived. Reading it is logged.
 */
export function createMonitorService(deps: AppDeps) {
  const db = deps.database.db;

  /** The municipalities a query covers, once the policy allows the actor to see them. */
  async function resolve(actor: Actor, q: ScopeQuery) {
    if (q.municipalityId) {
      const m = await monitoredMunicipality(db, actor, q.municipalityId);
      return { kind: 'municipality' as const, id: m.id, name: m.name, regionId: m.regionId, scope: { municipalityIds: [m.id], from: q.from, to: q.to } };
    }
    if (!q.regionId) throw new AppError('validation_failed', [{ path: 'querystring.municipalityId', code: 'required' }]);
    const [r] = await db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.id, q.regionId));
    const ms = r
      ? await db
          .select({ id: municipalities.id, name: municipalities.name })
          .from(municipalities)
          .where(eq(municipalities.regionId, r.id))
          .orderBy(asc(municipalities.name))
      : [];
    const region = r ? { ...r, municipalityIds: ms.map((m) => m.id) } : null;
    assertMayMonitorRegion(actor, region);
    return {
      kind: 'region' as const,
      id: region.id,
      name: region.name,
      regionId: region.id,
      municipalities: ms,
      scope: { municipalityIds: region.municipalityIds, from: q.from, to: q.to },
    };
  }

  const logRead = (actor: Actor, meta: RequestMeta, scope: { kind: string; id: string }, what: string, s: Scope) =>
    writeAccessLog(db, actor, meta, {
      eventType: 'read',
      objectType: 'monitor',
      objectId: scope.id,
      purpose: `monitor ${what} ${scope.kind} ${s.from} – ${s.to}`,
    });

  return {
    resolve,

    async dashboard(actor: Actor, q: ScopeQuery, meta: RequestMeta) {
      const sc = await resolve(actor, q);
      // One snapshot for the dirty cells and the figures (monitor.facts.ts).
      return db.transaction(
        async (tx) => {
          const f = await monitorFigures(tx, sc.scope);
          await writeAccessLog(tx, actor, meta, {
            eventType: 'read',
            objectType: 'monitor',
            objectId: sc.id,
            purpose: `monitor ${sc.kind} ${q.from} – ${q.to}`,
          });
          const orgTypes = [...new Set(f.referralStatus.map((x) => x.row_k))].sort();
          const status = suppressTable({
            cells: orgTypes.map((t) => REFERRAL_COLUMNS.map((s) => f.referralStatus.find((x) => x.row_k === t && x.col_k === s)?.n ?? 0)),
          });
          const matchTable = row(['followed', 'not_followed'], { followed: f.matches.followed, not_followed: f.matches.n - f.matches.followed });
          const norm = row(['in_time', 'late'], { in_time: f.norm.in_time, late: f.norm.answered - f.norm.in_time });
          const signalTypes = Object.keys(f.signalsByOrgType).sort();
          return {
            scope: { kind: sc.kind, id: sc.id, name: sc.name },
            period: { from: q.from, to: q.to },
            households: suppressCount(f.households),
            phases: row(PHASES, f.phases),
            children: row(PHASES, f.children),
            signalsByOrgType: row(signalTypes, f.signalsByOrgType),
            timeliness: timelinessOf(f.timeliness),
            regie: {
              ...row(['with_director', 'without_director'], { with_director: f.regie.with_director, without_director: f.regie.without_director }),
              share: suppressShare(f.regie.with_director, f.regie.with_director + f.regie.without_director),
              medianDaysWithout: medianOf(f.regie.without_director, f.regie.median_days_without),
            },
            matches: { ...matchTable, medianDays: matchTable.cells[0]![0] !== null ? medianOf(f.matches.followed, f.matches.median_days) : null },
            referrals: { rows: orgTypes, columns: REFERRAL_COLUMNS, ...status },
            declinedByReason: row(DECLINE_COLUMNS, f.declinedByReason),
            answeredInTime: { ...norm, share: suppressShare(f.norm.in_time, f.norm.answered) },
            waitingDays: medianOf(f.norm.started, f.norm.median_wait),
            goals: row(GOAL_COLUMNS, f.goals),
            doubleDiscussions: row(['confirmed', 'prevented'], {
              confirmed: f.doubleDiscussions.confirmed,
              prevented: Math.max(0, f.doubleDiscussions.warned - f.doubleDiscussions.confirmed),
            }),
            experienceHeard: row(ANSWER_COLUMNS, f.experienceHeard),
          };
        },
        { isolationLevel: 'repeatable read' },
      );
    },

    /** New signals, cases, referrals and matches per month or quarter, as one suppressed table with its totals. */
    async trends(actor: Actor, q: ScopeQuery & { granularity: Granularity }, meta: RequestMeta) {
      const sc = await resolve(actor, q);
      const rows = await monitorTrends(db, sc.scope, q.granularity);
      await logRead(actor, meta, sc, 'trends', sc.scope);
      const buckets = bucketsOf(q.from, q.to, q.granularity);
      const columns = [...TREND_SERIES];
      const cells = buckets.map((b) => columns.map((c) => rows.find((r) => r.bucket === b && r.series === c)?.n ?? 0));
      return { granularity: q.granularity, rows: buckets, columns, ...suppressTable({ cells }) };
    },

    /** The region's municipalities side by side; every column suppressed with its region total. */
    async comparison(actor: Actor, q: ScopeQuery, meta: RequestMeta) {
      // A municipality compares itself with the other municipalities of its region.
      let regionId = q.regionId;
      if (!regionId && q.municipalityId) regionId = (await monitoredMunicipality(db, actor, q.municipalityId)).regionId;
      const sc = await resolve(actor, { ...q, municipalityId: undefined, regionId });
      if (sc.kind !== 'region') throw new AppError('not_found');
      const rows = await monitorComparison(db, sc.scope);
      await logRead(actor, meta, sc, 'comparison', sc.scope);
      const byId = new Map(rows.map((r) => [r.municipality_id, r]));
      const ordered = sc.municipalities.map((m) => ({ m, r: byId.get(m.id)! }));
      const column = (pick: (r: (typeof rows)[number]) => number) => {
        const t = suppressTable({ cells: ordered.map((x) => [pick(x.r)]) });
        return { cells: t.cells.map((c) => c[0]!), total: t.total };
      };
      const households = column((r) => r.households);
      const signals = column((r) => r.signals);
      const referrals = column((r) => r.referrals);
      return {
        columns: ['households', 'signals', 'referrals', 'withDirectorShare', 'answeredInTimeShare'],
        rows: ordered.map(({ m, r }, i) => ({
          municipalityId: m.id,
          name: m.name,
          households: households.cells[i]!,
          signals: signals.cells[i]!,
          referrals: referrals.cells[i]!,
          withDirectorShare: suppressShare(r.with_director, r.with_director + r.without_director),
          answeredInTimeShare: suppressShare(r.in_time, r.answered),
        })),
        totals: { households: households.total, signals: signals.total, referrals: referrals.total },
      };
    },

    async network(actor: Actor, q: ScopeQuery, meta: RequestMeta) {
      const sc = await resolve(actor, q);
      const { edges, organisations } = await monitorNetwork(db, sc.scope);
      await logRead(actor, meta, sc, 'network', sc.scope);
      return analyseNetwork(organisations, edges);
    },
  };
}

/** The first day of every month or quarter touching the period, as yyyy-mm-dd. */
export function bucketsOf(from: string, to: string, g: Granularity): string[] {
  const step = g === 'month' ? 1 : 3;
  const first = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  const start = g === 'quarter' ? addCalendarMonths(first, -(first.getUTCMonth() % 3)) : first;
  const out: string[] = [];
  for (let d = start; isoDay(d) <= to; d = addCalendarMonths(d, step)) out.push(isoDay(d));
  return out;
}
