/** The sociale kaart and smoelenboek: who maintains which record. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { requireAdmin } from './core.js';

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

/** What the caller may do with a directory record; the web app shows its edit and confirm buttons from it. */
export interface DirectoryAbilities {
  /** Edit, confirm ("still correct") and, for an organisation, add services, locations and cards. */
  maintain: boolean;
}

/** The abilities on an organisation's entries (its profile, services, locations); nobody maintains anything anonymously. */
export function organisationAbilities(actor: Actor | null, organisation: { id: string; regionId: string }): DirectoryAbilities {
  return { maintain: actor !== null && actor.kind === 'staff' && canMaintainOrganisation(actor, organisation) };
}

/** The abilities on one smoelenboek card: its own professional, or the organisation's maintainers. */
export function personCardAbilities(actor: Actor | null, card: { userId: string | null }, organisation: { id: string; regionId: string }): DirectoryAbilities {
  return { maintain: actor !== null && actor.kind === 'staff' && canMaintainPersonCard(actor, card, organisation) };
}

/**
 * Without signing in (the public sociale kaart, the public HSDS API) only services marked public are shown, and no
 * contact persons. Signed-in staff who passed the second factor see everything of the directory.
 */
export function seesFullDirectory(actor: Actor | null): boolean {
  return actor !== null && actor.kind === 'staff' && actor.mfaSatisfied;
}

/** A service page: anonymous callers see public services only; the rest does not exist for them (404). */
export function assertMaySeeService(actor: Actor | null, service: { isPublic: boolean }): void {
  if (!actor && !service.isPublic) throw new AppError('not_found');
}

/** One's own card is created in one's own organisation only; another organisation is not there for this (404). */
export function assertMayCreateOwnCard(actor: Actor, organisation: { id: string }): void {
  if (actor.kind !== 'staff' || organisation.id !== actor.organisationId) throw new AppError('not_found');
}

/**
 * An HSDS import may replace an existing organisation only when the importing admin administers its region; a
 * run without an actor (the operator's CLI) may replace any.
 */
export function mayImportOverOrganisation(actor: Actor | null, organisation: { regionId: string }): boolean {
  if (!actor) return true;
  return actor.kind === 'staff' && actor.role === 'admin' && actor.regionIds.includes(organisation.regionId);
}

/**
 * The synonym list of the sociale kaart search is one national list (the field's words do not stop at a region's
 * border), so it is maintained by functional admins, of any region. Everyone else does not see the admin page
 * or its API (404, like the rest of the admin area); every search uses the list.
 */
export function assertMayMaintainSynonyms(actor: Actor | null): Actor {
  return requireAdmin(actor);
}

/** What the caller may do with the synonym list; the admin page shows its buttons from it. */
export interface SynonymAbilities {
  /** Add groups, change and delete them. */
  maintain: boolean;
}

export function synonymAbilities(actor: Actor | null): SynonymAbilities {
  try {
    assertMayMaintainSynonyms(actor);
    return { maintain: true };
  } catch (e) {
    if (e instanceof AppError) return { maintain: false };
    throw e;
  }
}
