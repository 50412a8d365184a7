import { z } from 'zod';
import {
  accessTypeSchema,
  carePhaseSchema,
  costTypeSchema,
  languageSchema,
  lifeDomainSchema,
  openingHoursSchema,
  targetGroupSchema,
} from '../../../domain/directory.js';
import { organisationTypeSchema } from '../../../domain/organisations.js';
import type { DirectoryAbilities } from '../../policy.js';
import type * as repo from './directory.repository.js';
import type { PersonHit, ServiceHit } from './search.repository.js';

/** What the caller may do with a directory record, computed by the policy (`organisationAbilities`, `personCardAbilities`). */
export const directoryAbilitiesSchema = z
  .object({ maintain: z.boolean() })
  .describe('What the caller may do with this record: maintain = edit and confirm it (policy).') satisfies z.ZodType<DirectoryAbilities>;

const freshness = { lastConfirmedAt: z.string(), lastConfirmedBy: z.string().nullable(), stale: z.boolean() };
const ref = z.object({ id: z.uuid(), name: z.string() });

export const serviceHitSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  summary: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string(), type: organisationTypeSchema }),
  programme: z.string().nullable(),
  waitingWeeks: z.number().nullable(),
  waitingStatedOn: z.string().nullable(),
  accessType: accessTypeSchema,
  howToRefer: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  acceptsNewClients: z.boolean(),
  lastConfirmedAt: z.string(),
  stale: z.boolean(),
});

export function presentServiceHit(h: ServiceHit): z.infer<typeof serviceHitSchema> {
  return {
    id: h.id,
    name: h.name,
    summary: h.summary,
    organisation: { id: h.organisationId, name: h.organisationName, type: h.organisationType },
    programme: h.programmeName,
    waitingWeeks: h.waitingWeeks,
    waitingStatedOn: h.waitingStatedOn,
    accessType: h.accessType,
    howToRefer: h.howToRefer,
    phone: h.phone,
    email: h.email,
    acceptsNewClients: h.acceptsNewClients,
    lastConfirmedAt: h.lastConfirmedAt.toISOString(),
    stale: h.stale,
  };
}

export const locationSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  municipalityId: z.uuid().nullable(),
  openingHours: z.array(openingHoursSchema),
  accessibility: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  lastConfirmedAt: z.string(),
});

export function presentLocation(l: repo.LocationRow): z.infer<typeof locationSchema> {
  return {
    id: l.id,
    organisationId: l.organisationId,
    name: l.name,
    address: l.address,
    postcode: l.postcode,
    city: l.city,
    municipalityId: l.municipalityId,
    openingHours: l.openingHours,
    accessibility: l.accessibility,
    active: l.active,
    version: l.version,
    lastConfirmedAt: l.lastConfirmedAt.toISOString(),
  };
}

export const personCardSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  isOwnCard: z.boolean(),
  name: z.string(),
  jobTitle: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reachability: z.string().nullable(),
  expertise: z.array(z.string()),
  meetingTables: z.array(z.string()),
  languages: z.array(z.string()),
  hasPhoto: z.boolean(),
  photoVersion: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  lastConfirmedAt: z.string(),
});

export function presentPerson(p: repo.PersonRow, viewerId: string | null): z.infer<typeof personCardSchema> {
  return {
    id: p.id,
    organisationId: p.organisationId,
    isOwnCard: p.userId !== null && p.userId === viewerId,
    name: p.name,
    jobTitle: p.jobTitle,
    phone: p.phone,
    email: p.email,
    reachability: p.reachability,
    expertise: p.expertise,
    meetingTables: p.meetingTables,
    languages: p.languages,
    hasPhoto: p.photoUpdatedAt !== null,
    photoVersion: p.photoUpdatedAt ? String(p.photoUpdatedAt.getTime()) : null,
    active: p.active,
    version: p.version,
    lastConfirmedAt: p.lastConfirmedAt.toISOString(),
  };
}

export const personHitSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  jobTitle: z.string(),
  organisation: ref,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reachability: z.string().nullable(),
  expertise: z.array(z.string()),
  hasPhoto: z.boolean(),
  /** Whether she can sign in: without an account she is reached by mail (care teams, meetings). */
  hasAccount: z.boolean(),
  lastConfirmedAt: z.string(),
  stale: z.boolean(),
});

export function presentPersonHit(h: PersonHit): z.infer<typeof personHitSchema> {
  return {
    id: h.id,
    name: h.name,
    jobTitle: h.jobTitle,
    organisation: { id: h.organisationId, name: h.organisationName },
    phone: h.phone,
    email: h.email,
    reachability: h.reachability,
    expertise: h.expertise,
    hasPhoto: h.hasPhoto,
    hasAccount: h.hasAccount,
    lastConfirmedAt: h.lastConfirmedAt.toISOString(),
    stale: h.stale,
  };
}

