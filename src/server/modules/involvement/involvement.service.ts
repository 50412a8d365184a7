import { informingLetter } from '../../../domain/informing.js';
import { ageLimitApplies, foldName, MAX_REGISTRATION_MONTHS, type PersonInput, parseIsoDate, registrationEnd, whomToInform } from '../../../domain/persons.js';
import { workingDaysAgo } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { createBsnVault } from '../../crypto.js';
import type { DbOrTx } from '../../db/client.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { assertOwnRegistration, coordinatorMunicipalities } from '../../policy.js';
import * as families from '../families/families.repository.js';
import { bsnTaken, preparePerson, viewerOf } from '../families/families.service.js';
import * as repo from './involvement.repository.js';
import { verwijsindexAdapter } from './verwijsindex.js';

export interface RegisterInput {
  durationMonths: number;
  startDate?: string | null;
  /** An existing person: one the actor may see, or one picked from the duplicate candidates with the identity typed. */
  personId?: string;
  identity?: { familyName: string; date: string };
  /** A person by their data: found by BSN, or created (after the user confirmed possible duplicates are someone else). */
  person?: PersonInput;
  confirmNewPerson?: boolean;
}

const isoToday = () => new Date().toISOString().slice(0, 10);
const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: '' };

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
  const { retentionYears, matchFollowUpWorkingDays } = deps.config.involvement;
  const vault = createBsnVault(deps.secretKey);
  const verwijsindex = verwijsindexAdapter(deps.config.involvement.verwijsindex);
  const matchesUrl = `${deps.config.publicUrl}/matches`;

  /** Finds or creates the person the registration is about, inside the registering transaction. */
  async function resolvePerson(tx: DbOrTx, actor: Actor, input: RegisterInput, meta: RequestMeta) {
    if (input.personId) {
      const seen = await families.findVisiblePerson(tx, input.personId, viewerOf(actor));
      if (seen) return { person: seen as families.PersonRow, created: false };
      // Picked from the duplicate list: the caller must know the identity they were shown; guessing ids gets 404.
      const p = await families.findPersonById(tx, input.personId);
      const id = input.identity;
      if (!p || !id || foldName(id.familyName) !== p.familyNameKey || (p.dateOfBirth !== id.date && p.dueDate !== id.date)) throw new AppError('not_found');
      return { person: p, created: false };
    }
    const data = input.person;
    if (!data) throw new AppError('validation_failed', [{ path: 'body.person', code: 'required' }]);
    // Two registrations of the same new person at once must not create it twice: serialise on its identity.
    await families.lockIdentity(tx, data.bsn ? `bsn:${vault.matchKey(data.bsn)}` : `id:${foldName(data.familyName)}:${data.dateOfBirth ?? data.dueDate}`);
    if (data.bsn) {
      const known = await families.findByBsnHash(tx, vault.matchKey(data.bsn));
      if (known) {
        checkBsnBirthDate(data, known);
        return { person: known, created: false };
      }
    } else if (!input.confirmNewPerson) {
      const date = data.dateOfBirth ?? data.dueDate;
      const candidates = date ? await families.identityCandidates(tx, foldName(data.familyName), date) : [];
      // The transaction rolls back with this error; register() logs what was shown, outside it.
      if (candidates.length) throw new AppError('possible_duplicate', [{ path: 'body.person', code: 'possible_duplicate' }], {}, { candidates });
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

  /** The candidates shown as possible duplicates are personal data the professional saw: one 'search' row each. */
  async function logShownCandidates(actor: Actor, meta: RequestMeta, candidates: { id: string }[]) {
    await db.transaction(async (tx) => {
      for (const c of candidates)
        await writeAccessLog(tx, actor, meta, {
          eventType: 'search',
          objectType: 'person',
          objectId: c.id,
          subjectPersonId: c.id,
          purpose: 'mogelijke dubbele registratie tonen',
        });
    });
  }

  /** A person found without creating anything: by id (visible, or with the identity shown), or by BSN. */
  async function findKnownPerson(db: DbOrTx, actor: Actor, input: RegisterInput): Promise<families.PersonRow | null> {
    if (input.personId) return (await resolvePerson(db, actor, input, NO_META)).person;
    if (!input.person?.bsn) return null;
    const known = await families.findByBsnHashPrepared(deps.database.pool, vault.matchKey(input.person.bsn));
    if (known) checkBsnBirthDate(input.person, known);
    return known;
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
      // Fast path: a person already known (by id or BSN) needs no transaction of its own — the database function
      // is one atomic statement. New persons are created in a transaction that serialises on their identity.
      const known = await findKnownPerson(db, actor, input);
      const result = known
        ? await registerOn(db, actor, known, input, start, meta, false)
        : await db
            .transaction(async (tx) => {
              const { person, created } = await resolvePerson(tx, actor, input, meta);
              return { ...(await registerOn(tx, actor, person, input, start, meta)), personCreated: created };
            })
            .catch(async (err) => {
              if (err instanceof AppError && err.code === 'possible_duplicate') await logShownCandidates(actor, meta, err.extra.candidates as { id: string }[]);
              throw err;
            });
      if (result.created)
        await verwijsindex
          .announce({ registrationId: result.registration.id, personId: result.person.id, endDate: result.registration.endDate })
          .catch(() => {});
      return result;
    },

    async listMine(actor: Actor, f: { personId?: string; activeOnly?: boolean }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await repo.listRegistrationsOf(tx, actor.userId, f);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'read',
          objectType: 'involvement_registration',
          subjectPersonId: f.personId ?? null,
          purpose: 'eigen registraties',
        });
        return rows;
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
        const out = [];
        for (const row of rows) {
          const found = (await repo.findMatch(tx, row.id))!;
          const mine = found.a.id === row.mine ? found.a : found.b;
          const person = (await families.findPersonById(tx, mine.personId)) ?? null;
          out.push({ match: found.match, mine, person, other: await repo.professionalContact(tx, row.their_user_id) });
        }
        await writeAccessLog(tx, actor, meta, { eventType: 'read', objectType: 'match', purpose: 'matches inzien' });
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
        for (const r of rows) {
          const found = (await repo.findMatch(tx, r.match.id))!;
          out.push({
            match: r.match,
            a: await repo.professionalContact(tx, found.a.userId),
            b: await repo.professionalContact(tx, found.b.userId),
          });
        }
        await writeAccessLog(tx, actor, meta, { eventType: 'read', objectType: 'match', purpose: 'niet-afgestemde matches' });
        return out;
      });
    },
  };
}
