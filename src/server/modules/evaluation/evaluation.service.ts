import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { parseCbsPopulation } from '../../../domain/cbs-population.js';
import { demandEstimate } from '../../../domain/demand.js';
import {
  type AgreementInput,
  type BottleneckInput,
  type PopulationInput,
  type QuickscanInput,
  quickscanChanges,
  quickscanGaps,
  REVIEW_REMINDER_DAYS,
  reviewReminderDue,
} from '../../../domain/evaluation.js';
import { dutchDate } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { agreements, bottlenecks, municipalityPopulation, quickscans, userMunicipalities, users } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { monitoredMunicipality } from '../monitor/scope.js';
import { notify } from '../notifications/notifications.service.js';

type Versioned<T> = T & { version: number };
const staffId = (actor: Actor) => (actor.kind === 'staff' ? actor.userId : null);
const conflict = (currentVersion: number) => new AppError('version_conflict', [], {}, { currentVersion });

/**
 * The network's evaluation registers for one municipality: bottlenecks, the Integrale Vroeghulp quickscan with the
 * demand estimate, and the agreements register. They hold no personal data — they describe the network — but they
 * are the municipality's working documents, so the same people as the monitor read and keep them, and every change
 * is logged. Changes carry the version they were based on; a stale one answers 409.
 */