export const serviceDetailSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  eligibility: z.string().nullable(),
  organisation: z.object({
    id: z.uuid(),
    name: z.string(),
    type: organisationTypeSchema,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
  }),
  programme: z.object({ id: z.uuid(), name: z.string(), description: z.string() }).nullable(),
  pregnancyFromWeek: z.number().nullable(),
  minAgeMonths: z.number().nullable(),
  maxAgeMonths: z.number().nullable(),
  targetGroups: z.array(targetGroupSchema),
  phases: z.array(carePhaseSchema),
  lifeDomains: z.array(lifeDomainSchema),
  languages: z.array(languageSchema),
  costType: costTypeSchema,
  costNote: z.string().nullable(),
  accessType: accessTypeSchema,
  howToRefer: z.string().nullable(),
  referralInclude: z.string().nullable(),
  waitingWeeks: z.number().nullable(),
  waitingStatedOn: z.string().nullable(),
  responseNormWorkingDays: z.number().nullable(),
  acceptsNewClients: z.boolean(),
  accessibility: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  isPublic: z.boolean(),
  municipalities: z.array(ref),
  locations: z.array(locationSchema),
  contacts: z.array(personCardSchema),
  version: z.number(),
  /** The same as abilities.maintain; kept for clients of the first API version. */
  canEdit: z.boolean(),
  abilities: directoryAbilitiesSchema,
  ...freshness,
});

type ServiceDetail = Awaited<ReturnType<import('./directory.service.js').DirectoryService['serviceDetail']>>;

export function presentServiceDetail(d: ServiceDetail, viewerId: string | null): z.infer<typeof serviceDetailSchema> {
  const s = d.service;
  return {
    id: s.id,
    name: s.name,
    summary: s.summary,
    description: s.description,
    eligibility: s.eligibility,
    organisation: {
      id: d.organisation.id,
      name: d.organisation.name,
      type: d.organisation.type,
      phone: d.organisation.phone,
      email: d.organisation.email,
      website: d.organisation.website,
    },
    programme: d.programme ? { id: d.programme.id, name: d.programme.name, description: d.programme.description } : null,
    pregnancyFromWeek: s.pregnancyFromWeek,
    minAgeMonths: s.minAgeMonths,
    maxAgeMonths: s.maxAgeMonths,
    targetGroups: s.targetGroups as z.infer<typeof targetGroupSchema>[],
    phases: s.phases as z.infer<typeof carePhaseSchema>[],
    lifeDomains: s.lifeDomains as z.infer<typeof lifeDomainSchema>[],
    languages: s.languages as z.infer<typeof languageSchema>[],
    costType: s.costType,
    costNote: s.costNote,
    accessType: s.accessType,
    howToRefer: s.howToRefer,
    referralInclude: s.referralInclude,
    waitingWeeks: s.waitingWeeks,
    waitingStatedOn: s.waitingStatedOn,
    responseNormWorkingDays: s.responseNormWorkingDays,
    acceptsNewClients: s.acceptsNewClients,
    accessibility: s.accessibility,
    phone: s.phone,
    email: s.email,
    website: s.website,
    isPublic: s.isPublic,
    municipalities: d.municipalities.map((m) => ({ id: m.id, name: m.name })),
    locations: d.locations.map(presentLocation),
    contacts: d.contacts.map((p) => presentPerson(p, viewerId)),
    version: s.version,
    canEdit: d.abilities.maintain,
    abilities: d.abilities,
    lastConfirmedAt: s.lastConfirmedAt.toISOString(),
    lastConfirmedBy: d.lastConfirmedByName,
    stale: d.stale,
  };
}

export const historyEntrySchema = z.object({
  id: z.number(),
  kind: z.string(),
  field: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
});

export function presentHistory(rows: Awaited<ReturnType<typeof repo.history>>): z.infer<typeof historyEntrySchema>[] {
  return rows.map((r) => ({ ...r, changedAt: r.changedAt.toISOString() }));
}

export const organisationProfileOutSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: organisationTypeSchema,
  description: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  kvkNumber: z.string().nullable(),
  agbCode: z.string().nullable(),
  version: z.number(),
  /** The same as abilities.maintain; kept for clients of the first API version. */
  canEdit: z.boolean(),
  abilities: directoryAbilitiesSchema,
  services: z.array(z.object({ id: z.uuid(), name: z.string(), active: z.boolean(), isPublic: z.boolean(), ...freshness })),
  locations: z.array(locationSchema.extend({ stale: z.boolean() })),
  people: z.array(personCardSchema.extend({ stale: z.boolean() })),
  ...freshness,
});
