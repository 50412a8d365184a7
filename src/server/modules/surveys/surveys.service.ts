import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { suppressCount } from '../../../domain/suppression.js';
import { compareRounds, emptyTally, MEASUREMENTS, type Measurement, type RoundTallies, type ScaleAnswer, type SurveyInput } from '../../../domain/surveys.js';
import { dutchDate } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { surveyResponses, surveyRounds, surveys } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { monitoredMunicipality } from '../monitor/scope.js';

type Db = AppDeps['database']['db'];

/** Respondents and answers per item and scale point for the given rounds, counted in SQL. */
async function tallies(db: Db, roundIds: string[]) {
  if (!roundIds.length) return new Map<string, { respondents: number; items: RoundTallies['items'] }>();
  const ids = sql.join(
    roundIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const res = await db.execute<{ round_id: string; item: string | null; answer: string | null; n: number }>(sql`
    SELECT round_id, NULL AS item, NULL AS answer, count(*)::int AS n FROM survey_responses WHERE round_id IN (${ids}) GROUP BY round_id
    UNION ALL
    SELECT s.round_id, e.key, e.value, count(*)::int FROM survey_responses s, jsonb_each_text(s.answers) e
    WHERE s.round_id IN (${ids}) GROUP BY s.round_id, e.key, e.value`);
  const out = new Map<string, { respondents: number; items: RoundTallies['items'] }>(roundIds.map((id) => [id, { respondents: 0, items: {} }]));
  for (const row of res.rows) {
    const t = out.get(row.round_id)!;
    if (row.item === null) t.respondents = row.n;
    else {
      const tally = t.items[row.item] ?? emptyTally();
      tally[row.answer as ScaleAnswer] = row.n;
      t.items[row.item] = tally;
    }
  }
  return out;
}

/**
 * Collaboration surveys: built by a municipality's coordinator or policy officer, measured in rounds with an
 * anonymous link, read only as suppressed shares. The answers carry no user, address or time of day.
 */
export function createSurveyService(deps: AppDeps) {
  const db = deps.database.db;
  const linkOf = (token: string) => `${deps.config.publicUrl}/enquete/${token}`;

  async function load(actor: Actor, id: string) {
    const [s] = await db.select().from(surveys).where(eq(surveys.id, id));
    if (!s) throw new AppError('not_found');
    await monitoredMunicipality(db, actor, s.municipalityId);
    return s;
  }

  return {
    async list(actor: Actor, municipalityId: string) {
      await monitoredMunicipality(db, actor, municipalityId);
      const rows = await db
        .select({
          id: surveys.id,
          title: surveys.title,
          createdAt: surveys.createdAt,
          rounds: sql<
            Measurement[]
          >`coalesce((SELECT array_agg(r.measurement ORDER BY r.created_at) FROM survey_rounds r WHERE r.survey_id = ${surveys.id}), '{}')`,
        })
        .from(surveys)
        .where(eq(surveys.municipalityId, municipalityId))
        .orderBy(desc(surveys.createdAt));
      return rows;
    },

    async create(actor: Actor, municipalityId: string, input: SurveyInput, meta: RequestMeta) {
      await monitoredMunicipality(db, actor, municipalityId);
      return db.transaction(async (tx) => {
        const [s] = await tx
          .insert(surveys)
          .values({ municipalityId, title: input.title, items: input.items, createdById: actor.kind === 'staff' ? actor.userId : null })
          .returning();
        await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'survey', objectId: s!.id, purpose: 'samenwerkingsmeting' });
        return s!;
      });
    },

    async openRound(actor: Actor, id: string, input: { measurement: Measurement; closesOn: string | null }, meta: RequestMeta) {
      const s = await load(actor, id);
      if (input.closesOn && input.closesOn < dutchDate(new Date())) throw new AppError('validation_failed', [{ path: 'body.closesOn', code: 'in_past' }]);
      try {
        return await db.transaction(async (tx) => {
          const [r] = await tx
            .insert(surveyRounds)
            .values({ surveyId: s.id, measurement: input.measurement, token: randomBytes(18).toString('base64url'), closesOn: input.closesOn })
            .returning();
          await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'survey_round', objectId: r!.id, purpose: 'samenwerkingsmeting' });
          return { id: r!.id, link: linkOf(r!.token) };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', [{ path: 'body.measurement', code: 'round_exists' }]);
        throw err;
      }
    },

    async closeRound(actor: Actor, id: string, roundId: string, meta: RequestMeta) {
      const s = await load(actor, id);
      return db.transaction(async (tx) => {
        const [r] = await tx
          .update(surveyRounds)
          .set({ closedAt: sql`coalesce(${surveyRounds.closedAt}, now())` })
          .where(and(eq(surveyRounds.id, roundId), eq(surveyRounds.surveyId, s.id)))
          .returning();
        if (!r) throw new AppError('not_found');
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'survey_round', objectId: r.id, purpose: 'meting sluiten' });
        return r;
      });
    },

    /** The survey with its rounds (links, whether open, respondents) and the side-by-side comparison. */
    async get(actor: Actor, id: string, meta: RequestMeta) {
      const s = await load(actor, id);
      const rounds = await db.select().from(surveyRounds).where(eq(surveyRounds.surveyId, s.id)).orderBy(asc(surveyRounds.createdAt));
      rounds.sort((a, b) => MEASUREMENTS.indexOf(a.measurement as Measurement) - MEASUREMENTS.indexOf(b.measurement as Measurement));
      const t = await tallies(
        db,
        rounds.map((r) => r.id),
      );
      await writeAccessLog(db, actor, meta, { eventType: 'read', objectType: 'survey', objectId: s.id, purpose: 'samenwerkingsmeting (geaggregeerd)' });
      const today = dutchDate(new Date());
      return {
        survey: s,
        rounds: rounds.map((r) => ({
          id: r.id,
          measurement: r.measurement as Measurement,
          link: linkOf(r.token),
          closesOn: r.closesOn,
          open: isOpen(r, today),
          respondents: suppressCount(t.get(r.id)!.respondents),
        })),
        comparison: compareRounds(
          s.items,
          rounds.map((r) => ({ measurement: r.measurement as Measurement, ...t.get(r.id)! })),
        ),
      };
    },

    /** The public form behind a link: the survey's questions, nothing about who else answered. */
    async form(token: string) {
      const r = await roundByToken(token);
      return { title: r.title, measurement: r.measurement as Measurement, items: r.items, open: isOpen(r, dutchDate(new Date())) };
    },

    async answer(token: string, answers: Record<string, ScaleAnswer>) {
      const r = await roundByToken(token);
      if (!isOpen(r, dutchDate(new Date()))) throw new AppError('token_invalid', [{ path: 'params.token', code: 'survey_closed' }]);
      await db.insert(surveyResponses).values({ roundId: r.id, answers, answeredOn: dutchDate(new Date()) });
    },
  };

  async function roundByToken(token: string) {
    const [r] = await db
      .select({
        id: surveyRounds.id,
        measurement: surveyRounds.measurement,
        closesOn: surveyRounds.closesOn,
        closedAt: surveyRounds.closedAt,
        title: surveys.title,
        items: surveys.items,
      })
      .from(surveyRounds)
      .innerJoin(surveys, eq(surveys.id, surveyRounds.surveyId))
      .where(eq(surveyRounds.token, token));
    if (!r) throw new AppError('not_found');
    return r;
  }
}

function isOpen(r: { closedAt: Date | null; closesOn: string | null }, today: string) {
  return !r.closedAt && (!r.closesOn || today <= r.closesOn);
}
