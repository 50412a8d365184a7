import { createHash, randomBytes } from 'node:crypto';
import { mayShare } from '../../../domain/cases.js';
import type { PlanContent } from '../../../domain/family-plan.js';
import {
  type AgendaItemInput,
  aggregateExperiences,
  checkMeetingTime,
  type Experience,
  type MeetingInput,
  type MinutesInput,
  type TableInput,
} from '../../../domain/meetings.js';
import { dutchDate } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { isExclusionViolation } from '../../db/pg-errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import {
  assertCaseContent,
  assertHearsCaseItem,
  assertMayAdoptMinutes,
  assertMayCheckDoubleDiscussion,
  assertMayCreateTable,
  assertMayManageTable,
  assertMayPutCaseOnAgenda,
  assertMayRunMeeting,
  assertMaySearchStaff,
  assertMaySeeMeeting,
  assertMaySeeTable,
  assertOwnsAnonymousItem,
  coordinatorMunicipalities,
  hearsAgendaItem,
  type MeetingRole,
  mayCreateTable,
  mayManageTable,
  mayRunMeeting,
  meetingAbilities,
  tableAbilities,
  tableMunicipalities,
} from '../../policy.js';
import { loadCase, logCase } from '../cases/case-access.js';
import * as cases from '../cases/cases.repository.js';
import { ensureDraft } from '../cases/plan.service.js';
import { notify, notifyOrganisation } from '../notifications/notifications.service.js';
import { invitationIcs } from './invitation.js';
import * as repo from './meetings.repository.js';

export type { MeetingRole } from '../../policy.js';

/** One agenda item as one participant sees it. */
export interface AgendaView {
  item: repo.ItemRow;
  entitled: boolean;
  clientName: string | null;
  /** For the access log only (who saw whom); never presented. */
  clientId: string | null;
  directorId: string | null;
  people: { team: { userId: string; name: string; organisationName: string }[]; household: { personId: string; name: string }[] } | null;
  consent: { organisationId: string; organisationName: string; mayHear: boolean }[];
  minutes: { minutes: repo.MinutesRow; regieHolderName: string | null } | null;
}

const NO_ACCOUNT_YET_NL = 'U heeft nog geen account in Knooppunt: vraag de functioneel beheerder van uw organisatie om een account met dit e-mailadres.';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const when = (d: Date, lang: 'nl' | 'en') =>
  d.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' });

/**
 * Meetings around the table. Who sees a meeting: the coordinator of its municipality, its chair and its invitees
 * (anyone else: 404). What each of them hears of a case item is decided per organisation by consent for case
 * discussion; without it they see "casus 3 (geen toestemming voor uw organisatie)".
 */
