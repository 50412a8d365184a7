/** The sociale kaart and smoelenboek: who maintains which record. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';

/**
 * Who may maintain an organisation's directory entries (the organisation itself, its services, locations and
 * people cards): a functional admin of its region, or a holder of the editor right at that organisation.
 */
export function canMaintainOrganisation(actor: Actor, organisation: { id: string; regionId: string }): boolean {
  if (actor.role === 'admin' && actor.regionIds.includes(organisation.regionId)) return true;
  return actor.directoryEditor && actor.organisationId === organisation.id;
}

/** A professional maintains their own card; otherwise the organisation's maintainers do. */
export function canMaintainPersonCard(actor: Actor, card: { userId: string | null }, organisation: { id: string; regionId: string }): boolean {
  return (card.userId !== null && card.userId === actor.userId) || canMaintainOrganisation(actor, organisation);
}

/**
 * Directory records are visible to every staff member, so refusing an edit is an honest 403 rather than a 404:
 * hiding what the caller just read would protect nothing.
 */
export function assertMayMaintain(allowed: boolean): void {
  if (!allowed) throw new AppError('forbidden');
}
