import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { int32 } from './numbers.js';
import { httpUrl } from './urls.js';

/** The three Kansrijke Start phases a service can support (domain.md §2). */
export const CARE_PHASES = ['signaleren', 'verkennen', 'steun_op_maat'] as const;
export const carePhaseSchema = z.enum(CARE_PHASES);
export type CarePhase = z.infer<typeof carePhaseSchema>;

/** Target groups of the sociale kaart; pregnancy is a group of its own, before any age band. */
export const TARGET_GROUPS = ['pregnancy', 'age_0_2', 'age_2_4', 'age_4_7', 'age_7_plus', 'parents'] as const;
export const targetGroupSchema = z.enum(TARGET_GROUPS);
export type TargetGroup = z.infer<typeof targetGroupSchema>;

/** Life domains: the six dimensions of Positieve Gezondheid, the same list signals use. */
export const LIFE_DOMAINS = ['lichaamsfuncties', 'mentaal_welbevinden', 'zingeving', 'kwaliteit_van_leven', 'meedoen', 'dagelijks_functioneren'] as const;
export const lifeDomainSchema = z.enum(LIFE_DOMAINS);
export type LifeDomain = z.infer<typeof lifeDomainSchema>;

/** What a service costs the family. */
export const COST_TYPES = ['free', 'own_contribution', 'insured', 'paid'] as const;
export const costTypeSchema = z.enum(COST_TYPES);
export type CostType = z.infer<typeof costTypeSchema>;

/** Free access ("zonder beschikking") or a referral/decision needed first. */
export const ACCESS_TYPES = ['free_access', 'referral_needed'] as const;
export const accessTypeSchema = z.enum(ACCESS_TYPES);
export type AccessType = z.infer<typeof accessTypeSchema>;

/** Languages professionals offer most often in the regions (ISO 639 codes); names live in the locale files. */
export const LANGUAGES = [
  'nl',
  'en',
  'de',
  'fr',
  'es',
  'pt',
  'pl',
  'ro',
  'bg',
  'uk',
  'ru',
  'tr',
  'ar',
  'ber',
  'ti',
  'so',
  'fa',
  'prs',
  'li',
  'pap',
  'ngt',
] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(TIME, { message: 'invalid_time' });
/** One opening-hours slot; a day can have several (morning and afternoon). */
export const openingHoursSchema = z
  .object({ day: z.enum(WEEKDAYS), opens: time, closes: time })
  // Compared only when both are valid HH:MM (then string order is time order).
  .refine((s) => !TIME.test(s.opens) || !TIME.test(s.closes) || s.opens < s.closes, { message: 'closes_before_opens', path: ['closes'] });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** Normalises a Dutch (or international) phone number to E.164, or null when it is not a valid number. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'NL');
  return parsed?.isValid() ? parsed.number : null;
}

/** Formats an E.164 number the Dutch way for display (e.g. 045 123 4567), falling back to the input. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'NL' ? parsed.formatNational() : parsed.formatInternational();
}

/** Optional phone field: blank becomes null, anything else must be a valid number and is stored as E.164. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40, { message: 'invalid_phone' })
  .nullable()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const e164 = toE164(v);
    if (!e164) ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
    return e164;
  });

const POSTCODE = /^([1-9]\d{3})\s?([A-Z]{2})$/;
/** Dutch postcode "1234 AB" (letter combinations SA, SD and SS are not issued); normalised with one space. */
export function normalisePostcode(input: string): string | null {
  const m = POSTCODE.exec(input.trim().toUpperCase());
  if (!m || ['SA', 'SD', 'SS'].includes(m[2]!)) return null;
  return `${m[1]} ${m[2]}`;
}

export const postcodeSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const pc = normalisePostcode(v);
    if (!pc) ctx.addIssue({ code: 'custom', message: 'invalid_postcode' });
    return pc ?? v;
  });

const blankToNull = (v: string | null | undefined) => (v === '' || v === undefined ? null : v);
export const optionalEmailSchema = z
  .union([z.literal(''), z.email({ message: 'invalid_email' }).max(320)])
  .nullable()
  .optional()
  .transform(blankToNull);
export const optionalUrlSchema = z
  .union([z.literal(''), httpUrl(500)])
  .nullable()
  .optional()
  .transform(blankToNull);
export const optionalTextSchema = (max: number) => z.string().trim().max(max).nullable().optional().transform(blankToNull);

/**
 * Age range of a service. Pregnancy counts: `pregnancyFromWeek` (e.g. 16) means the service starts during pregnancy,
 * then runs until `maxAgeMonths` after birth. Ages are in months so "0–2 years" and "from 6 months" both fit.
 */
export const ageRangeSchema = z
  .object({
    pregnancyFromWeek: int32().min(1, { message: 'invalid_pregnancy_week' }).max(42, { message: 'invalid_pregnancy_week' }).nullable(),
    minAgeMonths: int32().min(0).max(1200).nullable(),
    maxAgeMonths: int32().min(0).max(1200).nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.pregnancyFromWeek !== null && r.minAgeMonths !== null) ctx.addIssue({ code: 'custom', message: 'pregnancy_and_min_age', path: ['minAgeMonths'] });
    if (r.minAgeMonths !== null && r.maxAgeMonths !== null && r.minAgeMonths > r.maxAgeMonths)
      ctx.addIssue({ code: 'custom', message: 'min_age_above_max', path: ['maxAgeMonths'] });
  });
export type AgeRange = z.infer<typeof ageRangeSchema>;

/** The stale threshold: records last confirmed before this moment are flagged stale. */
export function staleBefore(now: Date, staleMonths: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - staleMonths);
  return d;
}

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((v) => [...new Set(v)] as z.infer<T>[]);
const tag = z.string().trim().min(2, { message: 'tag_too_short' }).max(60);
const id = z.uuid();

