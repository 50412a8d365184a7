/** Referrals: which side of a referral the caller is on, and who may refer. */
import { needsNewReferral, type ReferralStatus } from '../../domain/referrals.js';
import type { Actor } from '../context.js';
import { AppError, deniedError } from '../errors.js';
import { assertCaseContent, type CaseAccess } from './cases.js';

/** What the receiving side's rule needs to know about a referral. */
export interface ReferralFacts {
  receivingOrganisationId: string;
  /** The case's municipality: where the receiving organisation's intake must work. */
  municipalityId: string;
  /** The receiving professional who answered it (accepted or declined): from then on she is its named receiver. */
  answeredById: string | null;
}

/**
 * Whether the actor handles this referral for the receiving organisation (ADR 015): a holder of the organisation's
 * intake right who works in the referral's municipality, or the named receiver. Other staff of the organisation,
 * or its intake elsewhere, see nothing of it.
 */
export function isReceiverOf(actor: Actor, r: ReferralFacts): boolean {
  if (actor.kind !== 'staff' || (actor.role !== 'professional' && actor.role !== 'coordinator')) return false;
  if (actor.organisationId !== r.receivingOrganisationId) return false;
  return r.answeredById === actor.userId || (actor.intakeRight && actor.municipalityIds.includes(r.municipalityId));
}

/**
 * Which side of a referral the actor is on: the receiver (isReceiverOf), else the sending side — whoever sees the
 * case's content (care team with consent, the coordinator, emergency access). Anyone else: null, answered with 404.
 */
export function referralSide(actor: Actor, r: ReferralFacts, caseAccess: CaseAccess | null): 'receiver' | 'sender' | null {
  if (actor.kind !== 'staff' || (actor.role !== 'professional' && actor.role !== 'coordinator')) return null;
  if (isReceiverOf(actor, r)) return 'receiver';
  if (caseAccess?.level === 'content') return 'sender';
  return null;
}

export function assertReferralSide(actor: Actor, r: ReferralFacts | null, caseAccess: CaseAccess | null, id: string): 'receiver' | 'sender' {
  const side = r && referralSide(actor, r, caseAccess);
  if (!side) throw deniedError({ objectType: 'referral', objectId: id });
  return side;
}

/**
 * The incoming board's scope: an intake holder sees her organisation's referrals in her municipalities; anyone
 * else only those she answered herself. Repositories select by it (the second line of defence is the whole rule).
 */
export function incomingScope(actor: Actor): { organisationId: string; municipalityIds: string[]; receiverUserId: string } {
  return { organisationId: actor.organisationId, municipalityIds: actor.intakeRight ? actor.municipalityIds : [], receiverUserId: actor.userId };
}

/** Referring is for the people who work with the family: the case director and care-team members with consent. */
export function assertMayRefer(actor: Actor, f: { member: boolean; directorId: string | null }, access: CaseAccess): void {
  assertCaseContent(access);
  if (!(f.member || f.directorId === actor.userId)) throw new AppError('forbidden');
}

/**
 * Referring again from a referral in vain (declined, or the client could not be reached): for its sending side,
 * once — the new referral links back, and a second attempt goes from the new one. Referring itself still needs
 * `assertMayRefer` on the case.
 */
export function mayReferAgain(side: 'sender' | 'receiver', status: ReferralStatus, hasFollowUp: boolean): boolean {
  return side === 'sender' && needsNewReferral(status) && !hasFollowUp;
}
