/** The work overview ("Home = my work"): which queues a user has, and where an item on it may name its client. */
import type { Actor } from '../context.js';
import { allows } from './app.js';
import { type CaseAccessFacts, caseAccess } from './cases.js';
import { requireStaff } from './core.js';
import { coordinatorMunicipalities, isCoordinatorFor, personAccess, requireCareStaff } from './families.js';
import { incomingScope, isReceiverOf, type ReferralFacts } from './referrals.js';

/**
 * What a user's work overview reads, scoped by the same rules as the lists it summarises: the coordinator's queues
 * for the municipalities she coordinates, the incoming referrals of incomingScope, and everything else by the
 * user's own relation (her proposals, her plan actions, her referrals, her meetings, her registrations).
 */
export interface WorkScope {
  userId: string;
  organisationId: string;
  /** Care work (clients, cases, referrals, meetings): professionals and coordinators only. */
  careWork: boolean;
  /** Hub queues (intake, unfollowed matches, emergency access to review) of these municipalities. */
  coordinatorOf: string[];
  incoming: { organisationId: string; municipalityIds: string[]; receiverUserId: string };
}

/**
 * Every signed-in staff member has a work overview (policy officers and admins: their notifications); the care
 * queues only for those who do care work. Client accounts and sessions before the second factor have none.
 */
export function workScope(actor: Actor | null): WorkScope {
  const a = requireStaff(actor);
  const careWork = allows(() => requireCareStaff(a));
  return {
    userId: a.userId,
    organisationId: a.organisationId,
    careWork,
    coordinatorOf: careWork ? coordinatorMunicipalities(a) : [],
    incoming: careWork ? incomingScope(a) : { organisationId: a.organisationId, municipalityIds: [], receiverUserId: a.userId },
  };
}

/** What the database says about the client behind one item of the overview. */
export type WorkItemFacts =
  /** A signal in a hub's intake queue. */
  | { kind: 'signal'; municipalityId: string }
  /** Anything of a case: a regie proposal, a plan action, a referral the user sent. */
  | { kind: 'case'; facts: CaseAccessFacts }
  /** A referral to the user's organisation. */
  | { kind: 'incoming_referral'; facts: ReferralFacts }
  /** A match on the user's own involvement registration (the person of her registration). */
  | { kind: 'own_registration'; municipalityId: string };

/**
 * Whether an item may show its client's name: exactly where the page it links to would show her. A signal to the
 * coordinator of its municipality; a case item where the case's content is visible (care team with consent, the
 * coordinator, emergency access — a member without consent sees that there is work, not whom it is about); an
 * incoming referral to its receiver (who must know whom to contact); a match to the professional who registered.
 */
export function workItemNamesClient(actor: Actor, item: WorkItemFacts): boolean {
  if (actor.kind !== 'staff' || !actor.mfaSatisfied) return false;
  switch (item.kind) {
    case 'signal':
      return isCoordinatorFor(actor, item.municipalityId);
    case 'case':
      return caseAccess(actor, item.facts)?.level === 'content';
    case 'incoming_referral':
      return isReceiverOf(actor, item.facts);
    case 'own_registration':
      return personAccess(actor, { municipalityId: item.municipalityId, registeredByActor: true, caseContent: false }) !== null;
  }
}
