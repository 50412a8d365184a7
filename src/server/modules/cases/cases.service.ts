import {
  type CasePhase,
  type CloseReason,
  type ConsentInput,
  checkTransition,
  consentNeedsConfirmation,
  consentState,
  isActivePhase,
  whoConsents,
} from '../../../domain/cases.js';
import type { NotificationKind } from '../../../domain/notifications.js';
import { ageInYears, parseIsoDate, phaseForSignalDecision } from '../../../domain/persons.js';
import { dutchDate } from '../../../domain/working-days.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import {
  assertCaseContent,
  assertMayAnswerProposal,
  assertMayBreakGlassInto,
  assertMayConfirmConsent,
  assertMayDirectCase,
  assertMayNameProcessDirector,
  assertMayRecordConsent,
  assertMayReviewEmergency,
  assertMaySeePerson,
  assertMaySeeSignal,
  assertMayTriageSignal,
  caseAbilities,
  caseAbilityReasons,
  isCoordinatorFor,
  mayConfirmConsent,
  mayReachCase,
} from '../../policy.js';
import * as families from '../families/families.repository.js';
import { viewerOf } from '../families/families.service.js';
import { notifyOrganisation as notifyAddress, notify as notifyUsers } from '../notifications/notifications.service.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { coordinatorsOf, findSignal } from '../signals/signals.repository.js';
import { assertOpen, caseActor, caseLogEntry, type LoadedCase, loadCase, logCase, makeWithCase } from './case-access.js';
import { readCasePage } from './case-page.repository.js';
import * as repo from './cases.repository.js';

export type OpenInput = { signalId: string; personId?: undefined } | { personId: string; signalId?: undefined };

export interface PhaseChange {
  version: number;
  to: CasePhase;
  reason: string | null;
  closeReason: CloseReason | null;
  evaluationNote: string | null;
}

const REASON_PATH: Record<string, string> = {
  reason_required: 'body.reason',
  close_reason_required: 'body.closeReason',
  evaluation_required: 'body.evaluationNote',
};

/** What a card-only member is told after the one sentence of the notification. */
const NO_ACCOUNT_YET = {
  nl: 'U heeft nog geen account in Knooppunt: vraag de functioneel beheerder van uw organisatie om een account met dit e-mailadres.',
  en: 'You do not have a Knooppunt account yet: ask your organisation’s administrator for one with this e-mail address.',
};

/**
 * Who is being added to a care team: an account (by user id, or by the card linked to it) or a professional with a
 * smoelenboek card and no account yet, who is reached by mail and sees nothing until she has an account.
 */
async function memberCandidate(tx: DbOrTx, m: { userId?: string; personId?: string }) {
  if (m.personId) {
    const card = await repo.activeCard(tx, m.personId);
    if (!card) throw new AppError('validation_failed', [{ path: 'body.personId', code: 'unknown_card' }]);
    if (card.userId) {
      const user = await repo.staffUser(tx, card.userId);
      if (!user) throw new AppError('validation_failed', [{ path: 'body.personId', code: 'unknown_professional' }]);
      return { userId: user.id, personId: card.id, organisationId: user.organisationId!, name: user.name, email: null };
    }
    if (!card.email) throw new AppError('validation_failed', [{ path: 'body.personId', code: 'card_without_email' }]);
    return { userId: null, personId: card.id, organisationId: card.organisationId, name: card.name, email: card.email };
  }
  const user = m.userId ? await repo.staffUser(tx, m.userId) : null;
  if (!user) throw new AppError('validation_failed', [{ path: 'body.userId', code: 'unknown_professional' }]);
  return { userId: user.id, personId: null, organisationId: user.organisationId!, name: user.name, email: null };
}

