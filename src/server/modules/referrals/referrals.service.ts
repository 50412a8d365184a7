import { mayShare } from '../../../domain/cases.js';
import {
  awaitsAnswer,
  checkReferralChange,
  expectedStartInPast,
  handoverInPast,
  isFinal,
  medianWeeks,
  needsNewReferral,
  type ReferralChangeInput,
  type ReferralInput,
  type ReferralSide,
  type ReferralStatus,
  responseDueOn,
} from '../../../domain/referrals.js';
import { dutchDate } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { assertMayRefer, assertReferralSide, coordinatorMunicipalities, incomingScope, isReceiverOf } from '../../policy.js';
import { assertOpen, type LoadedCase, loadCase, logCase, makeWithCase } from '../cases/case-access.js';
import { addEvent, currentDirector, organisationConsents } from '../cases/cases.repository.js';
import { notify, notifyOrganisation } from '../notifications/notifications.service.js';
import { coordinatorsOf } from '../signals/signals.repository.js';
import * as repo from './referrals.repository.js';

/** The sending side's view of the case, or null when the actor has none (a receiver outside the care team). */
async function caseAccessOf(tx: DbOrTx, actor: Actor, caseId: string) {
  try {
    return (await loadCase(tx, actor, caseId)).access;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

export function createReferralService(deps: AppDeps) {
  const db: Db = deps.database.db;
  const { publicUrl } = deps.config;
  const defaultNorm = deps.config.referrals.defaultNormWorkingDays;
  const withCase = makeWithCase(db);

  const log = (
    tx: DbOrTx,
    actor: Actor,
    meta: RequestMeta,
    d: repo.ReferralDetail,
    eventType: 'read' | 'create' | 'update',
    side: ReferralSide,
    what: string,
  ) =>
    writeAccessLog(tx, actor, meta, {
      eventType,
      objectType: 'referral',
      objectId: d.r.id,
      subjectPersonId: d.r.personId,
      purpose: `verwijzing (${side === 'receiver' ? 'ontvangende organisatie' : 'verwijzer'}): ${what}`,
    });

  /** Loads a referral for this actor: their side, or 404. */
  async function load(tx: DbOrTx, actor: Actor, id: string, forUpdate = false) {
    const d = await repo.findReferral(tx, id, forUpdate);
    const facts = d && { receivingOrganisationId: d.r.receivingOrganisationId, municipalityId: d.municipalityId, answeredById: d.r.answeredById };
    const access = facts && !isReceiverOf(actor, facts) ? await caseAccessOf(tx, actor, d.r.caseId) : null;
    const side = assertReferralSide(actor, facts, access, id);
    return { d: d!, side };
  }

  /** A status change on the case's timeline (no content: which service, which status) and back to the referrer. */
  async function tellSender(tx: DbOrTx, d: repo.ReferralDetail, actor: Actor, to: ReferralStatus) {
    await addEvent(tx, d.r.caseId, 'referral', actor.userId, { referralId: d.r.id, serviceName: d.serviceName, status: to });
    if (d.r.senderId !== actor.userId) await notify(tx, publicUrl, 'referral_update', [d.r.senderId], { referralId: d.r.id });
  }

  /** With the organisation's permission, the service's waiting time on the sociale kaart follows actual referrals. */
  async function refreshWaitingTime(tx: DbOrTx, d: repo.ReferralDetail, now: Date) {
    if (!(await repo.organisationSharesWaiting(tx, d.r.receivingOrganisationId))) return;
    const weeks = medianWeeks(await repo.waitingDays(tx, d.r.serviceId, now));
    if (weeks !== null) await repo.setServiceWaiting(tx, d.r.serviceId, weeks, dutchDate(now));
  }

  return {
    /**
     * Refers a household member of the case to a service on the sociale kaart. Attachments travel only when the
     * receiving organisation holds valid consent for the referral (or for case discussion); the norm and due day
     * are fixed now; the receiving organisation hears of it (in-app and at its own address, without content).
     */
    async create(actor: Actor, caseId: string, input: ReferralInput, meta: RequestMeta) {
      return withCase(actor, caseId, async (tx, l: LoadedCase) => {
        assertMayRefer(actor, { member: l.member, directorId: l.c.directorId }, l.access);
        assertOpen(l.c);
        if (!(await repo.personInHousehold(tx, input.personId, l.c.householdId)))
          throw new AppError('validation_failed', [{ path: 'body.personId', code: 'not_in_household', message: 'Not a member of this household.' }]);
        const service = await repo.serviceForReferral(tx, input.serviceId);
        if (!service)
          throw new AppError('validation_failed', [{ path: 'body.serviceId', code: 'unknown_service', message: 'No active service with this id.' }]);
        const now = new Date();
        if (input.handover.at && handoverInPast(input.handover.at, now))
          throw new AppError('validation_failed', [{ path: 'body.handover.at', code: 'date_in_past', message: 'A hand-over is planned ahead.' }]);
        if (input.previousReferralId) {
          // Referring again: only after a decline or a client who could not be reached, in this case, for this person.
          const previous = await repo.findReferral(tx, input.previousReferralId, true);
          const problem = !previous || previous.r.caseId !== l.c.id ? 'unknown_referral' : !needsNewReferral(previous.r.status) ? 'not_declined' : null;
          if (problem) throw new AppError('validation_failed', [{ path: 'body.previousReferralId', code: problem }]);
          if (previous!.r.personId !== input.personId) throw new AppError('validation_failed', [{ path: 'body.personId', code: 'not_the_same_person' }]);
          if (await repo.followUpOf(tx, previous!.r.id)) throw new AppError('conflict', [{ path: 'body.previousReferralId', code: 'already_referred_again' }]);
        }
        const attachments: { kind: string; planId?: string; eventId?: string }[] = [];
        if (input.attachments.length) {
          const today = dutchDate(new Date());
          const records = await organisationConsents(tx, l.c.id, service.organisationId);
          if (!mayShare(records, service.organisationId, 'referral', today) && !mayShare(records, service.organisationId, 'case_discussion', today))
            throw new AppError('attachment_consent_missing', [
              { path: 'body.attachments', code: 'consent_missing', message: 'No valid consent for the receiving organisation.' },
            ]);
          const planNumbers = input.attachments.flatMap((a) => (a.kind === 'family_plan' ? [a.planNumber] : []));
          const noteIds = input.attachments.flatMap((a) => (a.kind === 'note' ? [a.eventId] : []));
          const plans = await repo.adoptedPlans(tx, l.c.id, planNumbers);
          const notes = await repo.caseNotes(tx, l.c.id, noteIds);
          if (plans.length !== new Set(planNumbers).size || notes.length !== new Set(noteIds).size)
            throw new AppError('validation_failed', [
              { path: 'body.attachments', code: 'unknown_attachment', message: 'Attach adopted plan versions and notes of this case only.' },
            ]);
          attachments.push(...plans.map((p) => ({ kind: 'family_plan', planId: p.id })), ...notes.map((n) => ({ kind: 'note', eventId: n.id })));
        }
        const norm = service.norm ?? defaultNorm;
        const r = await repo.insertReferral(tx, {
          caseId: l.c.id,
          personId: input.personId,
          serviceId: service.id,
          receivingOrganisationId: service.organisationId,
          senderId: actor.userId,
          senderOrganisationId: actor.organisationId,
          purpose: input.purpose,
          question: input.question,
          urgency: input.urgency,
          handoverKind: input.handover.kind,
          handoverAt: input.handover.at ? new Date(input.handover.at) : null,
          handoverNote: input.handover.note || null,
          normWorkingDays: norm,
          dueOn: responseDueOn(dutchDate(now), norm),
          sentAt: now,
          previousReferralId: input.previousReferralId ?? null,
        });
        await repo.insertAttachments(
          tx,
          attachments.map((a) => ({ ...a, referralId: r.id })),
        );
        await repo.addReferralEvent(tx, { referralId: r.id, toStatus: 'sent', actorId: actor.userId });
        await addEvent(tx, l.c.id, 'referral', actor.userId, { referralId: r.id, serviceName: service.name, status: 'sent' });
        const staff = await repo.intakeOf(tx, service.organisationId, l.c.municipalityId);
        await notify(
          tx,
          publicUrl,
          'referral_new',
          staff.map((u) => u.id),
          { referralId: r.id },
        );
        await notifyOrganisation(tx, publicUrl, 'referral_new', service.organisationEmail, { referralId: r.id });
        await logCase(tx, actor, meta, l, 'create', `verwijzing naar ${service.name}`);
        return r;
      });
    },

    /**
     * The referral page. Reading never changes state: the receiver confirms receipt with an explicit write (the
     * status change to 'received', with CSRF), and only then does the referrer hear that it arrived.
     */
    async get(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { d, side } = await load(tx, actor, id);
        const [history, attachments] = await Promise.all([repo.historyOf(tx, d.r.id), repo.attachmentsOf(tx, d.r.id)]);
        // Attachments are shown to the receiver only while consent still holds: a withdrawal takes effect at once.
        let visibleAttachments = attachments;
        if (side === 'receiver' && attachments.length) {
          const records = await organisationConsents(tx, d.r.caseId, d.r.receivingOrganisationId);
          const today = dutchDate(new Date());
          const ok =
            mayShare(records, d.r.receivingOrganisationId, 'referral', today) || mayShare(records, d.r.receivingOrganisationId, 'case_discussion', today);
          if (!ok) visibleAttachments = [];
        }
        await log(tx, actor, meta, d, 'read', side, 'bekijken');
        return { d, side, history, attachments: visibleAttachments, attachmentsWithheld: attachments.length - visibleAttachments.length };
      });
    },

    /**
     * A status change by the receiver (or "client withdrew" by the sender), by the state machine. The row is locked
     * and the version compared: of two people accepting at once, one succeeds and the other gets 409.
     */
    async change(actor: Actor, id: string, input: ReferralChangeInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { d, side } = await load(tx, actor, id, true);
        if (d.r.version !== input.version) throw new AppError('version_conflict', [], undefined, { currentVersion: d.r.version, status: d.r.status });
        const check = checkReferralChange({
          from: d.r.status,
          to: input.status,
          side,
          declineReason: input.declineReason,
          note: input.note,
          expectedStart: input.expectedStart,
        });
        if (!check.ok) {
          if (check.error === 'transition_not_allowed') throw new AppError('transition_not_allowed', [], undefined, { allowed: check.allowed });
          throw new AppError('validation_failed', [{ path: check.path, code: check.error, message: 'Required for this status.' }]);
        }
        const now = new Date();
        if (input.status === 'waiting_list' && input.expectedStart && expectedStartInPast(input.expectedStart, dutchDate(now)))
          throw new AppError('validation_failed', [{ path: 'body.expectedStart', code: 'date_in_past', message: 'The expected start lies ahead.' }]);
        const to = input.status;
        const patch: Parameters<typeof repo.updateReferral>[2] = { status: to };
        if (awaitsAnswer(d.r.status) && (to === 'accepted' || to === 'declined')) {
          patch.answeredAt = now;
          patch.answeredById = actor.userId;
        }
        if (to === 'declined') {
          patch.declineReason = input.declineReason ?? null;
          patch.declineNote = input.note?.trim() || null;
        }
        if (to === 'waiting_list') patch.expectedStart = input.expectedStart ?? null;
        if (to === 'help_started') patch.helpStartedAt = now;
        if (isFinal(to)) patch.closedAt = now;
        const r = await repo.updateReferral(tx, d.r.id, patch);
        await repo.addReferralEvent(tx, {
          referralId: d.r.id,
          fromStatus: d.r.status,
          toStatus: to,
          actorId: actor.userId,
          note: input.note || null,
          data: {
            ...(input.declineReason ? { declineReason: input.declineReason } : {}),
            ...(input.expectedStart ? { expectedStart: input.expectedStart } : {}),
          },
        });
        const next = { ...d, r };
        await tellSender(tx, next, actor, to);
        if (to === 'waiting_list' || to === 'help_started') await refreshWaitingTime(tx, next, now);
        await log(tx, actor, meta, next, 'update', side, `status ${to}`);
        return r;
      });
    },

    async ofCase(actor: Actor, caseId: string, meta: RequestMeta) {
      return withCase(actor, caseId, async (tx, l) => {
        if (l.access.level !== 'content') throw new AppError('consent_missing');
        const items = await repo.referralsOfCase(tx, l.c.id);
        await logCase(tx, actor, meta, l, 'read', 'verwijzingen');
        return items;
      });
    },

    incoming(actor: Actor, view: 'open' | 'new' | 'overdue' | 'waiting', meta: RequestMeta, page = { offset: 0, limit: 100 }) {
      return repo.incomingBoard(db, incomingScope(actor), dutchDate(new Date()), view, page, {
        userId: actor.userId,
        role: actor.role,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
    },

    overdue(actor: Actor) {
      return repo.overdueFor(db, { userId: actor.userId, coordinatorOf: coordinatorMunicipalities(actor) }, dutchDate(new Date()));
    },
  };
}