export function createMeetingService(deps: AppDeps) {
  const db: Db = deps.database.db;
  const { publicUrl } = deps.config;

  /** The facts the meeting rules need: the table's municipality, the chair, whether the actor is invited. */
  async function meetingFacts(tx: DbOrTx, actor: Actor, m: repo.MeetingRow, t: repo.TableRow) {
    const invited = (await repo.invitees(tx, m.id)).some((i) => i.userId === actor.userId);
    return { municipalityId: t.municipalityId, chairId: m.chairId, invited };
  }

  async function loadMeeting(tx: DbOrTx, actor: Actor, id: string, forUpdate = false) {
    const m = await repo.findMeeting(tx, id, forUpdate);
    const t = m && (await repo.findTable(tx, m.tableId));
    const facts = m && t ? await meetingFacts(tx, actor, m, t) : null;
    const role: MeetingRole = assertMaySeeMeeting(actor, facts);
    return { m: m!, t: t!, role, facts: facts! };
  }
  const assertEditable = (m: repo.MeetingRow) => {
    if (m.status !== 'scheduled')
      throw new AppError('conflict', [{ path: 'params.id', code: m.status === 'adopted' ? 'minutes_adopted' : 'meeting_cancelled' }]);
  };

  /** Participating organisations: those of the invitees and the table's standing member organisations. */
  async function participants(tx: DbOrTx, m: repo.MeetingRow) {
    const [inv, members, cardInv] = await Promise.all([repo.invitees(tx, m.id), repo.tableMembers(tx, m.tableId), repo.cardInvitees(tx, m.id)]);
    const orgs = new Map<string, string>();
    for (const i of [...inv, ...cardInv]) orgs.set(i.organisationId, i.organisationName);
    for (const o of members) orgs.set(o.organisationId, o.organisationName);
    return { invitees: inv, cardInvitees: cardInv, organisations: [...orgs].map(([id, name]) => ({ id, name })) };
  }

  const log = (tx: DbOrTx, actor: Actor, meta: RequestMeta, m: repo.MeetingRow, eventType: 'read' | 'create' | 'update', what: string) =>
    writeAccessLog(tx, actor, meta, { eventType, objectType: 'meeting', objectId: m.id, purpose: `overleg: ${what}` });

  return {
    async createTable(actor: Actor, input: TableInput, meta: RequestMeta) {
      assertMayCreateTable(actor, input.municipalityId);
      return db.transaction(async (tx) => {
        const [chair] = await repo.staffUsers(tx, [input.chairId]);
        if (!chair) throw new AppError('validation_failed', [{ path: 'body.chairId', code: 'unknown_user', message: 'No active staff user with this id.' }]);
        const orgs = await repo.organisationsByIds(tx, [...new Set(input.members.map((x) => x.organisationId))]);
        const known = new Set(orgs.map((o) => o.id));
        const bad = input.members.flatMap((x, i) =>
          known.has(x.organisationId) ? [] : [{ path: `body.members.${i}.organisationId`, code: 'unknown_organisation' }],
        );
        if (bad.length) throw new AppError('validation_failed', bad);
        const t = await repo.insertTable(tx, {
          name: input.name,
          type: input.type,
          municipalityId: input.municipalityId,
          chairId: input.chairId,
          place: input.place,
          description: input.description,
          createdById: actor.userId,
        });
        await repo.insertTableMembers(
          tx,
          input.members.map((x) => ({ tableId: t.id, organisationId: x.organisationId, userId: x.userId })),
        );
        await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'meeting_table', objectId: t.id, purpose: 'overlegtafel aanmaken' });
        return t;
      });
    },

    async tables(actor: Actor) {
      return repo.tablesIn(db, tableMunicipalities(actor));
    },

    /** What the caller may do on the tables page: set up a table in a municipality she coordinates. */
    listAbilities(actor: Actor) {
      return { createTable: actor.municipalityIds.some((id) => mayCreateTable(actor, id)) };
    },

    /** A table with its meetings and, for its coordinator and chair, the parents' experience aggregated. */
    async table(actor: Actor, id: string) {
      const t = await repo.findTable(db, id);
      assertMaySeeTable(actor, t);
      const [members, list] = await Promise.all([repo.tableMembers(db, id), repo.meetingsOfTable(db, id)]);
      const mayManage = mayManageTable(actor, t);
      const experiences = mayManage ? aggregateExperiences((await repo.experiencesOfTable(db, id)) as Pick<Experience, 'heard' | 'clearWhoHelps'>[]) : null;
      const [chair] = await repo.staffUsers(db, [t.chairId]);
      return { t, chairName: chair?.name ?? '', members, meetings: list, mayManage, abilities: tableAbilities(actor, t), experiences };
    },

    /** Schedules a meeting and sends the invitations (in-app, e-mail with an .ics, and to member organisations). */
    async schedule(actor: Actor, tableId: string, input: MeetingInput, meta: RequestMeta) {
      const t = await repo.findTable(db, tableId);
      assertMayManageTable(actor, t);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      const timeErrors = checkMeetingTime(startsAt, endsAt, new Date());
      if (timeErrors.length)
        throw new AppError(
          'validation_failed',
          timeErrors.map((e) => ({ path: `body.${e.path}`, code: e.code, message: e.code })),
        );
      return db
        .transaction(async (tx) => {
          const m = await repo.insertMeeting(tx, {
            tableId,
            chairId: t.chairId,
            startsAt,
            endsAt,
            place: input.place || t.place,
            videoUrl: input.videoUrl,
            createdById: actor.userId,
          });
          const members = await repo.tableMembers(tx, tableId);
          const cards = await repo.activeCards(tx, input.inviteePersonIds);
          const cardErrors = input.inviteePersonIds.flatMap((id, i) => {
            const card = cards.find((c) => c.id === id);
            if (!card) return [{ path: `body.inviteePersonIds.${i}`, code: 'unknown_card' }];
            return !card.userId && !card.email ? [{ path: `body.inviteePersonIds.${i}`, code: 'card_without_email' }] : [];
          });
          if (cardErrors.length) throw new AppError('validation_failed', cardErrors);
          const cardUserIds = cards.flatMap((c) => (c.userId ? [c.userId] : []));
          const userIds = [...new Set([t.chairId, ...members.flatMap((x) => (x.userId ? [x.userId] : [])), ...input.inviteeIds, ...cardUserIds])];
          const staff = await repo.staffUsers(tx, userIds);
          const missing = input.inviteeIds.flatMap((id, i) => (staff.some((s) => s.id === id) ? [] : [{ path: `body.inviteeIds.${i}`, code: 'unknown_user' }]));
          if (missing.length) throw new AppError('validation_failed', missing);
          await repo.insertInvitees(
            tx,
            staff.filter((s) => s.organisationId).map((s) => ({ meetingId: m.id, userId: s.id, organisationId: s.organisationId! })),
          );
          // Without an account she is invited by mail at her card's address until she has one (ADR 007).
          await repo.insertCardInvitees(
            tx,
            cards.filter((c) => !c.userId).map((c) => ({ meetingId: m.id, personId: c.id, organisationId: c.organisationId })),
          );
          await sendInvitations(tx, m, t, 'meeting_invitation');
          await log(tx, actor, meta, m, 'create', 'inplannen');
          return m;
        })
        .catch((err) => {
          if (isExclusionViolation(err))
            throw new AppError('conflict', [{ path: 'body.startsAt', code: 'chair_overlap', message: 'The chair already has a meeting at this time.' }]);
          throw err;
        });
    },

    /** The meeting page: agenda with per-participant consent, minutes for those entitled, addenda. */
    async get(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { m, t, role, facts } = await loadMeeting(tx, actor, id);
        const { invitees, cardInvitees, organisations } = await participants(tx, m);
        const items = await repo.itemsOf(tx, m.id);
        const caseIds = items.flatMap((i) => (i.item.caseId ? [i.item.caseId] : []));
        const records = await repo.caseDiscussionConsents(tx, caseIds, [...new Set([...organisations.map((o) => o.id), actor.organisationId])]);
        const today = dutchDate(new Date());
        const hears = (caseId: string, organisationId: string) =>
          mayShare(
            records.filter((r) => r.caseId === caseId),
            organisationId,
            'case_discussion',
            today,
          );
        const minutes = new Map((await repo.minutesOf(tx, m.id)).map((x) => [x.minutes.itemId, x]));
        const [chair] = await repo.staffUsers(tx, [m.chairId]);
        const view: AgendaView[] = [];
        for (const { item, clientName, clientId, municipalityId, directorId } of items) {
          const entitled = hearsAgendaItem(actor, {
            kind: item.kind,
            municipalityId,
            organisationConsent: item.caseId !== null && hears(item.caseId, actor.organisationId),
          });
          // Whom regie and actions can name, for those who write the minutes of an item they may hear.
          const people =
            item.caseId && entitled && mayRunMeeting(role)
              ? {
                  team: (await cases.careTeam(tx, item.caseId)).flatMap((x) =>
                    // Actions from the minutes are owned by accounts; a card-only member gets none until she has one.
                    x.member.userId ? [{ userId: x.member.userId, name: x.name, organisationName: x.organisationName }] : [],
                  ),
                  household: (await cases.householdOf(tx, item.householdId!)).map((p) => ({ personId: p.id, name: `${p.givenName} ${p.familyName}`.trim() })),
                }
              : null;
          view.push({
            item,
            entitled,
            clientName: entitled ? clientName : null,
            clientId,
            directorId,
            people,
            consent: item.caseId ? organisations.map((o) => ({ organisationId: o.id, organisationName: o.name, mayHear: hears(item.caseId!, o.id) })) : [],
            minutes: entitled ? (minutes.get(item.id) ?? null) : null,
          });
        }
        const addenda = (await repo.addenda(tx, m.id)).filter((a) => !a.addendum.itemId || view.find((v) => v.item.id === a.addendum.itemId)?.entitled);
        // What the actor saw of which families is logged: one row per case item they were entitled to.
        for (const v of view)
          if (v.item.caseId && v.entitled)
            await writeAccessLog(tx, actor, meta, {
              eventType: 'read',
              objectType: 'case',
              objectId: v.item.caseId,
              subjectPersonId: v.clientId,
              purpose: `overleg ${t.name}: agendapunt`,
            });
        await log(tx, actor, meta, m, 'read', 'bekijken');
        return {
          m,
          t,
          role,
          abilities: meetingAbilities(actor, facts),
          chairName: chair?.name ?? '',
          invitees,
          cardInvitees,
          organisations,
          items: view,
          addenda,
        };
      });
    },

    /**
     * Puts an item on the agenda. A case: by the coordinator or the case director, with the double-discussion
     * check — when the household already has an open item at another table, the answer names that table and its
     * chair and asks to confirm (409 double_discussion); the warning is recorded either way for monitoring.
     */
    async addItem(actor: Actor, meetingId: string, input: AgendaItemInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { m, t, role } = await loadMeeting(tx, actor, meetingId, true);
        assertEditable(m);
        if (input.kind === 'free') {
          assertMayRunMeeting(role);
          const item = await repo.insertItem(tx, { meetingId, kind: 'free', title: input.title, ownerId: actor.userId });
          await log(tx, actor, meta, m, 'update', 'agendapunt');
          return { item };
        }
        if (input.kind === 'anonymous') {
          const item = await repo.insertItem(tx, { meetingId, kind: 'anonymous', pseudonym: input.pseudonym, summary: input.summary, ownerId: actor.userId });
          await log(tx, actor, meta, m, 'update', 'anonieme casusbespreking');
          return { item };
        }
        const l = await loadCase(tx, actor, input.caseId, true);
        assertMayPutCaseOnAgenda(actor, l.c);
        if (l.c.phase === 'afgesloten') throw new AppError('case_closed');
        const elsewhere = await repo.openItemsElsewhere(tx, l.c.householdId, t.id);
        if (elsewhere.length && !input.confirmDoubleDiscussion) {
          await repo.recordDoubleDiscussion(tx, { meetingId, caseId: l.c.id, userId: actor.userId, outcome: 'warned' });
          return { doubleDiscussion: elsewhere };
        }
        if (elsewhere.length) await repo.recordDoubleDiscussion(tx, { meetingId, caseId: l.c.id, userId: actor.userId, outcome: 'confirmed' });
        const item = await repo
          .insertItem(tx, {
            meetingId,
            kind: 'case',
            caseId: l.c.id,
            householdId: l.c.householdId,
            ownerId: actor.userId,
            parentsInvited: input.parentsInvited,
            doubleDiscussionConfirmed: elsewhere.length > 0,
          })
          .catch((err) => {
            if ((err as { cause?: { code?: string } }).cause?.code === '23505')
              throw new AppError('conflict', [{ path: 'body.caseId', code: 'already_on_agenda' }]);
            throw err;
          });
        await cases.addEvent(tx, l.c.id, 'meeting', actor.userId, { action: 'agenda', meetingId, tableName: t.name, startsAt: m.startsAt.toISOString() });
        await logCase(tx, actor, meta, l, 'update', `op de agenda van ${t.name}`);
        return { item };
      });
    },

    /**
     * The double-discussion check on its own, before adding (the page asks when a case is chosen): the other tables
     * where this household has an open item, by name and chair. Who may see the meeting and may put the case on it
     * (coordinator, case director) asks; anyone else gets 404. One statement, logged as a read.
     */
    async checkDouble(actor: Actor, meetingId: string, caseId: string, meta: RequestMeta) {
      const found = await repo.doubleDiscussionCheck(deps.database.pool, meetingId, caseId, {
        userId: actor.userId,
        coordinatorOf: coordinatorMunicipalities(actor),
        role: actor.role,
        organisationId: actor.organisationId,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      // The statement scoped itself (second line of defence); the policy decides on the facts it read.
      assertMayCheckDoubleDiscussion(actor, found?.meeting, found?.case);
      return found!.elsewhere;
    },

    /** The owner links an anonymised consultation to the real case afterwards (she must see the case's content). */
    async linkItem(actor: Actor, itemId: string, caseId: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const item = await repo.findItem(tx, itemId);
        assertOwnsAnonymousItem(actor, item);
        const l = await loadCase(tx, actor, caseId);
        assertCaseContent(l.access);
        const updated = await repo.updateItem(tx, itemId, { linkedCaseId: caseId });
        const m = (await repo.findMeeting(tx, item.meetingId))!;
        const t = (await repo.findTable(tx, m.tableId))!;
        await cases.addEvent(tx, caseId, 'meeting', actor.userId, { action: 'linked', meetingId: m.id, tableName: t.name, pseudonym: item.pseudonym });
        await logCase(tx, actor, meta, l, 'update', 'anonieme casusbespreking gekoppeld');
        return updated;
      });
    },

    /** Minutes of one item, by the chair or the coordinator, until the meeting's minutes are adopted. */
    async saveMinutes(actor: Actor, itemId: string, input: MinutesInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const item = await repo.findItem(tx, itemId);
        if (!item) throw new AppError('not_found');
        const { m, role } = await loadMeeting(tx, actor, item.meetingId, true);
        assertMayRunMeeting(role);
        assertEditable(m);
        if (item.kind === 'case') {
          await assertHears(tx, actor, item.caseId!);
          await checkCaseMinutes(tx, item.caseId!, input);
        } else if (input.regieHolderId || input.actions.length)
          throw new AppError('validation_failed', [{ path: 'body.actions', code: 'case_items_only', message: 'Regie and plan actions belong to case items.' }]);
        const values = {
          summary: input.summary,
          decisions: input.decisions,
          actions: input.actions,
          regieHolderId: input.regieHolderId,
          parentsPresent: input.parentsPresent,
          writtenById: actor.userId,
        };
        const existing = await repo.findMinutes(tx, itemId);
        let row: repo.MinutesRow | null;
        if (!existing) {
          if (input.version !== 0) throw new AppError('version_conflict', [], undefined, { currentVersion: 0 });
          row = await repo.insertMinutes(tx, { itemId, meetingId: m.id, ...values });
        } else {
          row = await repo.updateMinutes(tx, itemId, input.version, values);
          if (!row) throw new AppError('version_conflict', [], undefined, { currentVersion: existing.version });
        }
        await log(tx, actor, meta, m, 'update', 'verslag agendapunt');
        return row;
      });
    },

    /**
     * The chair adopts the minutes. Every case item needs "casusregie ligt bij"; where it names someone else than
     * the case director, the case director changes accordingly (recorded on the case). Actions become actions in
     * the family plan's draft. Parents who were present get a link to three questions. Then the minutes are frozen.
     */
    async adopt(actor: Actor, meetingId: string, version: number, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { m, t } = await loadMeeting(tx, actor, meetingId, true);
        assertMayAdoptMinutes(actor, m);
        assertEditable(m);
        if (m.version !== version) throw new AppError('version_conflict', [], undefined, { currentVersion: m.version });
        const items = await repo.itemsOf(tx, m.id);
        const minutes = new Map((await repo.minutesOf(tx, m.id)).map((x) => [x.minutes.itemId, x.minutes]));
        const missing: ErrorDetail[] = items.flatMap(({ item }) =>
          item.kind === 'case' && !minutes.get(item.id)?.regieHolderId
            ? [{ path: `items.${item.position}.regieHolderId`, code: 'regie_required', message: 'Record who holds casusregie.' }]
            : [],
        );
        if (missing.length) throw new AppError('validation_failed', missing);
        const now = new Date();
        const experienceLinks: { itemId: string; link: string }[] = [];
        for (const { item } of items) {
          if (item.kind !== 'case') continue;
          const mins = minutes.get(item.id)!;
          const c = (await cases.caseById(tx, item.caseId!, true))!;
          await syncRegie(tx, c, mins.regieHolderId!, actor, t.name, now);
          if (mins.actions.length) await actionsToPlan(tx, c, mins.actions, actor, t.name);
          await cases.addEvent(tx, c.id, 'meeting', actor.userId, {
            action: 'discussed',
            meetingId: m.id,
            tableName: t.name,
            regieHolderId: mins.regieHolderId,
          });
          if (mins.parentsPresent) {
            const token = randomBytes(24).toString('base64url');
            await repo.insertExperience(tx, { meetingId: m.id, tableId: t.id, itemId: item.id, tokenHash: hashToken(token) });
            experienceLinks.push({ itemId: item.id, link: `${publicUrl}/ervaring/${token}` });
          }
        }
        await repo.closeItems(tx, m.id);
        const adopted = await repo.updateMeeting(tx, m.id, { status: 'adopted', minutesAdoptedAt: now, minutesAdoptedById: actor.userId });
        const inv = await repo.invitees(tx, m.id);
        await notify(
          tx,
          publicUrl,
          'minutes_adopted',
          inv.map((i) => i.userId).filter((u) => u !== actor.userId),
          { meetingId: m.id },
        );
        await log(tx, actor, meta, m, 'update', 'verslag vastgesteld');
        return { meeting: adopted, experienceLinks };
      });
    },

    async addAddendum(actor: Actor, meetingId: string, a: { itemId: string | null; text: string }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { m, role } = await loadMeeting(tx, actor, meetingId);
        assertMayRunMeeting(role);
        if (m.status !== 'adopted') throw new AppError('conflict', [{ path: 'params.id', code: 'minutes_not_adopted' }]);
        if (a.itemId) {
          const item = await repo.findItem(tx, a.itemId);
          if (!item || item.meetingId !== m.id) throw new AppError('validation_failed', [{ path: 'body.itemId', code: 'unknown_item' }]);
        }
        const row = await repo.insertAddendum(tx, { meetingId: m.id, itemId: a.itemId, text: a.text, authorId: actor.userId });
        await log(tx, actor, meta, m, 'update', 'addendum');
        return row;
      });
    },

    async cancel(actor: Actor, meetingId: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { m, t, role } = await loadMeeting(tx, actor, meetingId, true);
        assertMayRunMeeting(role);
        assertEditable(m);
        await repo.closeItems(tx, m.id);
        const row = await repo.updateMeeting(tx, m.id, { status: 'cancelled' });
        await sendInvitations(tx, row, t, 'meeting_invitation', true);
        await log(tx, actor, meta, m, 'update', 'geannuleerd');
        return row;
      });
    },

    /** Staff of a municipality by name, for the chair and invitees (coordinators and chairs of its tables). */
    async staff(actor: Actor, municipalityId: string, q: string) {
      assertMaySearchStaff(actor, municipalityId);
      return cases.staffByName(db, municipalityId, q);
    },

    upcoming(actor: Actor) {
      return repo.upcomingFor(db, actor.userId, new Date());
    },

    /** The parents' form, reached by its one-time link: the table's name and date, nothing about the family. */
    async experienceForm(token: string) {
      const row = await repo.findExperience(db, hashToken(token));
      if (!row) throw new AppError('token_invalid');
      return { tableName: row.tableName, startsAt: row.startsAt, answered: Boolean(row.experience.answeredAt) };
    },

    async answerExperience(token: string, a: Experience) {
      return db.transaction(async (tx) => {
        const row = await repo.findExperience(tx, hashToken(token));
        if (!row || !(await repo.answerExperience(tx, row.experience.id, { heard: a.heard, clearWhoHelps: a.clearWhoHelps, better: a.better || null })))
          throw new AppError('token_invalid');
      });
    },
  };

  /** Writing the minutes of a case item needs what hearing it needs: consent for the organisation, or coordination. */
  async function assertHears(tx: DbOrTx, actor: Actor, caseId: string) {
    const c = (await cases.caseById(tx, caseId))!;
    const records = await cases.organisationConsents(tx, caseId, actor.organisationId);
    const organisationConsent = mayShare(records, actor.organisationId, 'case_discussion', dutchDate(new Date()));
    assertHearsCaseItem(actor, { municipalityId: c.municipalityId, organisationConsent });
  }

  /** Regie and actions must name people of the case: a care-team member, or someone of the household. */
  async function checkCaseMinutes(tx: DbOrTx, caseId: string, input: MinutesInput) {
    const c = (await cases.caseById(tx, caseId))!;
    const team = new Set((await cases.careTeam(tx, caseId)).map((x) => x.member.userId));
    const household = new Set((await cases.householdOf(tx, c.householdId)).map((p) => p.id));
    const errors: ErrorDetail[] = [];
    if (input.regieHolderId && !team.has(input.regieHolderId))
      errors.push({ path: 'body.regieHolderId', code: 'not_in_care_team', message: 'Choose a care-team member.' });
    input.actions.forEach((a, i) => {
      if (a.ownerKind === 'professional' && a.ownerUserId && !team.has(a.ownerUserId))
        errors.push({ path: `body.actions.${i}.ownerUserId`, code: 'not_in_care_team', message: 'Choose a care-team member.' });
      if (a.ownerKind === 'family' && a.ownerPersonId && !household.has(a.ownerPersonId))
        errors.push({ path: `body.actions.${i}.ownerPersonId`, code: 'not_in_household', message: 'Choose someone of the household.' });
    });
    if (errors.length) throw new AppError('validation_failed', errors);
  }

  /** "Casusregie ligt bij" decides: when it names someone else, they become the case director now (FoodValley). */
  async function syncRegie(tx: DbOrTx, c: cases.CaseRow, holderId: string, actor: Actor, tableName: string, now: Date) {
    if (c.directorId === holderId) return;
    const previous = await cases.endCurrentDirector(tx, c.id, 'case', now);
    await cases.insertDirector(tx, {
      caseId: c.id,
      userId: holderId,
      kind: 'case',
      status: 'current',
      proposedById: actor.userId,
      acceptedAt: now,
      note: `Vastgesteld in ${tableName}`,
    });
    await cases.updateCase(tx, c.id, { directorId: holderId, withoutDirectorSince: null, regieEscalatedAt: null });
    await cases.addEvent(tx, c.id, 'regie', actor.userId, {
      action: 'set_in_meeting',
      kind: 'case',
      userId: holderId,
      previousUserId: previous?.userId ?? null,
      tableName,
    });
    await notify(tx, publicUrl, 'regie_accepted', [holderId, previous?.userId], { caseId: c.id });
  }

  /** Decisions become actions in the family plan's draft (started from the adopted version when there is none). */
  async function actionsToPlan(tx: DbOrTx, c: cases.CaseRow, actions: repo.MinutesRow['actions'], actor: Actor, tableName: string) {
    const { row } = await ensureDraft(tx, c, actor.userId);
    const content: PlanContent = {
      ...row.content,
      actions: [
        ...row.content.actions,
        ...actions.map((a) => ({
          id: `m${randomBytes(6).toString('hex')}`,
          what: a.what,
          goalId: null,
          ownerKind: a.ownerKind,
          ownerUserId: a.ownerUserId,
          ownerPersonId: a.ownerPersonId,
          dueDate: a.dueDate,
          status: 'open' as const,
        })),
      ],
    };
    await cases.updateDraft(tx, row.id, row.version, { content });
    await cases.addEvent(tx, c.id, 'plan', actor.userId, { action: 'meeting_actions', number: row.number, count: actions.length, tableName });
  }

  /** In-app and e-mail (with the .ics) to every invitee, and to the member organisations' own addresses. */
  async function sendInvitations(tx: DbOrTx, m: repo.MeetingRow, t: repo.TableRow, kind: 'meeting_invitation', cancelled = false) {
    const inv = await repo.invitees(tx, m.id);
    const cardInv = await repo.cardInvitees(tx, m.id);
    const members = await repo.tableMembers(tx, t.id);
    const orgIds = [...new Set(members.filter((x) => !x.userId).map((x) => x.organisationId))];
    const orgs = await repo.organisationsByIds(tx, orgIds);
    const chair = inv.find((i) => i.userId === m.chairId);
    const link = `${publicUrl}/overleg/${m.id}`;
    const ics = () =>
      invitationIcs({
        meetingId: m.id,
        tableName: t.name,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: m.place,
        videoUrl: m.videoUrl,
        link,
        organiser: { name: chair?.name ?? 'Knooppunt', email: chair?.email ?? deps.config.mailFrom.replace(/^.*<|>.*$/g, '') },
        attendees: [...inv.map((i) => ({ name: i.name, email: i.email })), ...cardInv.flatMap((c) => (c.email ? [{ name: c.name, email: c.email }] : []))],
        sequence: m.version - 1,
        cancelled,
      });
    const detail = {
      nl: `${cancelled ? 'Geannuleerd: ' : ''}${t.name}, ${when(m.startsAt, 'nl')}${m.place ? `, ${m.place}` : ''}`,
      en: `${cancelled ? 'Cancelled: ' : ''}${t.name}, ${when(m.startsAt, 'en')}${m.place ? `, ${m.place}` : ''}`,
    };
    await notify(
      tx,
      publicUrl,
      kind,
      inv.map((i) => i.userId),
      { meetingId: m.id },
      { detail, ics },
    );
    for (const o of orgs) await notifyOrganisation(tx, publicUrl, kind, o.email, { meetingId: m.id }, { detail, ics: ics() });
    // Invitees without an account: the same mail and .ics at the card's address, and how to get an account.
    for (const c of cardInv)
      await notifyOrganisation(
        tx,
        publicUrl,
        kind,
        c.email,
        { meetingId: m.id },
        { detail: { nl: `${detail.nl}\n${NO_ACCOUNT_YET_NL}`, en: detail.en }, ics: ics() },
      );
  }
}
