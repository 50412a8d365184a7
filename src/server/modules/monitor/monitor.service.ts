import { eq } from 'drizzle-orm';
import { CASE_PHASES } from '../../../domain/cases.js';
import { EXPERIENCE_ANSWERS } from '../../../domain/meetings.js';
import { DECLINE_REASONS, REFERRAL_STATUSES } from '../../../domain/referrals.js';
import { type SuppressedTable, suppressCount, suppressTable } from '../../../domain/suppression.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { municipalities } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { assertMayMonitor } from '../../policy.js';
import { monitorFigures, type Period } from './monitor.repository.js';

// The columns come from the domain vocabularies, so a new status or reason shows up here too.
const PHASES: string[] = [...CASE_PHASES];
const REFERRAL_COLUMNS: string[] = [...REFERRAL_STATUSES];
const DECLINE_COLUMNS: string[] = [...DECLINE_REASONS];
const ANSWER_COLUMNS: string[] = [...EXPERIENCE_ANSWERS];

export interface Panel extends SuppressedTable {
  rows: string[];
  columns: string[];
}

/** One row of counts over named columns, suppressed with its total. */
function row(columns: string[], counts: Record<string, number>): Panel {
  return { rows: ['all'], columns, ...suppressTable({ cells: [columns.map((c) => counts[c] ?? 0)] }) };
}

/**
 * The monitor for one municipality and period: every figure suppressed below 10 (with complementary suppression in
 * tables), so that nothing about a single family can be read or re-derived. Reading it is logged.
 */
export function createMonitorService(deps: AppDeps) {
  const db = deps.database.db;
  return {
    async dashboard(actor: Actor, p: Period, meta: RequestMeta) {
      const [m] = await db
        .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
        .from(municipalities)
        .where(eq(municipalities.id, p.municipalityId));
      assertMayMonitor(actor, m);
      return db.transaction(async (tx) => {
        const f = await monitorFigures(tx, p);
        await writeAccessLog(tx, actor, meta, { eventType: 'read', objectType: 'monitor', objectId: p.municipalityId, purpose: `monitor ${p.from} – ${p.to}` });
        const orgTypes = [...new Set(f.referralStatus.map((x) => x.row_k))].sort();
        const status = suppressTable({
          cells: orgTypes.map((t) => REFERRAL_COLUMNS.map((s) => f.referralStatus.find((x) => x.row_k === t && x.col_k === s)?.n ?? 0)),
        });
        const matchTable = row(['followed', 'not_followed'], { followed: f.matches.followed, not_followed: f.matches.n - f.matches.followed });
        const norm = row(['in_time', 'late'], { in_time: f.norm.in_time, late: f.norm.answered - f.norm.in_time });
        const signalTypes = Object.keys(f.signalsByOrgType).sort();
        return {
          municipality: { id: m.id, name: m.name },
          period: { from: p.from, to: p.to },
          households: suppressCount(f.households),
          phases: row(PHASES, f.phases),
          signalsByOrgType: row(signalTypes, f.signalsByOrgType),
          regie: row(['with_director', 'without_director'], f.regie),
          matches: {
            ...matchTable,
            // A median of fewer than 10 follow-ups would describe too few families.
            medianDays: matchTable.cells[0]![0] !== null && f.matches.median_days !== null ? Math.round(f.matches.median_days * 10) / 10 : null,
          },
          referrals: { rows: orgTypes, columns: REFERRAL_COLUMNS, ...status },
          declinedByReason: row(DECLINE_COLUMNS, f.declinedByReason),
          answeredInTime: {
            ...norm,
            share: norm.cells[0]![0] !== null && norm.cells[0]![1] !== null && f.norm.answered > 0 ? f.norm.in_time / f.norm.answered : null,
          },
          doubleDiscussions: row(['confirmed', 'prevented'], {
            confirmed: f.doubleDiscussions.confirmed,
            prevented: Math.max(0, f.doubleDiscussions.warned - f.doubleDiscussions.confirmed),
          }),
          experienceHeard: row(ANSWER_COLUMNS, f.experienceHeard),
        };
      });
    },
  };
}
