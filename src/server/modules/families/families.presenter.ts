import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { HOUSEHOLD_ROLES, RELATION_TYPES } from '../../../domain/persons.js';
import type { BsnVault } from '../../crypto.js';
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
  version: int32(),
});
export const candidateSchema = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: date,
  dueDate: date,
  postcode: z.string().nullable(),
  municipalityName: z.string(),
});
export const relationSchema = z.object({ fromPersonId: z.uuid(), toPersonId: z.uuid(), type: z.enum(RELATION_TYPES) });

export function presentPersonSummary(p: PersonRow): z.infer<typeof personSummarySchema> {
  return {
    id: p.id,
    householdId: p.householdId,
    householdRole: p.householdRole,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    dueDate: p.dueDate,
    deceasedOn: p.deceasedOn,
  };
}

export function presentPerson(p: PersonView, vault: BsnVault): z.infer<typeof personSchema> {
  return {
    ...presentPersonSummary(p),
    bsn: p.bsnEnc ? vault.open(p.bsnEnc) : null,
    address: p.address,
    postcode: p.postcode,
    municipality: { id: p.municipalityId, name: p.municipalityName },
    preferredLanguage: p.preferredLanguage,
    interpreterNeeded: p.interpreterNeeded,
    contactPhone: p.contactPhone,
    contactEmail: p.contactEmail,
    contactNote: p.contactNote,
    registeredByMe: p.registeredByActor,
    version: p.version,
  };
}

/** A possible duplicate pair for the coordinator: identifying fields only. */
export const duplicateSchema = candidateSchema.omit({ municipalityName: true });
export const presentDuplicate = (p: PersonRow): z.infer<typeof duplicateSchema> => ({
  id: p.id,
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth,
  dueDate: p.dueDate,
  postcode: p.postcode,
});
