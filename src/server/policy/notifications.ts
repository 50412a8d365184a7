/** Notifications: whose they are. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';

/**
 * A notification belongs to its recipient alone: staff read and mark only their own, and every query is scoped by
 * the recipient this returns, so someone else's notification answers 404 as if it did not exist.
 */
export function notificationRecipient(actor: Actor): string {
  if (actor.kind !== 'staff') throw new AppError('not_found');
  return actor.userId;
}
