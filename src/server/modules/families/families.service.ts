import { sql } from 'drizzle-orm';
import { foldName, impossibleLifeDates, type PersonInput, parseIsoDate, type RelationType } from '../../../domain/persons.js';
import { writeAccessLog, writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { type BsnVault, createBsnVault } from '../../crypto.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { persons } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import {
  assertMayEditPerson,
  assertMayMergePersons,
  assertMaySeePerson,
  coordinatorMunicipalities,
  personAbilities,
  personAccess,
  seesPersonDetails,
} from '../../policy.js';
import { endActiveRegistrations } from '../involvement/involvement.repository.js';
import * as repo from './families.repository.js';

export const viewerOf = (actor: Actor): repo.Viewer => ({
  userId: actor.userId,
  organisationId: actor.organisationId,
  coordinatorMunicipalityIds: coordinatorMunicipalities(actor),
});
const today = () => new Date(new Date().toISOString().slice(0, 10));

/**
 * Checks a person's data against the rules a database constraint cannot express (impossible dates, unknown
 * municipality, an unborn child with a birth date) and returns the row to insert, with the BSN hashed and sealed.
 * Field paths start at `prefix`, so the caller's request shape shows in the error.
 */
export async function preparePerson(
  db: DbOrTx,
  vault: BsnVault,
  input: PersonInput,
  o: { prefix: string; householdId: string; createdById: string },
): Promise<typeof persons.$inferInsert> {
  const problems: ErrorDetail[] = impossibleLifeDates(
    {
      dateOfBirth: input.dateOfBirth ? parseIsoDate(input.dateOfBirth) : null,
      dueDate: input.dueDate ? parseIsoDate(input.dueDate) : null,
      householdRole: input.householdRole,
    },
    today(),
  ).map((p) => ({ path: `${o.prefix}.${p.field}`, code: p.code }));
  if (input.householdRole === 'unborn' && input.dateOfBirth) problems.push({ path: `${o.prefix}.dateOfBirth`, code: 'unborn_has_no_birth_date' });
  if (input.householdRole === 'unborn' && !input.dueDate) problems.push({ path: `${o.prefix}.dueDate`, code: 'required' });
  if (!(await repo.municipalityExists(db, input.municipalityId))) problems.push({ path: `${o.prefix}.municipalityId`, code: 'unknown_municipality' });
  if (problems.length) throw new AppError('validation_failed', problems);
  const { bsn, ...rest } = input;
  return {
    ...rest,
    householdId: o.householdId,
    familyNameKey: foldName(input.familyName),
    bsnHash: bsn ? vault.matchKey(bsn) : null,
    bsnEnc: bsn ? vault.seal(bsn) : null,
    createdById: o.createdById,
  };
}

/** A BSN already known under another person record: a 409 on the field, without saying whose it is. */
export function bsnTaken(prefix: string): AppError {
  return new AppError('conflict', [{ path: `${prefix}.bsn`, code: 'bsn_already_registered' }]);
}

export interface NewMember extends PersonInput {
  relations: { toPersonId: string; type: RelationType }[];
}