/**
 * The response-time escalation, with the clock passed in (tests move it across King's Day and Christmas): a
 * referral not answered by its due day is escalated once — to the receiving organisation (its staff in-app and its
 * own address by e-mail) and to the case's process director and coordinators — and put on both histories.
 */
export async function runReferralEscalation(db: Db, publicUrl: string, now: Date): Promise<number> {
  let escalated = 0;
  for (const id of await repo.escalationCandidates(db, dutchDate(now))) {
    await db.transaction(async (tx) => {
      const d = await repo.findReferral(tx, id, true);
      if (!d || !awaitsAnswer(d.r.status) || d.r.escalatedAt) return;
      await repo.updateReferral(tx, id, { escalatedAt: now });
      await repo.addReferralEvent(tx, { referralId: id, fromStatus: d.r.status, toStatus: d.r.status, data: { escalated: true, dueOn: d.r.dueOn } });
      await addEvent(tx, d.r.caseId, 'referral', null, { referralId: id, serviceName: d.serviceName, status: d.r.status, escalated: true });
      const staff = await repo.intakeOf(tx, d.r.receivingOrganisationId, d.municipalityId);
      const process = await currentDirector(tx, d.r.caseId, 'process');
      const coordinators = await coordinatorsOf(tx, d.municipalityId);
      await notify(tx, publicUrl, 'referral_escalated', [...staff.map((u) => u.id), process?.userId, ...coordinators.map((u) => u.id), d.r.senderId], {
        referralId: id,
      });
      await notifyOrganisation(tx, publicUrl, 'referral_escalated', d.receivingOrganisationEmail, { referralId: id });
      escalated++;
    });
  }
  return escalated;
}
