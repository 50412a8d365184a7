/** Referrals: which side of a referral the caller is on, and who may refer. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { assertCaseContent, type CaseAccess } from './cases.js';

/**
 * Which side of a referral the actor is on. The receiving organisation's care staff are the receiver; on the
 * sending side, whoever sees the case's content (care team with consent, the coordinator, emergency access).
 * Anyone else: null, answered with 404. Staff of the receiving organisation act as receiver even in their own case.
 */
export function referralSide(actor: Actor, r: { receivingOrganisationId: string }, caseAccess: CaseAccess | null): 'receiver' | 'sender' | null {
  if (actor.kind !== 'staff' || (actor.role !== 'professional' && actor.role !== 'coordinator')) return null;
  if (actor.organisationId === r.receivingOrganisationId) return 'receiver';
  if (caseAccess?.level === 'content') return 'sender';
  return null;
}

export function assertReferralSide(actor: Actor, r: { receivingOrganisationId: string } | null, caseAccess: CaseAccess | null): 'receiver' | 'sender' {
  const side = r && referralSide(actor, r, caseAccess);
  if (!side) throw new AppError('not_found');
  return side;
}

/** Referring is for the people who work with the family: the case director and care-team members with consent. */
export function assertMayRefer(actor: Actor, f: { member: boolean; directorId: string | null }, access: CaseAccess): void {
  assertCaseContent(access);
  if (!(f.member || f.directorId === actor.userId)) throw new AppError('forbidden');
}
