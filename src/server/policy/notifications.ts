/** Notifications: whose they are, and which client a notification may name. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { isCoordinatorFor } from './families.js';

/**
 * A notification belongs to its recipient alone: staff read and mark only their own, and every query is scoped by
 * the recipient this returns, so someone else's notification answers 404 as if it did not exist.
 */
export function notificationRecipient(actor: Actor): string {
  if (actor.kind !== 'staff') throw new AppError('not_found');
  return actor.userId;
}

/** What a notification is about, as far as naming the client goes. */
export interface NotificationClientFacts {
  /** The object the notification links to. */
  basis: 'referral' | 'signal' | 'match' | 'case' | 'meeting' | 'none';
  /** The client's municipality (the case's, the signal's, the referral's case's). */
  municipalityId: string | null;
  /** Whether the recipient takes part in the object: a side of the referral, the signaller, one of the match's two professionals. */
  party: boolean;
}

/**
 * Whether a notification may name its client in the app, by the rule of the page it links to: the two sides of a
 * referral and the professionals of a match see the client's name there; the signaller and the coordinator see a
 * signal's. A case's client is named only to the coordinator of its municipality — a care-team member may not yet
 * have consent for the case's content — and a meeting's never (its agenda is masked per participant). Mail names
 * nobody at all (notify()).
 */
export function mayNameClientInNotification(actor: Actor, f: NotificationClientFacts): boolean {
  if (actor.kind !== 'staff' || !f.municipalityId) return false;
  if (f.basis === 'referral' || f.basis === 'match' || f.basis === 'signal') return f.party || isCoordinatorFor(actor, f.municipalityId);
  if (f.basis === 'case') return isCoordinatorFor(actor, f.municipalityId);
  return false;
}