export function createEvaluationService(deps: AppDeps) {
  const db = deps.database.db;

  /** Loads a register row and checks the actor may keep its municipality's registers; unknown or not allowed: 404. */
  async function own<T extends { municipalityId: string }>(rows: T[], actor: Actor) {
    const row = rows[0];
    if (!row) throw new AppError('not_found');
    await monitoredMunicipality(db, actor, row.municipalityId);
    return row;
  }

  const log = (tx: DbOrTx, actor: Actor, meta: RequestMeta, eventType: 'create' | 'update' | 'delete' | 'read', objectType: string, objectId: string) =>
    writeAccessLog(tx, actor, meta, { eventType, objectType, objectId, purpose: 'evaluatie van het netwerk' });

  return {
    // --- Bottlenecks -------------------------------------------------------------------------------------------
    async bottlenecks(actor: Actor, municipalityId: string) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db
        .select()
        .from(bottlenecks)
        .where(eq(bottlenecks.municipalityId, municipalityId))
        .orderBy(asc(bottlenecks.phase), desc(bottlenecks.partnersNamed), asc(bottlenecks.title));
    },
    async createBottleneck(actor: Actor, municipalityId: string, input: BottleneckInput, meta: RequestMeta) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db.transaction(async (tx) => {
        const [b] = await tx
          .insert(bottlenecks)
          .values({ municipalityId, ...input })
          .returning();
        await log(tx, actor, meta, 'create', 'bottleneck', b!.id);
        return b!;
      });
    },
    async updateBottleneck(actor: Actor, id: string, input: Versioned<BottleneckInput>, meta: RequestMeta) {
      const b = await own(await db.select().from(bottlenecks).where(eq(bottlenecks.id, id)), actor);
      const { version, ...values } = input;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(bottlenecks)
          .set({ ...values, version: sql`${bottlenecks.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(bottlenecks.id, id), eq(bottlenecks.version, version)))
          .returning();
        if (!row) throw conflict(b.version);
        await log(tx, actor, meta, 'update', 'bottleneck', id);
        return row;
      });
    },
    async deleteBottleneck(actor: Actor, id: string, version: number, meta: RequestMeta) {
      const b = await own(await db.select().from(bottlenecks).where(eq(bottlenecks.id, id)), actor);
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(bottlenecks)
          .where(and(eq(bottlenecks.id, id), eq(bottlenecks.version, version)))
          .returning({ id: bottlenecks.id });
        if (!gone.length) throw conflict(b.version);
        await log(tx, actor, meta, 'delete', 'bottleneck', id);
      });
    },

    // --- Quickscan ---------------------------------------------------------------------------------------------
    async quickscans(actor: Actor, municipalityId: string) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db
        .select({ id: quickscans.id, conductedOn: quickscans.conductedOn })
        .from(quickscans)
        .where(eq(quickscans.municipalityId, municipalityId))
        .orderBy(desc(quickscans.conductedOn), desc(quickscans.createdAt));
    },
    /** A quickscan with its gaps and what changed since the quickscan before it. */
    async quickscan(actor: Actor, id: string) {
      const q = await own(await db.select().from(quickscans).where(eq(quickscans.id, id)), actor);
      const [previous] = await db
        .select()
        .from(quickscans)
        .where(
          and(
            eq(quickscans.municipalityId, q.municipalityId),
            ne(quickscans.id, q.id),
            or(lt(quickscans.conductedOn, q.conductedOn), and(eq(quickscans.conductedOn, q.conductedOn), lt(quickscans.createdAt, q.createdAt))),
          ),
        )
        .orderBy(desc(quickscans.conductedOn), desc(quickscans.createdAt))
        .limit(1);
      return {
        quickscan: q,
        gaps: quickscanGaps(q),
        previous: previous ? { id: previous.id, conductedOn: previous.conductedOn } : null,
        changes: previous ? quickscanChanges(previous, q) : [],
      };
    },
    async createQuickscan(actor: Actor, municipalityId: string, input: QuickscanInput, meta: RequestMeta) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db.transaction(async (tx) => {
        const [q] = await tx
          .insert(quickscans)
          .values({ municipalityId, ...input, createdById: staffId(actor) })
          .returning();
        await log(tx, actor, meta, 'create', 'quickscan', q!.id);
        return q!;
      });
    },
    async updateQuickscan(actor: Actor, id: string, input: Versioned<QuickscanInput>, meta: RequestMeta) {
      const q = await own(await db.select().from(quickscans).where(eq(quickscans.id, id)), actor);
      const { version, ...values } = input;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(quickscans)
          .set({ ...values, version: sql`${quickscans.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(quickscans.id, id), eq(quickscans.version, version)))
          .returning();
        if (!row) throw conflict(q.version);
        await log(tx, actor, meta, 'update', 'quickscan', id);
        return row;
      });
    },

    // --- Population and demand -----------------------------------------------------------------------------------
    /** The municipality's figures (or none yet) and the demand estimate they give. */
    async demand(actor: Actor, municipalityId: string) {
      await monitoredMunicipality(db, actor, municipalityId);
      const [p] = await db.select().from(municipalityPopulation).where(eq(municipalityPopulation.municipalityId, municipalityId));
      if (!p) return { population: null, estimate: null };
      return {
        population: p,
        estimate: demandEstimate({ inhabitants: p.inhabitants, children0to7: p.children0to7 ?? undefined, prevalence: p.prevalence }),
      };
    },
    async setPopulation(
      actor: Actor,
      municipalityId: string,
      input: PopulationInput & { version: number | null },
      source: 'entered' | 'cbs',
      meta: RequestMeta,
    ) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(municipalityPopulation).where(eq(municipalityPopulation.municipalityId, municipalityId)).for('update');
        // An import replaces the figures whatever their version: the file is the newer truth. Editing by hand
        // must be based on what is there.
        if (source === 'entered' && (current?.version ?? null) !== input.version) throw conflict(current?.version ?? 0);
        const { version: _v, ...values } = input;
        const [row] = await tx
          .insert(municipalityPopulation)
          .values({ municipalityId, ...values, source, updatedById: staffId(actor) })
          .onConflictDoUpdate({
            target: municipalityPopulation.municipalityId,
            set: { ...values, source, updatedById: staffId(actor), version: sql`${municipalityPopulation.version} + 1`, updatedAt: sql`now()` },
          })
          .returning();
        await log(tx, actor, meta, current ? 'update' : 'create', 'population', municipalityId);
        return row!;
      });
    },
    /** Imports a CBS StatLine CSV export; keeps the prevalence already set. */
    async importPopulation(actor: Actor, municipalityId: string, csv: string, meta: RequestMeta) {
      const m = await monitoredMunicipality(db, actor, municipalityId);
      const parsed = parseCbsPopulation(csv, m);
      if (!parsed.ok) throw new AppError('invalid_import', parsed.errors);
      const [current] = await db.select().from(municipalityPopulation).where(eq(municipalityPopulation.municipalityId, municipalityId));
      return this.setPopulation(actor, municipalityId, { ...parsed.value, prevalence: current?.prevalence ?? 0.01, version: null }, 'cbs', meta);
    },

    // --- Agreements ----------------------------------------------------------------------------------------------
    async agreements(actor: Actor, municipalityId: string) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db.select().from(agreements).where(eq(agreements.municipalityId, municipalityId)).orderBy(asc(agreements.reviewOn), asc(agreements.title));
    },
    async createAgreement(actor: Actor, municipalityId: string, input: AgreementInput, meta: RequestMeta) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db.transaction(async (tx) => {
        const [a] = await tx
          .insert(agreements)
          .values({ municipalityId, ...input })
          .returning();
        await log(tx, actor, meta, 'create', 'agreement', a!.id);
        return a!;
      });
    },
    async updateAgreement(actor: Actor, id: string, input: Versioned<AgreementInput>, meta: RequestMeta) {
      const a = await own(await db.select().from(agreements).where(eq(agreements.id, id)), actor);
      const { version, ...values } = input;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(agreements)
          .set({ ...values, version: sql`${agreements.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(agreements.id, id), eq(agreements.version, version)))
          .returning();
        if (!row) throw conflict(a.version);
        await log(tx, actor, meta, 'update', 'agreement', id);
        return row;
      });
    },
    async deleteAgreement(actor: Actor, id: string, version: number, meta: RequestMeta) {
      const a = await own(await db.select().from(agreements).where(eq(agreements.id, id)), actor);
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(agreements)
          .where(and(eq(agreements.id, id), eq(agreements.version, version)))
          .returning({ id: agreements.id });
        if (!gone.length) throw conflict(a.version);
        await log(tx, actor, meta, 'delete', 'agreement', id);
      });
    },
  };
}

/**
 * Reminds the coordinators and policy officers of a municipality of agreements whose review date is within
 * REVIEW_REMINDER_DAYS (or past), once per review date. Idempotent: run daily by pg-boss; a second run finds nothing.
 */
export async function runAgreementReminders(db: AppDeps['database']['db'], publicUrl: string, now: Date): Promise<number> {
  const today = dutchDate(now);
  const horizon = new Date(`${today}T00:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + REVIEW_REMINDER_DAYS);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: agreements.id, municipalityId: agreements.municipalityId, reviewOn: agreements.reviewOn, remindedFor: agreements.remindedFor })
      .from(agreements)
      .where(
        and(
          sql`${agreements.reviewOn} <= ${horizon.toISOString().slice(0, 10)}::date`,
          or(isNull(agreements.remindedFor), ne(agreements.remindedFor, agreements.reviewOn)),
        ),
      )
      .for('update', { skipLocked: true });
    const toRemind = due.filter((a) => reviewReminderDue(a.reviewOn, a.remindedFor, today));
    if (!toRemind.length) return 0;
    const people = await tx
      .select({ userId: users.id, municipalityId: userMunicipalities.municipalityId })
      .from(userMunicipalities)
      .innerJoin(users, eq(users.id, userMunicipalities.userId))
      .where(
        and(
          inArray(
            userMunicipalities.municipalityId,
            toRemind.map((a) => a.municipalityId),
          ),
          inArray(users.role, ['coordinator', 'policy']),
          isNull(users.deactivatedAt),
        ),
      );
    for (const a of toRemind) {
      await notify(
        tx,
        publicUrl,
        'agreement_review',
        people.filter((p) => p.municipalityId === a.municipalityId).map((p) => p.userId),
        { page: `/evaluatie/afspraken?gemeente=${a.municipalityId}` },
      );
      await tx.update(agreements).set({ remindedFor: a.reviewOn }).where(eq(agreements.id, a.id));
    }
    return toRemind.length;
  });
}
