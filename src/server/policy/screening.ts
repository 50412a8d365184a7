/** Screening: questionnaire responses and Positieve Gezondheid measurements about a person. */
import type { Actor } from '../context.js';
import { isCoordinatorFor } from './families.js';

/**
 * Whom a questionnaire response or health measurement is shown to, once the person is visible (assertMaySeePerson):
 * the organisation that recorded it, and the coordinator of the person's municipality. Another organisation
 * involved with the same family does not see it — screening results are shared through the case, under consent.
 */
export function maySeeScreeningRecord(actor: Actor, person: { municipalityId: string }, record: { organisationId: string }): boolean {
  if (actor.kind !== 'staff') return false;
  return record.organisationId === actor.organisationId || isCoordinatorFor(actor, person.municipalityId);
}

/** The same rule as a query scope, so the repository filters too (second line of defence). */
export function screeningScope(actor: Actor, person: { municipalityId: string }): { organisationId: string; allOrganisations: boolean } {
  return { organisationId: actor.organisationId, allOrganisations: actor.kind === 'staff' && isCoordinatorFor(actor, person.municipalityId) };
}
