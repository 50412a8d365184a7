import type { QuestionnaireDefinition } from '../../../domain/questionnaires.js';
import { scoreQuestionnaire } from '../../../domain/questionnaires.js';
import type { PositiveHealthScores } from '../../../domain/signals.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { assertMaySeePerson, maySeeScreeningRecord, screeningScope } from '../../policy.js';
import * as families from '../families/families.repository.js';
import { viewerOf } from '../families/families.service.js';
import * as repo from './screening.repository.js';

export function createScreeningService(deps: AppDeps) {
  const db = deps.database.db;

  async function person(tx: DbOrTx, actor: Actor, id: string) {
    const p = assertMaySeePerson(actor, await families.findVisiblePerson(tx, id, viewerOf(actor)), id);
    return p;
  }
  const log = (
    tx: DbOrTx,
    actor: Actor,
    meta: RequestMeta,
    eventType: 'create' | 'read',
    objectType: string,
    personId: string,
    objectId: string | null,
    purpose: string,
  ) => writeAccessLog(tx, actor, meta, { eventType, objectType, objectId, subjectPersonId: personId, purpose });

  return {
    list: (includeInactive = false) => repo.listQuestionnaires(db, includeInactive),

    async get(id: string) {
      const q = await repo.findQuestionnaire(db, id);
      if (!q) throw new AppError('not_found');
      return q;
    },

    async create(actor: Actor, q: { code: string; nameNl: string; nameEn: string; definition: QuestionnaireDefinition }, meta: RequestMeta) {
      return db
        .transaction(async (tx) => {
          const row = await repo.insertQuestionnaire(tx, q);
          await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'questionnaire', objectId: row.id, purpose: 'functioneel beheer' });
          return row;
        })
        .catch((err) => {
          if (isUniqueViolation(err)) throw new AppError('conflict', [{ path: 'body.code', code: 'code_taken' }]);
          throw err;
        });
    },

    async update(
      actor: Actor,
      id: string,
      version: number,
      patch: { nameNl?: string; nameEn?: string; definition?: QuestionnaireDefinition; active?: boolean },
      meta: RequestMeta,
    ) {
      return db.transaction(async (tx) => {
        if (!(await repo.findQuestionnaire(tx, id))) throw new AppError('not_found');
        const row = await repo.updateQuestionnaire(tx, id, version, patch);
        if (!row) throw new AppError('version_conflict');
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'questionnaire', objectId: id, purpose: 'functioneel beheer' });
        return row;
      });
    },

    /** Scores a completed questionnaire; the score only *suggests* consultation. Old answers keep the definition they were given under. */
    async respond(actor: Actor, personId: string, input: { questionnaireId: string; answers: Record<string, number> }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        await person(tx, actor, personId);
        const q = await repo.findQuestionnaire(tx, input.questionnaireId);
        if (!q || !q.active) throw new AppError('validation_failed', [{ path: 'body.questionnaireId', code: 'unknown_questionnaire' }]);
        const scored = scoreQuestionnaire(q.definition, input.answers);
        if (!scored.ok)
          throw new AppError(
            'validation_failed',
            scored.problems.map((p) => ({ path: `body.answers.${p.item}`, code: p.code })),
          );
        const row = await repo.insertResponse(tx, {
          personId,
          questionnaireId: q.id,
          definition: q.definition,
          answers: input.answers,
          score: scored.score,
          recordedById: actor.userId,
          organisationId: actor.organisationId,
        });
        await log(tx, actor, meta, 'create', 'questionnaire_response', personId, row.id, 'screening vastleggen');
        return { ...row, nameNl: q.nameNl, nameEn: q.nameEn };
      });
    },

    async responses(actor: Actor, personId: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const p = await person(tx, actor, personId);
        const sc = screeningScope(actor, p);
        const rows = (await repo.responsesOf(tx, personId, sc.organisationId, sc.allOrganisations)).filter((r) => maySeeScreeningRecord(actor, p, r.response));
        await log(tx, actor, meta, 'read', 'questionnaire_response', personId, null, 'screening inzien');
        return rows;
      });
    },

    async measure(actor: Actor, personId: string, input: { measuredOn: string; scores: PositiveHealthScores }, meta: RequestMeta) {
      if (input.measuredOn > new Date().toISOString().slice(0, 10))
        throw new AppError('validation_failed', [{ path: 'body.measuredOn', code: 'date_in_future' }]);
      return db.transaction(async (tx) => {
        await person(tx, actor, personId);
        const row = await repo.insertMeasurement(tx, {
          personId,
          measuredOn: input.measuredOn,
          scores: input.scores,
          recordedById: actor.userId,
          organisationId: actor.organisationId,
        });
        await log(tx, actor, meta, 'create', 'health_measurement', personId, row.id, 'positieve gezondheid vastleggen');
        return row;
      });
    },

    async measurements(actor: Actor, personId: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const p = await person(tx, actor, personId);
        const sc = screeningScope(actor, p);
        const rows = (await repo.measurementsOf(tx, personId, sc.organisationId, sc.allOrganisations)).filter((r) => maySeeScreeningRecord(actor, p, r));
        await log(tx, actor, meta, 'read', 'health_measurement', personId, null, 'positieve gezondheid inzien');
        return rows;
      });
    },
  };
}