export function createFamilyService(deps: AppDeps) {
  const db = deps.database.db;
  const vault = createBsnVault(deps.secretKey);
  const retentionYears = deps.config.involvement.retentionYears;

  /** Loads a person the actor may see, inside the transaction that logs the access; anything else is 404 (denied). */
  async function visible(tx: DbOrTx, actor: Actor, id: string) {
    return assertMaySeePerson(actor, await repo.findVisiblePerson(tx, id, viewerOf(actor)), id);
  }

  const log = (
    tx: DbOrTx,
    actor: Actor,
    meta: RequestMeta,
    eventType: 'read' | 'create' | 'update' | 'search' | 'merge',
    p: { id: string } | null,
    purpose: string,
  ) => writeAccessLog(tx, actor, meta, { eventType, objectType: 'person', objectId: p?.id ?? null, subjectPersonId: p?.id ?? null, purpose });

  return {
    vault,

    /** Exact search only (BSN, or family name + date); every search is logged, with each person found as subject. */
    async search(actor: Actor, q: { bsn?: string | null; familyName?: string; date?: string }, meta: RequestMeta) {
      const query = q.bsn ? { bsnHash: vault.matchKey(q.bsn) } : { familyNameKey: foldName(q.familyName ?? ''), date: q.date ?? '' };
      const found = await repo.searchAndLog(deps.database.pool, query, viewerOf(actor), actor, meta);
      // The repository selected only visible rows; how much of each the actor sees is the policy's call.
      return found.flatMap((p) => {
        const detail = personAccess(actor, p);
        return detail ? [{ ...p, showDetails: seesPersonDetails(detail, p), abilities: personAbilities(actor, detail, p) }] : [];
      });
    },

    /** The person with their household (members and relations); a logged read. */
    async get(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const person = await visible(tx, actor, id);
        const all = await repo.householdMembers(tx, person.householdId, actor.organisationId);
        // A registrant sees the members her organisation recorded and those she registered on; what other
        // organisations added stays hidden until a case with consent (or the coordinator) opens it.
        const registeredOn = person.detail === 'full' ? null : new Set(await registeredPersonIds(tx, actor.userId, person.householdId));
        const members = all
          .filter((m) => !registeredOn || m.recordedByOwnOrganisation || registeredOn.has(m.id) || m.id === person.id)
          .map((m) => ({ ...m, showDetails: seesPersonDetails(person.detail, m) }));
        const shown = new Set(members.map((m) => m.id));
        const relations = (
          await repo.householdRelations(
            tx,
            members.map((m) => m.id),
          )
        ).filter((r) => shown.has(r.toPersonId));
        await writeAccessLogForSubjects(tx, actor, meta, { eventType: 'read', objectType: 'person', objectId: person.id, purpose: 'dossier inzien' }, [
          person.id,
          ...shown,
        ]);
        const activeCase = await repo.householdCaseRelation(tx, person.householdId, actor.userId);
        const abilities = personAbilities(actor, person.detail, person, activeCase);
        return {
          person: {
            ...person,
            showDetails: seesPersonDetails(person.detail, person),
            abilities,
            // That a case runs is shown to whoever sees the client (so she knows whom to ask); its id only to those it admits.
            activeCase: activeCase ? { id: abilities.goToCase ? activeCase.caseId : null } : null,
          },
          members,
          relations,
        };
      });
    },

    /** Adds a member (partner, unborn child, sibling, carer) to the household of a person the actor may see. */
    async addMember(actor: Actor, personId: string, input: NewMember, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const anchor = await visible(tx, actor, personId);
        await repo.lockHousehold(tx, anchor.householdId);
        const members = await repo.householdMembers(tx, anchor.householdId, actor.organisationId);
        const ids = new Set(members.map((m) => m.id));
        const bad = input.relations.map((r, i) => ({ r, i })).filter(({ r }) => !ids.has(r.toPersonId));
        if (bad.length)
          throw new AppError(
            'validation_failed',
            bad.map(({ i }) => ({ path: `body.relations.${i}.toPersonId`, code: 'not_in_household' })),
          );
        const values = await preparePerson(tx, vault, input, { prefix: 'body', householdId: anchor.householdId, createdById: actor.userId });
        if (values.bsnHash && (await repo.findByBsnHash(tx, values.bsnHash))) throw bsnTaken('body');
        const person = await repo.insertPerson(tx, values);
        await repo.insertRelations(
          tx,
          input.relations.map((r) => ({ fromPersonId: person.id, toPersonId: r.toPersonId, type: r.type })),
        );
        await log(tx, actor, meta, 'create', person, 'gezinslid vastleggen');
        return person;
      });
    },

    /** Edits a person (optimistic version); a date of death ends every active registration of the person at once. */
    async update(actor: Actor, id: string, version: number, patch: Partial<PersonInput> & { deceasedOn?: string | null }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const current = await visible(tx, actor, id);
        assertMayEditPerson(current.detail, current);
        const merged: PersonInput = {
          givenName: current.givenName,
          familyName: current.familyName,
          dateOfBirth: current.dateOfBirth,
          dueDate: current.dueDate,
          bsn: null,
          householdRole: current.householdRole,
          address: current.address,
          postcode: current.postcode,
          municipalityId: current.municipalityId,
          preferredLanguage: current.preferredLanguage,
          interpreterNeeded: current.interpreterNeeded,
          contactPhone: current.contactPhone,
          contactEmail: current.contactEmail,
          contactNote: current.contactNote,
          ...patch,
        };
        const values = await preparePerson(tx, vault, merged, { prefix: 'body', householdId: current.householdId, createdById: actor.userId });
        const { bsnHash, bsnEnc, createdById: _c, ...rest } = values;
        const bsnChange = patch.bsn ? { bsnHash, bsnEnc } : {};
        if (bsnHash && patch.bsn) {
          const other = await repo.findByBsnHash(tx, bsnHash);
          if (other && other.id !== id) throw bsnTaken('body');
        }
        if (patch.deceasedOn && patch.deceasedOn > today().toISOString().slice(0, 10))
          throw new AppError('validation_failed', [{ path: 'body.deceasedOn', code: 'date_in_future' }]);
        const updated = await repo.updatePerson(tx, id, version, { ...rest, ...bsnChange, deceasedOn: patch.deceasedOn ?? current.deceasedOn });
        if (!updated) throw new AppError('version_conflict');
        if (patch.deceasedOn && !current.deceasedOn) await endActiveRegistrations(tx, { personId: id }, 'death', new Date(), retentionYears);
        await log(tx, actor, meta, 'update', updated, 'gegevens bijwerken');
        return updated;
      });
    },

    /** Birth: the unborn child's record becomes a child's, keeping its id and so all its history. */
    async recordBirth(actor: Actor, id: string, version: number, b: { dateOfBirth: string; givenName: string }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const current = await visible(tx, actor, id);
        assertMayEditPerson(current.detail, current);
        if (current.householdRole !== 'unborn') throw new AppError('conflict', [{ path: 'params.id', code: 'not_unborn' }]);
        const problems = impossibleLifeDates(
          { dateOfBirth: parseIsoDate(b.dateOfBirth), dueDate: current.dueDate ? parseIsoDate(current.dueDate) : null, householdRole: 'child' },
          today(),
        );
        if (problems.length)
          throw new AppError(
            'validation_failed',
            problems.map((p) => ({ path: `body.${p.field}`, code: p.code })),
          );
        const updated = await repo.updatePerson(tx, id, version, { dateOfBirth: b.dateOfBirth, givenName: b.givenName, householdRole: 'child' });
        if (!updated) throw new AppError('version_conflict');
        await log(tx, actor, meta, 'update', updated, 'geboorte vastleggen');
        return updated;
      });
    },

    /** Possible duplicates among the persons of the coordinator's municipalities, for review and merging. */
    async duplicates(actor: Actor, meta: RequestMeta) {
      const munis = coordinatorMunicipalities(actor);
      if (!munis.length) throw new AppError('not_found');
      return db.transaction(async (tx) => {
        const pairs = await repo.duplicatePairs(tx, munis);
        const out: { a: repo.PersonRow; b: repo.PersonRow; reason: (typeof pairs)[number]['reason'] }[] = [];
        for (const pair of pairs) {
          const a = await repo.findPersonById(tx, pair.a);
          const b = await repo.findPersonById(tx, pair.b);
          if (a && b) out.push({ a, b, reason: pair.reason });
        }
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'search', objectType: 'person', purpose: 'mogelijke dubbele registraties' },
          out.flatMap((p) => [p.a.id, p.b.id]),
        );
        return out;
      });
    },

    /**
     * Merges `goneId` into `keepId`: registrations, signals, measurements, responses and relations move over; the
     * merged record is kept (for the log) but never shown. A registration that would be doubled ends as 'merged'.
     */
    async merge(actor: Actor, keepId: string, goneId: string, meta: RequestMeta) {
      if (keepId === goneId) throw new AppError('validation_failed', [{ path: 'body.mergeId', code: 'same_person' }]);
      return db.transaction(async (tx) => {
        const keep = await repo.findPersonById(tx, keepId);
        const gone = await repo.findPersonById(tx, goneId);
        if (!keep || !gone) throw new AppError('not_found');
        assertMayMergePersons(actor, keep, gone);
        if (keep.bsnHash && gone.bsnHash && keep.bsnHash !== gone.bsnHash) throw new AppError('conflict', [{ path: 'body.mergeId', code: 'different_bsn' }]);
        await repo.lockHousehold(tx, keep.householdId);
        await repo.lockHousehold(tx, gone.householdId);
        await mergeRecords(tx, keep, gone, retentionYears);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'merge',
          objectType: 'person',
          objectId: keep.id,
          subjectPersonId: keep.id,
          purpose: 'dubbele registratie samenvoegen',
        });
        await writeAccessLog(tx, actor, meta, {
          eventType: 'merge',
          objectType: 'person',
          objectId: gone.id,
          subjectPersonId: gone.id,
          purpose: 'dubbele registratie samenvoegen',
        });
        return keep;
      });
    },
  };
}