/** What an organisation's maintainers may edit about their organisation (type and region stay with admins). */
export const organisationProfileSchema = z.object({
  name: z.string().trim().min(2).max(200),
  description: optionalTextSchema(4000),
  phone: phoneSchema,
  email: optionalEmailSchema,
  website: optionalUrlSchema,
  kvkNumber: z
    .union([z.literal(''), z.string().regex(/^\d{8}$/, { message: 'invalid_kvk' })])
    .nullable()
    .optional()
    .transform(blankToNull),
  agbCode: z
    .union([z.literal(''), z.string().regex(/^\d{8}$/, { message: 'invalid_agb' })])
    .nullable()
    .optional()
    .transform(blankToNull),
});
export type OrganisationProfileInput = z.infer<typeof organisationProfileSchema>;

export const serviceInputSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    summary: z.string().trim().max(300).default(''),
    description: z.string().trim().max(10_000).default(''),
    eligibility: optionalTextSchema(4000),
    programmeId: id.nullable().default(null),
    pregnancyFromWeek: int32().min(1, { message: 'invalid_pregnancy_week' }).max(42, { message: 'invalid_pregnancy_week' }).nullable().default(null),
    minAgeMonths: int32().min(0).max(1200).nullable().default(null),
    maxAgeMonths: int32().min(0).max(1200).nullable().default(null),
    targetGroups: uniqueList(targetGroupSchema, TARGET_GROUPS.length).default([]),
    phases: uniqueList(carePhaseSchema, CARE_PHASES.length).default([]),
    lifeDomains: uniqueList(lifeDomainSchema, LIFE_DOMAINS.length).default([]),
    languages: uniqueList(languageSchema, LANGUAGES.length).default(['nl']),
    costType: costTypeSchema.default('free'),
    costNote: optionalTextSchema(500),
    accessType: accessTypeSchema.default('free_access'),
    howToRefer: optionalTextSchema(2000),
    referralInclude: optionalTextSchema(2000),
    waitingWeeks: int32().min(0, { message: 'waiting_negative' }).max(520).nullable().default(null),
    waitingStatedOn: z.iso.date().nullable().default(null),
    responseNormWorkingDays: int32().min(0).max(120).nullable().default(null),
    acceptsNewClients: z.boolean().default(true),
    accessibility: optionalTextSchema(2000),
    phone: phoneSchema,
    email: optionalEmailSchema,
    website: optionalUrlSchema,
    isPublic: z.boolean().default(false),
    active: z.boolean().default(true),
    municipalityIds: uniqueList(id, 400).default([]),
    locationIds: uniqueList(id, 100).default([]),
    contactIds: uniqueList(id, 50).default([]),
  })
  .superRefine((s, ctx) => {
    const age = ageRangeSchema.safeParse({ pregnancyFromWeek: s.pregnancyFromWeek, minAgeMonths: s.minAgeMonths, maxAgeMonths: s.maxAgeMonths });
    if (!age.success) for (const i of age.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
    if (s.waitingWeeks !== null && s.waitingStatedOn === null) ctx.addIssue({ code: 'custom', message: 'waiting_needs_date', path: ['waitingStatedOn'] });
  });
export type ServiceInput = z.infer<typeof serviceInputSchema>;

export const locationInputSchema = z.object({
  name: z.string().trim().min(2).max(200),
  address: z.string().trim().min(3).max(300),
  postcode: postcodeSchema,
  city: z.string().trim().min(2).max(120),
  municipalityId: id.nullable().default(null),
  openingHours: z.array(openingHoursSchema).max(28).default([]),
  accessibility: optionalTextSchema(2000),
  active: z.boolean().optional(),
});
export type LocationInput = z.infer<typeof locationInputSchema>;

export const personCardInputSchema = z.object({
  name: z.string().trim().min(2).max(200),
  jobTitle: z.string().trim().min(2).max(200),
  phone: phoneSchema,
  email: optionalEmailSchema,
  reachability: optionalTextSchema(500),
  expertise: uniqueList(tag, 30).default([]),
  meetingTables: uniqueList(tag, 30).default([]),
  languages: uniqueList(languageSchema, LANGUAGES.length).default(['nl']),
  municipalityIds: uniqueList(id, 400).default([]),
  active: z.boolean().default(true),
});
export type PersonCardInput = z.infer<typeof personCardInputSchema>;

/** A word or short phrase of a synonym group: letters and digits, words separated by one space or hyphen. */
const SYNONYM_TERM = /^[\p{L}\p{N}]+(?:[ -][\p{L}\p{N}]+)*$/u;
export const MAX_SYNONYM_TERMS = 30;

/** Lower case, accents kept: "Financiën" and "financiën" are one term; the search folds accents itself. */
export const normaliseSynonymTerm = (t: string) => t.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/**
 * A synonym group of the sociale kaart search: two or more words that find each other's services. Each term is
 * checked on its own, so an error names the term (`terms.2`): too short, too long, or characters other than
 * letters, digits, a space or a hyphen; a term given twice is refused on the list.
 */
export const synonymGroupInputSchema = z.object({
  terms: z
    .array(
      z
        .string()
        .transform(normaliseSynonymTerm)
        .pipe(
          z.string().min(2, { message: 'synonym_too_short' }).max(60, { message: 'synonym_too_long' }).regex(SYNONYM_TERM, { message: 'synonym_characters' }),
        ),
    )
    .min(2, { message: 'synonyms_at_least_two' })
    .max(MAX_SYNONYM_TERMS, { message: 'synonyms_too_many' })
    .refine((terms) => new Set(terms).size === terms.length, { message: 'synonym_duplicate' }),
});
export type SynonymGroupInput = z.infer<typeof synonymGroupInputSchema>;
