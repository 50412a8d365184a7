import type { SignalDecision } from '../../../domain/persons.js';
import { type SignalInput, signalGoesToHub } from '../../../domain/signals.js';
import { writeAccessLog, writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { assertMaySeePerson, assertMaySeeSignal, assertMayTriageSignal, coordinatorMunicipalities, mayTriageSignal } from '../../policy.js';
import { activeCaseOfHousehold, addEvent } from '../cases/cases.repository.js';
import * as families from '../families/families.repository.js';
import { viewerOf } from '../families/families.service.js';
import { professionalContact } from '../involvement/involvement.repository.js';
import { notify } from '../notifications/notifications.service.js';
import * as repo from './signals.repository.js';

export function createSignalService(deps: AppDeps) {
  const db = deps.database.db;

  const log = (
    tx: DbOrTx,
    actor: Actor,
    meta: RequestMeta,
    eventType: 'create' | 'read' | 'update',
    s: { id?: string; personId?: string | null },
    purpose: string,
  ) => writeAccessLog(tx, actor, meta, { eventType, objectType: 'signal', objectId: s.id ?? null, subjectPersonId: s.personId ?? null, purpose });

  /** A list of signals names each client it shows in the access log. */
  const logList = (tx: DbOrTx, actor: Actor, meta: RequestMeta, rows: { signal: { personId: string } }[], purpose: string) =>
    writeAccessLogForSubjects(
      tx,
      actor,
      meta,
      { eventType: 'read', objectType: 'signal', purpose },
      rows.map((r) => r.signal.personId),
    );

  async function checkFactors(tx: DbOrTx, input: SignalInput) {
    const known = new Map((await repo.listFactors(tx)).map((f) => [f.code, f.kind]));
    const problems: ErrorDetail[] = [];
    input.riskFactors.forEach((c, i) => {
      if (known.get(c) !== 'risk') problems.push({ path: `body.riskFactors.${i}`, code: 'unknown_factor' });
    });
    input.protectiveFactors.forEach((c, i) => {
      if (known.get(c) !== 'protective') problems.push({ path: `body.protectiveFactors.${i}`, code: 'unknown_factor' });
    });
    if (problems.length) throw new AppError('validation_failed', problems);
  }

  async function loadForCoordinator(tx: DbOrTx, actor: Actor, id: string) {
    const s = await repo.findSignal(tx, id);
    assertMaySeeSignal(actor, s);
    assertMayTriageSignal(actor, s);
    return s;
  }

  return {
    factors: (includeInactive = false) => repo.listFactors(db, includeInactive),

    async createFactor(f: { code: string; kind: 'risk' | 'protective'; labelNl: string; labelEn: string; sortOrder: number }, actor: Actor, meta: RequestMeta) {
      return db
        .transaction(async (tx) => {
          const row = await repo.insertFactor(tx, f);
          await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'signal_factor', objectId: f.code, purpose: 'functioneel beheer' });
          return row;
        })
        .catch((err) => {
          if (isUniqueViolation(err)) throw new AppError('conflict', [{ path: 'body.code', code: 'code_taken' }]);
          throw err;
        });
    },

    async updateFactor(
      code: string,
      version: number,
      patch: { labelNl?: string; labelEn?: string; active?: boolean; sortOrder?: number },
      actor: Actor,
      meta: RequestMeta,
    ) {
      return db.transaction(async (tx) => {
        if (!(await repo.findFactor(tx, code))) throw new AppError('not_found');
        const row = await repo.updateFactor(tx, code, version, patch);
        if (!row) throw new AppError('version_conflict');
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'signal_factor', objectId: code, purpose: 'functioneel beheer' });
        return row;
      });
    },

    /**
     * Records a signal about a person the actor may see. With consent (or when safety is at stake — the meldcode
     * path) it goes to the intake queue of the person's municipality; its coordinators are notified without content.
     */
    async create(actor: Actor, personId: string, input: SignalInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const person = assertMaySeePerson(actor, await families.findVisiblePerson(tx, personId, viewerOf(actor)), personId);
        await checkFactors(tx, input);
        const toHub = signalGoesToHub(input);
        const signal = await repo.insertSignal(tx, {
          ...input,
          personId,
          householdId: person.householdId,
          municipalityId: person.municipalityId,
          signallerId: actor.userId,
          organisationId: actor.organisationId,
          toHub,
        });
        // A new signal about a household with an open case belongs on that case's timeline (no content: a link).
        const openCase = await activeCaseOfHousehold(tx, person.householdId);
        if (openCase) await addEvent(tx, openCase.id, 'signal', actor.userId, { signalId: signal.id, vulnerabilityLevel: input.vulnerabilityLevel });
        if (toHub) {
          const coordinators = await repo.coordinatorsOf(tx, person.municipalityId);
          await notify(
            tx,
            deps.config.publicUrl,
            input.safetyConcern ? 'signal_safety' : 'signal',
            coordinators.map((c) => c.id),
            { signalId: signal.id },
          );
        }
        await log(tx, actor, meta, 'create', signal, 'signaal vastleggen');
        return signal;
      });
    },

    async mine(actor: Actor, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await repo.signalsBy(tx, actor.userId);
        await logList(tx, actor, meta, rows, 'eigen signalen');
        return {
          rows,
          names: await repo.userNames(
            tx,
            rows.map((r) => r.signal.acknowledgedById ?? ''),
          ),
        };
      });
    },

    async intake(actor: Actor, f: { open: boolean }, meta: RequestMeta) {
      const munis = coordinatorMunicipalities(actor);
      if (!munis.length) throw new AppError('not_found');
      return db.transaction(async (tx) => {
        const rows = await repo.intake(tx, munis, f);
        await logList(tx, actor, meta, rows, 'intake signalen');
        return {
          rows,
          names: await repo.userNames(
            tx,
            rows.flatMap((r) => [r.signal.signallerId, r.signal.acknowledgedById ?? '']),
          ),
        };
      });
    },

    /** One signal with the signaller's contact (for the coordinator to call back) and the person it is about. */
    async get(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const s = await repo.findSignal(tx, id);
        assertMaySeeSignal(actor, s);
        const person = (await families.findPersonById(tx, s.personId))!;
        const signaller = await professionalContact(tx, s.signallerId);
        const names = await repo.userNames(tx, [s.acknowledgedById ?? '', s.decidedById ?? '']);
        await log(tx, actor, meta, 'read', s, 'signaal inzien');
        return { signal: s, person, signaller, names, triage: mayTriageSignal(actor, s) };
      });
    },

    async about(actor: Actor, personId: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        assertMaySeePerson(actor, await families.findVisiblePerson(tx, personId, viewerOf(actor)), personId);
        const rows = await repo.signalsAbout(tx, personId, actor.userId, coordinatorMunicipalities(actor));
        await log(tx, actor, meta, 'read', { personId }, 'signalen bij cliënt');
        return rows;
      });
    },

    /** The coordinator confirms receipt; the signaller sees "ontvangen door de coördinator op …". */
    async acknowledge(actor: Actor, id: string, version: number, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const s = await loadForCoordinator(tx, actor, id);
        if (s.acknowledgedAt) return s;
        const updated = await repo.updateSignal(tx, id, version, { acknowledgedAt: new Date(), acknowledgedById: actor.userId });
        if (!updated) throw new AppError('version_conflict');
        await notify(tx, deps.config.publicUrl, 'signal_acknowledged', [s.signallerId], { signalId: id });
        await log(tx, actor, meta, 'update', updated, 'signaal ontvangen');
        return updated;
      });
    },

    /** The coordinator's decision (advice, direct support, exploration) with its date; a decision implies receipt. */
    async decide(actor: Actor, id: string, version: number, d: { decision: SignalDecision; note: string | null }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const s = await loadForCoordinator(tx, actor, id);
        const now = new Date();
        const ack = s.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: actor.userId };
        const updated = await repo.updateSignal(tx, id, version, {
          ...ack,
          decision: d.decision,
          decisionNote: d.note,
          decidedAt: now,
          decidedById: actor.userId,
        });
        if (!updated) throw new AppError('version_conflict');
        await notify(tx, deps.config.publicUrl, 'signal_decided', [s.signallerId], { signalId: id });
        await log(tx, actor, meta, 'update', updated, 'besluit op signaal');
        return updated;
      });
    },
  };
}
