/** What a signed-in user may do in the app as a whole: the menus and start pages follow from these. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { requireAdmin, requireStaff } from './core.js';
import { canMaintainOrganisation } from './directory.js';
import { coordinatorMunicipalities, requireCareStaff } from './families.js';
import { assertMayMonitorRegion } from './monitor.js';

/** App-level abilities for `GET /api/v1/me`. Each one is the answer of the rule the routes apply, not a copy of it. */
export interface AppAbilities {
  /** Functional administration: users, organisations, municipalities, access log, outbox, imports. */
  administer: boolean;
  /** Work with families: clients, signals, cases, referrals, meetings. */
  careWork: boolean;
  /** Hub coordination in at least one municipality: intake, the case board, duplicates, unfollowed matches. */
  coordinate: boolean;
  /** The monitor and the evaluation registers of at least one municipality. */
  monitor: boolean;
  /** Maintain the own organisation's sociale kaart and smoelenboek entries. */
  maintainDirectory: boolean;
  /** In-app notifications and their preferences. */
  notifications: boolean;
  /** Ask for emergency access to a case she cannot see (the case's own rule, mayBreakGlass, decides per case). */
  breakGlass: boolean;
}

/** A rule that throws, asked as a question: refused with an AppError means no. */
export function allows(rule: () => unknown): boolean {
  try {
    rule();
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

/**
 * The app-level abilities of an actor, from the rules every route applies. Nothing is allowed before the second
 * factor is passed. `own` are facts of the session: the organisation's region and the user's municipalities.
 */
export function appAbilities(actor: Actor, own: { organisationRegionId: string; municipalities: { id: string; regionId: string }[] }): AppAbilities {
  const regions = actor.regionIds.map((id) => ({ id, municipalityIds: own.municipalities.filter((m) => m.regionId === id).map((m) => m.id) }));
  const staff = allows(() => requireStaff(actor));
  return {
    administer: allows(() => requireAdmin(actor)),
    careWork: allows(() => requireCareStaff(actor)),
    coordinate: staff && coordinatorMunicipalities(actor).length > 0,
    monitor: staff && regions.some((r) => allows(() => assertMayMonitorRegion(actor, r))),
    maintainDirectory: staff && canMaintainOrganisation(actor, { id: actor.organisationId, regionId: own.organisationRegionId }),
    notifications: staff,
    breakGlass: staff && actor.mfaSatisfied && (actor.role === 'professional' || actor.role === 'admin'),
  };
}