/** The persons of a household this user has an active involvement registration with. */
async function registeredPersonIds(tx: DbOrTx, userId: string, householdId: string): Promise<string[]> {
  const res = await tx.execute<{ person_id: string }>(
    sql`SELECT person_id FROM involvement_registrations WHERE user_id = ${userId} AND household_id = ${householdId} AND ended_at IS NULL`,
  );
  return res.rows.map((r) => r.person_id);
}

async function mergeRecords(tx: Tx, keep: repo.PersonRow, gone: repo.PersonRow, retentionYears: number) {
  // A professional registered on both records keeps one registration: the other ends as 'merged'.
  await tx.execute(sql`
    UPDATE involvement_registrations g SET ended_at = now(), end_reason = 'merged',
      delete_after = (now() + make_interval(years => ${retentionYears}))::date
    WHERE g.person_id = ${gone.id} AND g.ended_at IS NULL
      AND EXISTS (SELECT 1 FROM involvement_registrations k WHERE k.person_id = ${keep.id} AND k.user_id = g.user_id AND k.ended_at IS NULL)`);
  await tx.execute(sql`UPDATE involvement_registrations SET person_id = ${keep.id}, household_id = ${keep.householdId} WHERE person_id = ${gone.id}`);
  await tx.execute(sql`UPDATE signals SET person_id = ${keep.id}, household_id = ${keep.householdId} WHERE person_id = ${gone.id}`);
  await tx.execute(sql`UPDATE health_measurements SET person_id = ${keep.id} WHERE person_id = ${gone.id}`);
  await tx.execute(sql`UPDATE questionnaire_responses SET person_id = ${keep.id} WHERE person_id = ${gone.id}`);
  await tx.execute(sql`
    INSERT INTO person_relations (from_person_id, to_person_id, type)
    SELECT CASE WHEN from_person_id = ${gone.id} THEN ${keep.id}::uuid ELSE from_person_id END,
           CASE WHEN to_person_id = ${gone.id} THEN ${keep.id}::uuid ELSE to_person_id END, type
    FROM person_relations WHERE (from_person_id = ${gone.id} OR to_person_id = ${gone.id})
      AND from_person_id <> to_person_id
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`DELETE FROM person_relations WHERE from_person_id = ${gone.id} OR to_person_id = ${gone.id} OR from_person_id = to_person_id`);
  const moveBsn = !keep.bsnHash && gone.bsnHash;
  await tx.execute(
    sql`UPDATE persons SET merged_into_id = ${keep.id}, bsn_hash = NULL, bsn_enc = NULL, version = version + 1, updated_at = now() WHERE id = ${gone.id}`,
  );
  if (moveBsn)
    await tx.execute(
      sql`UPDATE persons SET bsn_hash = ${gone.bsnHash}, bsn_enc = ${gone.bsnEnc}, version = version + 1, updated_at = now() WHERE id = ${keep.id}`,
    );
}