export function createCaseService(deps: AppDeps) {
  const db = deps.database.db;
  const { breakGlassMinutes } = deps.config.cases;

  /** Tells the coordinators of the case's municipality (and others named) without content: the link says enough. */
  async function notify(tx: DbOrTx, c: repo.CaseRow, kind: NotificationKind, userIds: (string | null)[], withCoordinators = false) {
    const coordinators = withCoordinators ? (await coordinatorsOf(tx, c.municipalityId)).map((u) => u.id) : [];
    await notifyUsers(tx, deps.config.publicUrl, kind, [...userIds, ...coordinators], { caseId: c.id });
  }

  const withCase = makeWithCase(db);

  return {
    /**
     * Opens a case: by the hub coordinator from a signal in the intake queue, or by a professional directly for
     * their own client (someone they registered involvement with). One open case per household.
     */
    async open(actor: Actor, input: OpenInput, meta: RequestMeta) {
      return db
        .transaction(async (tx) => {
          const now = new Date();
          let base: { householdId: string; clientId: string; municipalityId: string; signalId: string | null };
          let signal: Awaited<ReturnType<typeof findSignal>> = null;
          if (input.signalId) {
            const s = await findSignal(tx, input.signalId);
            assertMaySeeSignal(actor, s);
            assertMayTriageSignal(actor, s);
            base = { householdId: s.householdId, clientId: s.personId, municipalityId: s.municipalityId, signalId: s.id };
            signal = s;
          } else {
            const p = assertMaySeePerson(actor, await families.findVisiblePerson(tx, input.personId ?? '', viewerOf(actor)), input.personId ?? '');
            base = { householdId: p.householdId, clientId: p.id, municipalityId: p.municipalityId, signalId: null };
          }
          await families.lockHousehold(tx, base.householdId);
          const existing = await families.householdCaseRelation(tx, base.householdId, actor.userId);
          // Those the case admits are sent to it; anyone else learns only that it runs (and asks the coordinator).
          if (existing) throw new AppError('case_exists', [], undefined, mayReachCase(actor, existing) ? { caseId: existing.caseId } : {});
          const c = await repo.insertCase(tx, { ...base, openedById: actor.userId, withoutDirectorSince: now });
          // The signal and the hub's decision on it start the timeline (what, not the content: that is on the signal).
          if (signal)
            await repo.addEvent(tx, c.id, 'signal', signal.signallerId, {
              signalId: signal.id,
              vulnerabilityLevel: signal.vulnerabilityLevel,
              decision: signal.decision,
            });
          await repo.addEvent(tx, c.id, 'opened', actor.userId, { signalId: base.signalId });
          // The hub's decision on the signal sets where the work starts: a decision to explore opens it in Verkennen.
          const startPhase = phaseForSignalDecision(signal?.decision);
          let opened = c;
          if (startPhase !== c.phase) {
            const moved = await repo.updateCase(tx, c.id, { phase: startPhase, phaseChangedAt: now }, c.version);
            if (!moved) throw new AppError('version_conflict');
            opened = moved;
            await repo.addEvent(tx, c.id, 'phase', actor.userId, { from: c.phase, to: startPhase, reason: 'besluit op het signaal' });
          }
          if (actor.role === 'professional')
            await repo.addMember(tx, { caseId: c.id, userId: actor.userId, organisationId: actor.organisationId, source: 'opened', addedById: actor.userId });
          if (signal && signal.signallerId !== actor.userId) {
            const signaller = await repo.staffUser(tx, signal.signallerId);
            if (signaller)
              await repo.addMember(tx, {
                caseId: c.id,
                userId: signaller.id,
                organisationId: signaller.organisationId!,
                source: 'signal',
                roleInCase: 'signaleerder',
                addedById: actor.userId,
              });
          }
          const l = { c: opened, access: { level: 'content', basis: isCoordinatorFor(actor, c.municipalityId) ? 'coordinator' : 'care_team' } } as const;
          await logCase(tx, actor, meta, l, 'create', 'casus openen');
          return opened;
        })
        .catch((err) => {
          if (isUniqueViolation(err)) throw new AppError('case_exists');
          throw err;
        });
    },

    /**
     * The case page in one transaction: what the actor may see of it, by the need-to-know rule. Without consent a
     * care-team member gets the case's existence and whom to call; with consent for the plan only, also the plan.
     */
    async page(actor: Actor, id: string, meta: RequestMeta) {
      // Two statements, no transaction: the facts for the policy, then every allowed part with its access-log row
      // in one statement (case-page.repository.ts) — the hot path of the case page.
      const l = await loadCase(db, actor, id);
      const { c, access } = l;
      const what = access.level === 'content' ? 'casus inzien' : access.level === 'plan' ? 'casus (gezinsplan)' : 'casus (bestaan en regisseur)';
      const facts = { ...c, member: l.member, open: isActivePhase(c.phase) };
      const abilities = caseAbilities(actor, facts, access);
      const parts = await readCasePage(
        deps.database.pool,
        id,
        { level: access.level, withEmergency: abilities.reviewEmergency },
        {
          ...caseLogEntry(access, 'read', what),
          userId: actor.userId,
          role: actor.role,
          organisationId: actor.organisationId,
          ip: meta.ip,
          userAgent: meta.userAgent,
        },
      );
      const plans = parts.plans;
      return {
        l,
        client: parts.client,
        director: parts.director,
        role: caseActor(actor, c),
        abilities,
        abilityReasons: caseAbilityReasons(actor, facts, access),
        // Per consent record: whether this actor may confirm it (policy), shown as a button.
        mayConfirm: (k: { recordedById: string; organisationId: string }) => mayConfirmConsent(actor, c, k),
        plan: plans && { current: plans.find((p) => p.status === 'adopted') ?? null, draft: plans.find((p) => p.status === 'draft') ?? null, versions: plans },
        content: parts.content,
      };
    },

    async timeline(actor: Actor, id: string, f: { kinds?: string[]; before?: Date; limit: number }, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access);
        const rows = await repo.timeline(tx, id, f);
        await logCase(tx, actor, meta, l, 'read', 'tijdlijn');
        return rows;
      });
    },

    async addNote(actor: Actor, id: string, text: string, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access);
        assertOpen(l.c);
        await repo.addEvent(tx, id, 'note', actor.userId, { text });
        await repo.updateCase(tx, id, {});
        await logCase(tx, actor, meta, l, 'update', 'notitie');
      });
    },

    /** One phase change through the state machine; refusals name the allowed phases. */
    async changePhase(actor: Actor, id: string, change: PhaseChange, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          const { c } = l;
          const who = caseActor(actor, c);
          const r = checkTransition({ ...change, from: c.phase, actor: who, phaseBeforeClosing: c.phaseBeforeClosing });
          if (!r.ok) {
            if (r.code === 'transition_not_allowed')
              throw new AppError('transition_not_allowed', [{ path: 'body.to', code: r.code }], {}, { allowed: r.allowed });
            throw new AppError('validation_failed', [{ path: REASON_PATH[r.code]!, code: r.code }], {}, { allowed: r.allowed });
          }
          if (c.version !== change.version) throw new AppError('version_conflict', [], {}, { currentVersion: c.version });
          const now = new Date();
          const closing = change.to === 'afgesloten';
          const reopening = c.phase === 'afgesloten';
          const patch = closing
            ? { phase: change.to, phaseBeforeClosing: c.phase, closeReason: change.closeReason, evaluationNote: change.evaluationNote, closedAt: now }
            : reopening
              ? { phase: change.to, phaseBeforeClosing: null, closeReason: null, evaluationNote: null, closedAt: null }
              : { phase: change.to };
          // A reopened case without a director starts a fresh escalation clock.
          const clock = reopening && !c.directorId ? { withoutDirectorSince: now, regieEscalatedAt: null } : {};
          const updated = await repo.updateCase(tx, id, { ...patch, ...clock, phaseChangedAt: now }, change.version);
          if (!updated) throw new AppError('version_conflict');
          await repo.addEvent(tx, id, 'phase', actor.userId, {
            from: c.phase,
            to: change.to,
            reason: change.reason,
            closeReason: change.closeReason,
            evaluationNote: change.evaluationNote,
          });
          await logCase(tx, actor, meta, l, 'update', `fase ${c.phase} → ${change.to}`);
          return updated;
        },
        true,
      );
    },

    // ─── Care team ───────────────────────────────────────────────────────────────────────────────────────────

    /** Who could join: professionals registered as involved with the household, or (with a name) staff of the municipality. */
    async teamSuggestions(actor: Actor, id: string, q: string | undefined, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access);
        const rows = q ? await repo.staffByName(tx, l.c.municipalityId, q, id) : await repo.involvedNotInTeam(tx, id, l.c.householdId);
        await logCase(tx, actor, meta, l, 'read', 'betrokkenen voor zorgteam');
        return rows;
      });
    },

    /**
     * Adds a professional to the care team. Their organisation needs valid consent for case discussion first:
     * without it the answer is 409 consent_required, unless the caller confirms (the member then sees only the
     * case's existence until consent is recorded).
     */
    async addMember(actor: Actor, id: string, m: { userId?: string; personId?: string; roleInCase: string; withoutConsent: boolean }, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          assertMayDirectCase(actor, l.c);
          const who = await memberCandidate(tx, m);
          const records = await repo.organisationConsents(tx, id, who.organisationId);
          const state = consentState(records, who.organisationId, 'case_discussion', dutchDate(new Date()));
          const field = m.personId ? 'body.personId' : 'body.userId';
          if (state !== 'given' && !m.withoutConsent)
            throw new AppError(
              'consent_required',
              [{ path: field, code: `consent_${state}` }],
              {},
              {
                organisationId: who.organisationId,
                consentState: state,
              },
            );
          const source = who.userId && (await repo.hasActiveRegistration(tx, l.c.householdId, who.userId)) ? 'involvement' : 'added';
          const row = await repo.addMember(tx, {
            caseId: id,
            userId: who.userId,
            personId: who.personId,
            organisationId: who.organisationId,
            roleInCase: m.roleInCase,
            source,
            addedById: actor.userId,
          });
          if (!row) throw new AppError('conflict', [{ path: field, code: 'already_in_team' }]);
          await repo.addEvent(tx, id, 'care_team', actor.userId, {
            added: who.userId,
            ...(who.userId ? {} : { addedCard: who.personId }),
            name: who.name,
            roleInCase: m.roleInCase,
            consent: state,
          });
          await repo.updateCase(tx, id, {});
          if (who.userId) await notify(tx, l.c, 'case_added', [who.userId]);
          // Without an account she is reached by mail at her card's address: one sentence and a link, no content.
          else await notifyAddress(tx, deps.config.publicUrl, 'case_added', who.email, { caseId: id }, { detail: NO_ACCOUNT_YET });
          await logCase(tx, actor, meta, l, 'update', 'zorgteam aanvullen');
          return row;
        },
        true,
      );
    },

    async removeMember(actor: Actor, id: string, userId: string, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          if (userId !== actor.userId) assertMayDirectCase(actor, l.c);
          if (l.c.directorId === userId) throw new AppError('is_director');
          const ended = await repo.endMember(tx, id, userId);
          if (!ended) throw new AppError('not_found');
          await repo.addEvent(tx, id, 'care_team', actor.userId, { removed: userId });
          await repo.updateCase(tx, id, {});
          await logCase(tx, actor, meta, l, 'update', 'zorgteam verlaten');
        },
        true,
      );
    },

    // ─── Consent ─────────────────────────────────────────────────────────────────────────────────────────────

    /**
     * Records consent (given or refused) for one or more recipients. Who consents follows the law: the woman or a
     * parent for herself and children under 16; a young person of 16 or older only for themself.
     */
    async recordConsent(actor: Actor, id: string, input: ConsentInput, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          assertMayRecordConsent(actor, { member: l.member, municipalityId: l.c.municipalityId });
          const household = await repo.householdOf(tx, l.c.householdId);
          const giver = household.find((p) => p.id === input.givenByPersonId);
          if (!giver) throw new AppError('validation_failed', [{ path: 'body.givenByPersonId', code: 'not_in_household' }]);
          const age = giver.dateOfBirth ? ageInYears(parseIsoDate(giver.dateOfBirth), new Date()) : null;
          if (giver.role === 'unborn' || ((giver.role === 'child' || giver.role === 'other') && whoConsents(age) !== 'self'))
            throw new AppError('validation_failed', [{ path: 'body.givenByPersonId', code: 'too_young_to_consent' }]);
          // Any organisation of the region (or with a service for the municipality) may be named, whether or not someone
          // of it is in the care team yet: parents often consent to sharing with a team before anyone there is named;
          // the consent applies when a member joins.
          const names: string[] = [];
          for (const [i, r] of input.recipients.entries()) {
            const org = await repo.nameableOrganisation(tx, r.organisationId, { regionId: l.regionId, municipalityId: l.c.municipalityId });
            if (!org) throw new AppError('validation_failed', [{ path: `body.recipients.${i}.organisationId`, code: 'unknown_organisation' }]);
            if (r.userId) {
              const u = await repo.staffUser(tx, r.userId);
              if (!u || u.organisationId !== r.organisationId)
                throw new AppError('validation_failed', [{ path: `body.recipients.${i}.userId`, code: 'not_in_organisation' }]);
              names.push(`${u.name} (${org.name})`);
            } else names.push(org.name);
          }
          const form = input.form ? Buffer.from(input.form.base64, 'base64') : null;
          const rows = await repo.insertConsents(
            tx,
            input.recipients.map((r) => ({
              caseId: id,
              givenByPersonId: giver.id,
              organisationId: r.organisationId,
              userId: r.userId,
              purpose: input.purpose,
              purposeDetail: input.purposeDetail,
              decision: input.decision,
              validFrom: input.validFrom,
              validUntil: input.validUntil,
              how: input.how,
              note: input.note,
              formName: input.form?.name ?? null,
              formType: input.form?.type ?? null,
              form,
              recordedById: actor.userId,
              needsConfirmation: consentNeedsConfirmation({ decision: input.decision, organisationId: r.organisationId, userId: r.userId }, actor),
            })),
          );
          // One decision of the parents is one line on the timeline, naming every recipient it was given for.
          await repo.addEvent(tx, id, 'consent', actor.userId, {
            consentIds: rows.map((k) => k.id),
            decision: input.decision,
            purpose: input.purpose,
            recipients: rows.map((k, i) => ({ organisationId: k.organisationId, userId: k.userId, name: names[i] })),
          });
          await repo.updateCase(tx, id, {});
          await logCase(tx, actor, meta, l, 'update', `toestemming ${input.decision === 'given' ? 'gegeven' : 'geweigerd'}`);
          return rows;
        },
        true,
      );
    },

    /**
     * Organisations consent can name: those of the care team first, then (by name) any active organisation of the
     * case's region or with a service for its municipality on the sociale kaart — someone of it need not be in the
     * team yet. Organisation names are no personal data: nothing to log.
     */
    async consentOrganisations(actor: Actor, id: string, q: string | undefined) {
      return withCase(actor, id, async (tx, l) => {
        assertMayRecordConsent(actor, { member: l.member, municipalityId: l.c.municipalityId });
        return repo.consentOrganisations(tx, { caseId: id, regionId: l.regionId, municipalityId: l.c.municipalityId }, q);
      });
    },

    /** Withdrawal is a new record for the same recipient and purpose; it takes effect on the very next request. */
    async withdrawConsent(actor: Actor, id: string, consentId: string, note: string | null, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          assertMayRecordConsent(actor, { member: l.member, municipalityId: l.c.municipalityId });
          const k = await repo.findConsent(tx, id, consentId);
          if (!k) throw new AppError('not_found');
          const today = dutchDate(new Date());
          const [row] = await repo.insertConsents(tx, [
            {
              caseId: id,
              givenByPersonId: k.givenByPersonId,
              organisationId: k.organisationId,
              userId: k.userId,
              purpose: k.purpose,
              purposeDetail: k.purposeDetail,
              decision: 'withdrawn',
              validFrom: today,
              validUntil: null,
              how: k.how,
              note,
              recordedById: actor.userId,
            },
          ]);
          await repo.addEvent(tx, id, 'consent', actor.userId, {
            consentId: row!.id,
            decision: 'withdrawn',
            purpose: k.purpose,
            organisationId: k.organisationId,
            userId: k.userId,
            recipients: [{ organisationId: k.organisationId, userId: k.userId, name: (await findOrganisation(tx, k.organisationId))?.name ?? '' }],
          });
          await repo.updateCase(tx, id, {});
          await logCase(tx, actor, meta, l, 'update', 'toestemming ingetrokken');
          return row!;
        },
        true,
      );
    },

    /** Confirms a consent that named its recorder's own organisation; from now on it counts. */
    async confirmConsent(actor: Actor, id: string, consentId: string, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          const k = await repo.findConsent(tx, id, consentId);
          if (!k) throw new AppError('not_found');
          assertMayConfirmConsent(actor, l.c, k);
          if (!k.needsConfirmation) throw new AppError('conflict', [{ path: 'params.consentId', code: 'needs_no_confirmation' }]);
          if (await repo.consentConfirmed(tx, consentId)) throw new AppError('conflict', [{ path: 'params.consentId', code: 'already_confirmed' }]);
          await repo.insertConsentConfirmation(tx, consentId, actor.userId);
          await repo.addEvent(tx, id, 'consent', actor.userId, {
            consentId,
            decision: 'confirmed',
            purpose: k.purpose,
            organisationId: k.organisationId,
            userId: k.userId,
            recipients: [{ organisationId: k.organisationId, userId: k.userId, name: (await findOrganisation(tx, k.organisationId))?.name ?? '' }],
          });
          await repo.updateCase(tx, id, {});
          await logCase(tx, actor, meta, l, 'update', 'toestemming bevestigd');
          return k;
        },
        true,
      );
    },

    async consentForm(actor: Actor, id: string, consentId: string, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertCaseContent(l.access);
        const k = await repo.findConsent(tx, id, consentId);
        if (!k?.form) throw new AppError('not_found');
        await logCase(tx, actor, meta, l, 'export', 'toestemmingsformulier');
        return { name: k.formName ?? 'toestemming', type: k.formType ?? 'application/octet-stream', data: k.form };
      });
    },

    // ─── Regie ───────────────────────────────────────────────────────────────────────────────────────────────

    /**
     * Proposes a case director (or process director). The coordinator or the current case director proposes; the
     * proposed person must be in the care team (or be a coordinator of the municipality) and must accept. Until
     * then the current director stays responsible. Proposing yourself is accepting at once.
     */
    async proposeDirector(actor: Actor, id: string, p: { userId: string; kind: 'case' | 'process'; note: string | null }, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          if (p.kind === 'process') assertMayNameProcessDirector(actor, l.c);
          assertMayDirectCase(actor, l.c);
          const team = await repo.careTeam(tx, id);
          const inTeam = team.some((m) => m.member.userId === p.userId);
          const target = await repo.staffUser(tx, p.userId);
          if (!target || !(inTeam || (target.role === 'coordinator' && (await coordinatorsOf(tx, l.c.municipalityId)).some((u) => u.id === target.id))))
            throw new AppError('validation_failed', [{ path: 'body.userId', code: 'not_in_care_team' }]);
          const current = await repo.currentDirector(tx, id, p.kind);
          if (current?.userId === p.userId) throw new AppError('conflict', [{ path: 'body.userId', code: 'already_director' }]);
          const proposal = await repo
            .insertDirector(tx, { caseId: id, userId: p.userId, kind: p.kind, status: 'proposed', proposedById: actor.userId, note: p.note })
            .catch((err) => {
              if (isUniqueViolation(err)) throw new AppError('proposal_pending');
              throw err;
            });
          await repo.addEvent(tx, id, 'regie', actor.userId, { action: 'proposed', kind: p.kind, userId: p.userId, name: target.name });
          await logCase(tx, actor, meta, l, 'update', 'regie voorstellen');
          if (p.userId === actor.userId) return accept(tx, l, proposal, actor);
          await notify(tx, l.c, 'regie_proposed', [p.userId]);
          await repo.updateCase(tx, id, {});
          return proposal;
        },
        true,
      );
    },

    async answerProposal(actor: Actor, id: string, proposalId: string, answer: 'accept' | 'decline' | 'withdraw', reason: string | null, meta: RequestMeta) {
      return withCase(
        actor,
        id,
        async (tx, l) => {
          assertOpen(l.c);
          const p = await repo.findDirector(tx, id, proposalId);
          if (!p) throw new AppError('not_found');
          assertMayAnswerProposal(actor, l.c, p, answer);
          if (p.status !== 'proposed') throw new AppError('conflict', [{ path: 'params.proposalId', code: `already_${p.status}` }]);
          await logCase(tx, actor, meta, l, 'update', `regie ${answer}`);
          if (answer === 'accept') return accept(tx, l, p, actor);
          const done = await repo.setDirectorStatus(tx, p.id, 'proposed', {
            status: answer === 'decline' ? 'declined' : 'withdrawn',
            endedAt: new Date(),
            note: reason ?? p.note,
          });
          await repo.addEvent(tx, id, 'regie', actor.userId, {
            action: answer === 'decline' ? 'declined' : 'withdrawn',
            kind: p.kind,
            userId: p.userId,
            reason,
          });
          if (answer === 'decline') await notify(tx, l.c, 'regie_declined', [p.proposedById], true);
          await repo.updateCase(tx, id, {});
          return done!;
        },
        true,
      );
    },

    // ─── Emergency access ────────────────────────────────────────────────────────────────────────────────────

    /**
     * Break the glass: a professional of the case's municipality outside the care team (or an admin of its region)
     * gets content access for a limited time after giving a reason. Logged as emergency access; the case director
     * and the coordinators are notified; the coordinator reviews it afterwards.
     */
    async breakGlass(actor: Actor, id: string, reason: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const f = await repo.findCaseWithFacts(tx, id, { userId: actor.userId, organisationId: actor.organisationId });
        assertMayBreakGlassInto(actor, f && { municipalityId: f.case.municipalityId, regionId: f.regionId }, id);
        if (!f) throw new AppError('not_found');
        const now = new Date();
        const grant = await repo.insertEmergency(tx, {
          caseId: id,
          userId: actor.userId,
          reason,
          grantedAt: now,
          expiresAt: new Date(now.getTime() + breakGlassMinutes * 60_000),
        });
        await repo.addEvent(tx, id, 'emergency', actor.userId, { grantId: grant.id, reason, expiresAt: grant.expiresAt.toISOString() });
        await notify(tx, f.case, 'emergency_access', [f.case.directorId], true);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'emergency_access',
          objectType: 'case',
          objectId: id,
          subjectPersonId: f.case.clientId,
          purpose: `noodtoegang: ${reason}`,
        });
        return grant;
      });
    },

    async reviewEmergency(actor: Actor, id: string, grantId: string, r: { review: 'approved' | 'improper'; note: string | null }, meta: RequestMeta) {
      return withCase(actor, id, async (tx, l) => {
        assertMayReviewEmergency(actor, l.c);
        const row = await repo.reviewEmergency(tx, id, grantId, { review: r.review, reviewNote: r.note, reviewedById: actor.userId, reviewedAt: new Date() });
        if (!row) throw new AppError('not_found');
        await repo.addEvent(tx, id, 'emergency', actor.userId, { grantId, review: r.review });
        await logCase(tx, actor, meta, l, 'update', `noodtoegang beoordeeld: ${r.review}`);
        return row;
      });
    },
  };

  /**
   * Makes a proposal current: the previous director of that kind steps down in the same transaction. The case row
   * is locked by the caller and the partial unique index guarantees one current director even if it were not.
   */
  async function accept(tx: DbOrTx, l: LoadedCase, p: repo.DirectorRow, actor: Actor) {
    const now = new Date();
    const previous = await repo.endCurrentDirector(tx, l.c.id, p.kind as 'case' | 'process', now);
    const current = await repo.setDirectorStatus(tx, p.id, 'proposed', { status: 'current', acceptedAt: now });
    if (!current) throw new AppError('conflict', [{ path: 'params.proposalId', code: 'already_answered' }]);
    if (p.kind === 'case') await repo.updateCase(tx, l.c.id, { directorId: p.userId, withoutDirectorSince: null, regieEscalatedAt: null });
    else await repo.updateCase(tx, l.c.id, {});
    await repo.addEvent(tx, l.c.id, 'regie', actor.userId, { action: 'accepted', kind: p.kind, userId: p.userId, previousUserId: previous?.userId ?? null });
    await notify(tx, l.c, 'regie_accepted', [p.proposedById !== p.userId ? p.proposedById : null, previous?.userId ?? null]);
    return current;
  }
}
