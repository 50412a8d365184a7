import { informingLetter } from '../../../domain/informing.js';
import {
  ageLimitApplies,
  foldName,
  MAX_REGISTRATION_MONTHS,
  type PersonInput,
  parseIsoDate,
  registrationEnd,
  secondIdentifierMatches,
  whomToInform,
} from '../../../domain/persons.js';
import { workingDaysAgo } from '../../../domain/working-days.js';
import { writeAccessLog, writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { createBsnVault } from '../../crypto.js';
import type { DbOrTx } from '../../db/client.js';
import type { AppDeps } from '../../deps.js';
import { AppError, deniedError } from '../../errors.js';
import { assertMaySeePerson, assertOwnRegistration, coordinatorMunicipalities, mayRegisterInvolvementIn } from '../../policy.js';
import * as families from '../families/families.repository.js';
import { bsnTaken, preparePerson, viewerOf } from '../families/families.service.js';
import * as repo from './involvement.repository.js';
import { verwijsindexAdapter } from './verwijsindex.js';

export interface RegisterInput {
  durationMonths: number;
  startDate?: string | null;
  /** A person the actor may already see (her own registration, a case with consent, the coordinator's municipality). */
  personId?: string;
  /**
   * A person by their data: found by BSN, or by name and date together with a matching postcode and house number;
   * otherwise created (after the user confirmed, when someone with this name and date may already be known).
   */
  person?: PersonInput;
  confirmNewPerson?: boolean;
}

const isoToday = () => new Date().toISOString().slice(0, 10);

/** A mistyped BSN can pass the elfproef: refuse it when it belongs to someone born on another day. */
function checkBsnBirthDate(data: PersonInput, known: families.PersonRow) {
  if (data.dateOfBirth && known.dateOfBirth && data.dateOfBirth !== known.dateOfBirth)
    throw new AppError('validation_failed', [{ path: 'body.person.bsn', code: 'bsn_does_not_match_birth_date' }]);
}

/** The match e-mail says only that there is one: who it is with is shown after signing in. */
const MATCH_MAIL = (url: string) => ({
  subjectNl: 'Knooppunt: er is een match',
  textNl: `Er is een match: een andere hulpverlener is ook betrokken.\nLog in om te zien met wie: ${url}\n`,
  subjectEn: 'Knooppunt: there is a match',
  textEn: `There is a match: another professional is also involved.\nSign in to see who: ${url}\n`,
});

export function createInvolvementService(deps: AppDeps) {
  const db = deps.database.db;
  const { retentionYears, matchFollowUpWorkingDays, identityChecksPerHour } = deps.config.involvement;
  const vault = createBsnVault(deps.secretKey);
  const verwijsindex = verwijsindexAdapter(deps.config.involvement.verwijsindex);
  const matchesUrl = `${deps.config.publicUrl}/matches`;

  /**
   * The registration area (policy.mayRegisterInvolvementIn). A known person outside it is answered as if she did not
   * exist, and the attempt is logged as denied; a new person's municipality outside it is a field error.
   */
  async function assertInArea(tx: DbOrTx, actor: Actor, municipalityId: string, knownPersonId: string | null) {
    // Where she works decides without a query; the organisation's area is read only when that is not enough.
    if (mayRegisterInvolvementIn(actor, municipalityId, [])) return;
    if (mayRegisterInvolvementIn(actor, municipalityId, await repo.servedMunicipalities(tx, actor.organisationId))) return;
    if (knownPersonId) throw deniedError({ objectType: 'person', objectId: knownPersonId });
    if (!(await families.municipalityExists(tx, municipalityId)))
      throw new AppError('validation_failed', [{ path: 'body.person.municipalityId', code: 'unknown_municipality' }]);
    throw new AppError('validation_failed', [{ path: 'body.person.municipalityId', code: 'outside_your_area' }]);
  }

  /**
   * Finds the person a registration by data is about, or creates her, inside the registering transaction (after
   * the identity lock, so two registrations of one new person see each other). Returns the persons whose records
   * the check touched, for the access log.
   */
  async function resolveByData(tx: DbOrTx, actor: Actor, data: PersonInput, confirmNewPerson: boolean, meta: RequestMeta, touched: string[]) {
    await assertInArea(tx, actor, data.municipalityId, null);
    // Two registrations of the same new person at once must not create it twice: serialise on its identity.
    await families.lockIdentity(tx, data.bsn ? `bsn:${vault.matchKey(data.bsn)}` : `id:${foldName(data.familyName)}:${data.dateOfBirth ?? data.dueDate}`);
    if (data.bsn) {
      const known = await families.findByBsnHash(tx, vault.matchKey(data.bsn));
      if (known) {
        touched.push(known.id);
        checkBsnBirthDate(data, known);
        await assertInArea(tx, actor, known.municipalityId, known.id);
        return { person: known, created: false };
      }
    } else {
      const date = data.dateOfBirth ?? data.dueDate;
      const candidates = date ? await families.identityCandidates(tx, foldName(data.familyName), date) : [];
      touched.push(...candidates.map((c) => c.id));
      // Name and date are guessable; only a postcode and house number that match what is recorded link to her.
      const same = candidates.find((c) => secondIdentifierMatches(data, c));
      if (same) {
        const known = (await families.findPersonById(tx, same.id))!;
        await assertInArea(tx, actor, known.municipalityId, known.id);
        return { person: known, created: false };
      }
      // Says only that someone with these details may be known: nothing about who, where or how many.
      if (candidates.length && !confirmNewPerson) throw new AppError('possible_duplicate', [{ path: 'body.person', code: 'possible_duplicate' }]);
    }
    const household = await families.insertHousehold(tx, data.municipalityId, actor.userId).catch(() => {
      throw new AppError('validation_failed', [{ path: 'body.person.municipalityId', code: 'unknown_municipality' }]);
    });
    const values = await preparePerson(tx, vault, data, { prefix: 'body.person', householdId: household.id, createdById: actor.userId });
    if (values.bsnHash && (await families.findByBsnHash(tx, values.bsnHash))) throw bsnTaken('body.person');
    const person = await families.insertPerson(tx, values);
    await writeAccessLog(tx, actor, meta, {
      eventType: 'create',
      objectType: 'person',
      objectId: person.id,
      subjectPersonId: person.id,
      purpose: 'betrokkenheid registreren',
    });
    return { person, created: true };
  }

  /**
   * Every registration by a person's data is an identity check: logged with each record it touched (whatever the
   * outcome), and limited per user and hour so that guessing names, dates or BSNs does not pay.
   */
  async function logIdentityCheck(actor: Actor, meta: RequestMeta, touched: string[]) {
    await writeAccessLogForSubjects(
      db,
      actor,
      meta,
      { eventType: 'search', objectType: 'identity_check', objectId: meta.requestId || null, purpose: 'identiteitscontrole bij registratie' },
      touched,
    );
  }

  /** Registers on a resolved person through the database function (lock, insert, matches, notices, access log). */
  async function registerOn(
    db: DbOrTx,
    actor: Actor,
    person: families.PersonRow,
    input: RegisterInput,
    start: string,
    meta: RequestMeta,
    inTransaction = true,
  ) {
    if (person.deceasedOn) throw new AppError('validation_failed', [{ path: 'body.person', code: 'person_deceased' }]);
    const dob = person.dateOfBirth && ageLimitApplies(person.householdRole) ? parseIsoDate(person.dateOfBirth) : null;
    const end = registrationEnd(parseIsoDate(start), Math.min(input.durationMonths, MAX_REGISTRATION_MONTHS), dob).toISOString().slice(0, 10);
    if (end <= isoToday()) throw new AppError('validation_failed', [{ path: 'body.person.dateOfBirth', code: 'person_23_or_older' }]);
    const r = await repo.registerInvolvement(
      db,
      { personId: person.id, actor, start, end, meta, mail: MATCH_MAIL(matchesUrl) },
      inTransaction ? undefined : deps.database.pool,
    );
    if (r.status === 'not_found') throw new AppError('not_found');
    if (r.status === 'deceased') throw new AppError('validation_failed', [{ path: 'body.person', code: 'person_deceased' }]);
    return { registration: r.registration, person: r.person, created: r.created, personCreated: false, matchCount: r.matches };
  }

  return {
    /**
     * Registers that the actor is involved with a person — no reason, no content — and detects matches with other
     * professionals' active registrations in the same household. The household row is locked first, so two
     * simultaneous registrations see each other and produce exactly one match.
     */
    async register(actor: Actor, input: RegisterInput, meta: RequestMeta) {
      const start = input.startDate ?? isoToday();
      if (start > isoToday()) throw new AppError('validation_failed', [{ path: 'body.startDate', code: 'date_in_future' }]);
      let result: Awaited<ReturnType<typeof registerOn>>;
      if (input.personId) {
        // Fast path: a person the actor already sees needs no transaction of its own — the database function is
        // one atomic statement.
        const seen = assertMaySeePerson(actor, await families.findVisiblePerson(db, input.personId, viewerOf(actor)), input.personId);
        await assertInArea(db, actor, seen.municipalityId, seen.id);
        result = await registerOn(db, actor, seen, input, start, meta, false);
      } else {
        const data = input.person;
        if (!data) throw new AppError('validation_failed', [{ path: 'body.person', code: 'required' }]);
        if ((await repo.recentIdentityChecks(db, actor.userId)) >= identityChecksPerHour) throw new AppError('too_many_attempts');
        const touched: string[] = [];
        try {
          result = await db.transaction(async (tx) => {
            const { person, created } = await resolveByData(tx, actor, data, Boolean(input.confirmNewPerson), meta, touched);
            return { ...(await registerOn(tx, actor, person, input, start, meta)), personCreated: created };
          });
        } finally {
          await logIdentityCheck(actor, meta, touched);
        }
      }
      // What the registration answers about the person: in full only what her own organisation recorded.
      const own = await families.recordedByOrganisation(db, [result.person.id], actor.organisationId);
      if (result.created)
        await verwijsindex
          .announce({ registrationId: result.registration.id, personId: result.person.id, endDate: result.registration.endDate })
          .catch(() => {});
      return { ...result, person: { ...result.person, showDetails: own.has(result.person.id) } };
    },

    async listMine(actor: Actor, f: { personId?: string; activeOnly?: boolean }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await repo.listRegistrationsOf(tx, actor.userId, f);
        const own = await families.recordedByOrganisation(
          tx,
          rows.map((r) => r.person.id),
          actor.organisationId,
        );
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'read', objectType: 'involvement_registration', purpose: 'eigen registraties' },
          rows.map((r) => r.person.id),
        );
        return rows.map((r) => ({ ...r, person: { ...r.person, showDetails: own.has(r.person.id) } }));
      });
    },

    async withdraw(actor: Actor, id: string, meta: RequestMeta) {
      const ended = await db.transaction(async (tx) => {
        const r = await repo.findRegistration(tx, id);
        assertOwnRegistration(actor, r);
        if (r.endedAt) throw new AppError('conflict', [{ path: 'params.id', code: 'already_ended' }]);
        const [done] = await repo.endActiveRegistrations(tx, { ids: [id] }, 'withdrawn', new Date(), retentionYears);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'update',
          objectType: 'involvement_registration',
          objectId: id,
          subjectPersonId: r.personId,
          purpose: 'registratie intrekken',
        });
        return done ?? r;
      });
      await verwijsindex.withdraw({ registrationId: id }).catch(() => {});
      return ended;
    },

    /** The informing letter for one registration, in Dutch or English, addressed as the informing-age rules say. */
    async informingLetter(actor: Actor, id: string, lang: 'nl' | 'en', meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const r = await repo.findRegistration(tx, id);
        assertOwnRegistration(actor, r);
        const person = (await families.findPersonById(tx, r.personId))!;
        const me = (await repo.professionalContact(tx, actor.userId))!;
        const recipients = whomToInform(person.dateOfBirth ? parseIsoDate(person.dateOfBirth) : null, new Date());
        const letter = informingLetter(
          {
            recipients,
            personName: [person.givenName, person.familyName].filter(Boolean).join(' ') || person.familyName,
            organisationName: me.organisationName,
            professionalName: me.name,
            professionalPhone: me.phone ?? me.organisationPhone,
            professionalEmail: me.cardEmail ?? me.email,
            startDate: r.startDate,
            endDate: r.endDate,
          },
          lang,
        );
        await writeAccessLog(tx, actor, meta, {
          eventType: 'read',
          objectType: 'involvement_registration',
          objectId: id,
          subjectPersonId: r.personId,
          purpose: 'informeren over registratie',
        });
        return { recipients, ...letter, registration: r };
      });
    },

    async recordInformed(actor: Actor, id: string, input: { informedOn: string; whom: ('parents' | 'young_person')[]; how: string }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const r = await repo.findRegistration(tx, id);
        assertOwnRegistration(actor, r);
        if (input.informedOn > isoToday() || input.informedOn < r.startDate)
          throw new AppError('validation_failed', [{ path: 'body.informedOn', code: 'outside_registration' }]);
        const updated = await repo.recordInformed(tx, id, parseIsoDate(input.informedOn), input.whom, input.how);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'update',
          objectType: 'involvement_registration',
          objectId: id,
          subjectPersonId: r.personId,
          purpose: 'informeren over registratie',
        });
        return updated!;
      });
    },

    /** The actor's matches with, per match, the other professional's contact — and nothing else about them. */
    async myMatches(actor: Actor, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await repo.matchesOf(tx, actor.userId);
        const out: {
          match: repo.MatchRow;
          mine: repo.Registration;
          person: (families.PersonRow & { showDetails?: boolean }) | null;
          other: Awaited<ReturnType<typeof repo.professionalContact>>;
        }[] = [];
        for (const row of rows) {
          const found = (await repo.findMatch(tx, row.id))!;
          const mine = found.a.id === row.mine ? found.a : found.b;
          const person = (await families.findPersonById(tx, mine.personId)) ?? null;
          out.push({ match: found.match, mine, person, other: await repo.professionalContact(tx, row.their_user_id) });
        }
        const own = await families.recordedByOrganisation(
          tx,
          out.flatMap((o) => (o.person ? [o.person.id] : [])),
          actor.organisationId,
        );
        for (const o of out) if (o.person) o.person = { ...o.person, showDetails: own.has(o.person.id) };
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'read', objectType: 'match', purpose: 'matches inzien' },
          out.map((o) => o.mine.personId),
        );
        return out.sort((a, b) => b.match.createdAt.getTime() - a.match.createdAt.getTime());
      });
    },

    /** Records that the two professionals agreed ("afgestemd") and who became the central contact. */
    async followUp(actor: Actor, id: string, version: number, centralContactUserId: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const m = await repo.findMatch(tx, id);
        const parties = m ? [m.a.userId, m.b.userId] : [];
        if (!m || !parties.includes(actor.userId)) throw new AppError('not_found');
        if (!parties.includes(centralContactUserId)) throw new AppError('validation_failed', [{ path: 'body.centralContactUserId', code: 'not_a_party' }]);
        const updated = await repo.markFollowedUp(tx, id, version, centralContactUserId, actor.userId);
        if (!updated) throw new AppError('version_conflict');
        await writeAccessLog(tx, actor, meta, {
          eventType: 'update',
          objectType: 'match',
          objectId: id,
          subjectPersonId: m.b.personId,
          purpose: 'match afstemmen',
        });
        return updated;
      });
    },

    /** The coordinator's list: matches in their municipalities not followed up within the configured working days. */
    async unfollowed(actor: Actor, meta: RequestMeta, now = new Date()) {
      const munis = coordinatorMunicipalities(actor);
      if (!munis.length) throw new AppError('not_found');
      return db.transaction(async (tx) => {
        const rows = await repo.unfollowedMatches(tx, munis, workingDaysAgo(now, matchFollowUpWorkingDays));
        const out = [];
        const subjects: string[] = [];
        for (const r of rows) {
          const found = (await repo.findMatch(tx, r.match.id))!;
          subjects.push(found.a.personId, found.b.personId);
          out.push({
            match: r.match,
            a: await repo.professionalContact(tx, found.a.userId),
            b: await repo.professionalContact(tx, found.b.userId),
          });
        }
        await writeAccessLogForSubjects(tx, actor, meta, { eventType: 'read', objectType: 'match', purpose: 'niet-afgestemde matches' }, subjects);
        return out;
      });
    },
  };
}
