import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { INFORMED_HOW, REGISTRATION_END_REASONS } from '../../../domain/persons.js';
import { personSummarySchema, presentPersonSummary } from '../families/families.presenter.js';
import type { PersonRow } from '../families/families.repository.js';
import type { MatchRow, Registration } from './involvement.repository.js';

export const registrationSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  startDate: z.string(),
  endDate: z.string(),
  active: z.boolean(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  endReason: z.enum(REGISTRATION_END_REASONS).nullable(),
  informedAt: z.iso.datetime({ offset: true }).nullable(),
  informedWhom: z.array(z.string()).nullable(),
  informedHow: z.enum(INFORMED_HOW).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});

export function presentRegistration(r: Registration): z.infer<typeof registrationSchema> {
  return {
    id: r.id,
    personId: r.personId,
    startDate: r.startDate,
    endDate: r.endDate,
    active: r.endedAt === null,
    endedAt: r.endedAt?.toISOString() ?? null,
    endReason: r.endReason,
    informedAt: r.informedAt?.toISOString() ?? null,
    informedWhom: r.informedWhom,
    informedHow: (r.informedHow as (typeof INFORMED_HOW)[number] | null) ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What a match may show of the other professional: name, organisation, function, direct contact — nothing else. */
export const contactSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  organisationName: z.string(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string(),
});
export interface ContactRow {
  userId: string;
  name: string;
  email: string;
  organisationName: string;
  organisationPhone: string | null;
  jobTitle: string | null;
  phone: string | null;
  cardEmail: string | null;
}
export function presentContact(c: ContactRow): z.infer<typeof contactSchema> {
  return {
    userId: c.userId,
    name: c.name,
    organisationName: c.organisationName,
    jobTitle: c.jobTitle,
    phone: c.phone ?? c.organisationPhone,
    email: c.cardEmail ?? c.email,
  };
}

const matchBase = {
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  centralContactUserId: z.uuid().nullable(),
  followedUpAt: z.iso.datetime({ offset: true }).nullable(),
  version: int32(),
};
export const myMatchSchema = z.object({
  ...matchBase,
  /** My own registration and the person it is about: I know them already. */
  myRegistrationId: z.uuid(),
  person: personSummarySchema.nullable(),
  /** Whether the other professional registered the same person or another member of the household. */
  samePerson: z.boolean(),
  other: contactSchema,
});
export const coordinatorMatchSchema = z.object({ ...matchBase, professionals: z.array(contactSchema) });

export const presentMatchBase = (m: MatchRow) => ({
  id: m.id,
  createdAt: m.createdAt.toISOString(),
  centralContactUserId: m.centralContactUserId,
  followedUpAt: m.followedUpAt?.toISOString() ?? null,
  version: m.version,
});

export function presentMyMatch(x: { match: MatchRow; mine: Registration; person: PersonRow | null; other: ContactRow | null }) {
  return {
    ...presentMatchBase(x.match),
    myRegistrationId: x.mine.id,
    person: x.person ? presentPersonSummary(x.person) : null,
    samePerson: x.match.samePerson,
    other: x.other ? presentContact(x.other) : { userId: x.mine.userId, name: '—', organisationName: '—', jobTitle: null, phone: null, email: '' },
  };
}
