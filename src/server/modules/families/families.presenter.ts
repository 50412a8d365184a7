import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { HOUSEHOLD_ROLES, RELATION_TYPES } from '../../../domain/persons.js';
import type { BsnVault } from '../../crypto.js';
import type { PersonAbilities } from '../../policy.js';
import type { PersonRow, PersonView } from './families.repository.js';

const date = z.string().nullable();
export const personSummarySchema = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  householdRole: z.enum(HOUSEHOLD_ROLES),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: date,
  dueDate: date,
  deceasedOn: date,
  /**
   * True when another organisation recorded this person and the viewer's only relation is her own registration:
   * dates and details are left out (ADR 015); a case with consent, or the coordinator, sees them.
   */
  restricted: z.boolean(),
});
export const personSchema = personSummarySchema.extend({
  /** Decrypted only for users entitled to see the person; the read is in the access log. */
  bsn: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  municipality: z.object({ id: z.uuid(), name: z.string() }),
  preferredLanguage: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactNote: z.string().nullable(),
  /** Whether the viewer has an active involvement registration in this household (else: coordinator access). */
  registeredByMe: z.boolean(),
  /** What the viewer may do with this record (policy.personAbilities). */
  abilities: z.object({ edit: z.boolean(), openCase: z.boolean(), goToCase: z.boolean(), register: z.boolean(), asCoordinator: z.boolean() }),
  /**
   * The household's open case, on the client page only: that it runs, for whoever sees the client; its id only for
   * those the case admits (its care team, director and the coordinator). Absent in search results.
   */
  activeCase: z.object({ id: z.uuid().nullable() }).nullable().optional(),
  version: int32(),
});
export const relationSchema = z.object({ fromPersonId: z.uuid(), toPersonId: z.uuid(), type: z.enum(RELATION_TYPES) });

/** `showDetails: false` (seesPersonDetails said so) leaves out what another organisation recorded. */
export function presentPersonSummary(p: PersonRow & { showDetails?: boolean }): z.infer<typeof personSummarySchema> {
  const show = p.showDetails !== false;
  return {
    id: p.id,
    householdId: p.householdId,
    householdRole: p.householdRole,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: show ? p.dateOfBirth : null,
    dueDate: show ? p.dueDate : null,
    deceasedOn: p.deceasedOn,
    restricted: !show,
  };
}

export function presentPerson(
  p: PersonView & { showDetails: boolean; abilities: PersonAbilities; activeCase?: { id: string | null } | null },
  vault: BsnVault,
): z.infer<typeof personSchema> {
  const show = p.showDetails;
  return {
    ...presentPersonSummary(p),
    bsn: show && p.bsnEnc ? vault.open(p.bsnEnc) : null,
    address: show ? p.address : null,
    postcode: show ? p.postcode : null,
    municipality: { id: p.municipalityId, name: p.municipalityName },
    preferredLanguage: show ? p.preferredLanguage : null,
    interpreterNeeded: show ? p.interpreterNeeded : false,
    contactPhone: show ? p.contactPhone : null,
    contactEmail: show ? p.contactEmail : null,
    contactNote: show ? p.contactNote : null,
    registeredByMe: p.registeredByActor,
    abilities: p.abilities,
    ...(p.activeCase !== undefined ? { activeCase: p.activeCase } : {}),
    version: p.version,
  };
}

/** A possible duplicate pair for the coordinator: identifying fields only. */
export const duplicateSchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: date,
  dueDate: date,
  householdRole: z.enum(HOUSEHOLD_ROLES),
  postcode: z.string().nullable(),
});
export const presentDuplicate = (p: PersonRow): z.infer<typeof duplicateSchema> => ({
  id: p.id,
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth,
  dueDate: p.dueDate,
  householdRole: p.householdRole,
  postcode: p.postcode,
});
