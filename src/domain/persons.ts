import { z } from 'zod';
import { addCalendarMonths, addCalendarYears } from './calendar.js';
import { normalisePostcode } from './directory.js';

/**
 * Dutch citizen service number (BSN) check, the "elfproef": nine digits d1…d9 with
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11. Eight-digit numbers are old BSNs with the leading zero
 * dropped and are padded back; all zeros is not a BSN.
 */
export function isValidBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn) || bsn === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

/** Strips spaces, dots and dashes, pads eight digits to nine, and returns the BSN only when it passes the elfproef. */
export function normaliseBsn(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return null;
  const bsn = digits.padStart(9, '0');
  return isValidBsn(bsn) ? bsn : null;
}

export const bsnSchema = z
  .string()
  .max(20, { message: 'invalid_bsn' })
  .transform((v, ctx) => {
    const bsn = normaliseBsn(v);
    if (!bsn) ctx.addIssue({ code: 'custom', message: 'invalid_bsn' });
    return bsn ?? v;
  });

/** Levels of vulnerability used in practice (Rotterdam definition); a joint judgement, never computed. */
export const VULNERABILITY_LEVELS = ['not_vulnerable', 'potentially_vulnerable', 'vulnerable', 'very_vulnerable'] as const;
export const vulnerabilityLevelSchema = z.enum(VULNERABILITY_LEVELS);

/** How persons in a household relate. */
export const RELATION_TYPES = ['parent_of', 'partner_of', 'lives_with', 'carer_of'] as const;
export const relationTypeSchema = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof relationTypeSchema>;

/** The coordinator's decision on a signal in the intake queue. */
export const SIGNAL_DECISIONS = ['advice_only', 'direct_support', 'exploration'] as const;
export const signalDecisionSchema = z.enum(SIGNAL_DECISIONS);
export type SignalDecision = z.infer<typeof signalDecisionSchema>;

/**
 * The phase a case opened from a decided signal starts in (domain.md §2): "exploration" is the decision to make the
 * help question clear — Verkennen; "direct support" means the question is clear — straight to Steun op maat.
 * Without a decision (or with advice only) the case starts where every case does, in Signaleren.
 */
export function phaseForSignalDecision(decision: SignalDecision | null | undefined): 'signaleren' | 'verkennen' | 'steun_op_maat' {
  if (decision === 'exploration') return 'verkennen';
  if (decision === 'direct_support') return 'steun_op_maat';
  return 'signaleren';
}

const DAY = 86_400_000;
/** Whole years between two dates, counted as birthdays are. */
export function ageInYears(dateOfBirth: Date, on: Date): number {
  let age = on.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < dateOfBirth.getUTCMonth() || (on.getUTCMonth() === dateOfBirth.getUTCMonth() && on.getUTCDate() < dateOfBirth.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}

export interface LifeDates {
  dateOfBirth: Date | null;
  dueDate: Date | null;
  /**
   * Whose due date it is decides what it means: for the unborn child (and the child it becomes) it is the day she
   * was expected, so her birth must lie near it; for a mother it is her pregnancy's due date, nothing to do with her
   * own birth thirty years earlier.
   */
  householdRole: HouseholdRole;
}

/** Roles whose due date is their own expected birth. */
const BORN_AT_DUE_DATE: readonly HouseholdRole[] = ['unborn', 'child'];
/** A mother younger than this at her due date is not plausible: the dates were swapped or mistyped. */
const MIN_MOTHER_AGE_AT_DUE_DATE = 10;

/**
 * Dates that cannot be true of a person, as field/code pairs: a birth date in the future or more than 120 years
 * ago, a due date more than 10 months ahead, and a person with neither date. For the unborn child and the child
 * it became, a birth date before its due date minus 24 weeks or after it plus 6 weeks (no pregnancy lasts that
 * long); for a mother, a due date before her tenth birthday.
 */
export function impossibleLifeDates(p: LifeDates, today: Date): { field: 'dateOfBirth' | 'dueDate'; code: string }[] {
  const out: { field: 'dateOfBirth' | 'dueDate'; code: string }[] = [];
  if (!p.dateOfBirth && !p.dueDate) out.push({ field: 'dateOfBirth', code: 'birth_or_due_date_required' });
  const ownBirth = BORN_AT_DUE_DATE.includes(p.householdRole);
  if (p.dateOfBirth) {
    if (p.dateOfBirth.getTime() > today.getTime()) out.push({ field: 'dateOfBirth', code: 'birth_in_future' });
    else if (ageInYears(p.dateOfBirth, today) > 120) out.push({ field: 'dateOfBirth', code: 'age_over_120' });
    if (p.dueDate && ownBirth && (p.dateOfBirth.getTime() > p.dueDate.getTime() + 42 * DAY || p.dateOfBirth.getTime() < p.dueDate.getTime() - 24 * 7 * DAY))
      out.push({ field: 'dateOfBirth', code: 'birth_far_from_due_date' });
    if (p.dueDate && p.householdRole === 'mother' && ageInYears(p.dateOfBirth, p.dueDate) < MIN_MOTHER_AGE_AT_DUE_DATE)
      out.push({ field: 'dueDate', code: 'due_date_before_mother_could_be_pregnant' });
  }
  // A born child's due date is history; anyone else's is a pregnancy still to come, at most ten months ahead.
  const stillExpected = !ownBirth || !p.dateOfBirth;
  if (p.dueDate && stillExpected && p.dueDate.getTime() > addCalendarMonths(today, 10).getTime()) out.push({ field: 'dueDate', code: 'due_date_too_far' });
  return out;
}

/** Who is informed of an involvement registration: parents; from 12 the young person too; from 16 only the young person. */
export function whomToInform(dateOfBirth: Date | null, on: Date): ('parents' | 'young_person')[] {
  if (!dateOfBirth) return ['parents']; // unborn: the expectant parents
  const age = ageInYears(dateOfBirth, on);
  if (age >= 16) return ['young_person'];
  if (age >= 12) return ['parents', 'young_person'];
  return ['parents'];
}

export const MAX_REGISTRATION_MONTHS = 24;

/**
 * When an involvement registration ends: the chosen duration (at most two years) from its start, but never after
 * the person's 23rd birthday. Death and withdrawal end it earlier, as events.
 */
export function registrationEnd(start: Date, months: number, dateOfBirth: Date | null): Date {
  const chosen = addCalendarMonths(start, Math.min(Math.max(months, 1), MAX_REGISTRATION_MONTHS));
  if (!dateOfBirth) return chosen;
  // Born on 29 February: the 23rd birthday in a common year is taken as 28 February, never 1 March.
  const turns23 = addCalendarYears(dateOfBirth, 23);
  return turns23.getTime() < chosen.getTime() ? turns23 : chosen;
}

/** Ended registrations stay for matching history this many years (configurable), then are deleted. */
export function archiveDeletionDate(endedAt: Date, retentionYears: number): Date {
  return addCalendarMonths(endedAt, retentionYears * 12);
}

/** A person's place in the household; the unborn child becomes a child at birth, keeping its record. */
export const HOUSEHOLD_ROLES = ['mother', 'partner', 'unborn', 'child', 'carer', 'other'] as const;
export const householdRoleSchema = z.enum(HOUSEHOLD_ROLES);
export type HouseholdRole = z.infer<typeof householdRoleSchema>;

/** How an involvement registration ended. */
export const REGISTRATION_END_REASONS = ['end_date', 'age_23', 'death', 'withdrawn', 'merged'] as const;
export type RegistrationEndReason = (typeof REGISTRATION_END_REASONS)[number];

/** How parents or the young person were informed of a registration. */
export const INFORMED_HOW = ['letter', 'email', 'in_person'] as const;

const isoDate = z.iso.date({ message: 'invalid_date' });
const blankToNull = (v: string | null | undefined) => (v === '' || v === undefined ? null : v);
const optText = (max: number) => z.string().trim().max(max).nullable().optional().transform(blankToNull);

/** The identifying and contact data of a household member, without defaults (the base of edits). */
const personFields = z.object({
  givenName: z.string().trim().max(100),
  familyName: z.string().trim().min(1, { message: 'required' }).max(100),
  dateOfBirth: isoDate.nullable().optional().transform(blankToNull),
  dueDate: isoDate.nullable().optional().transform(blankToNull),
  bsn: z
    .string()
    .max(20, { message: 'invalid_bsn' })
    .nullable()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const bsn = normaliseBsn(v);
      if (!bsn) ctx.addIssue({ code: 'custom', message: 'invalid_bsn' });
      return bsn ?? v;
    }),
  householdRole: householdRoleSchema,
  address: optText(200),
  postcode: z
    .string()
    .trim()
    .max(10)
    .nullable()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const pc = normalisePostcode(v);
      if (!pc) ctx.addIssue({ code: 'custom', message: 'invalid_postcode' });
      return pc ?? v;
    }),
  municipalityId: z.uuid({ message: 'unknown_municipality' }),
  preferredLanguage: optText(10),
  interpreterNeeded: z.boolean(),
  contactPhone: optText(40),
  contactEmail: z
    .union([z.literal(''), z.email({ message: 'invalid_email' }).max(320)])
    .nullable()
    .optional()
    .transform(blankToNull),
  contactNote: optText(500),
});

/** A new household member. Dates are ISO (yyyy-mm-dd); the BSN is optional. */
export const personInputSchema = personFields.extend({
  givenName: personFields.shape.givenName.default(''),
  householdRole: householdRoleSchema.default('mother'),
  interpreterNeeded: z.boolean().default(false),
});
export type PersonInput = z.infer<typeof personInputSchema>;

/** An edit: only the fields sent change. */
export const personPatchSchema = personFields.partial();

/** Folds a family name for identity matching without a BSN: case, accents, spaces and "van der"-style particles' spacing do not matter. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** A date-only value (yyyy-mm-dd) as a UTC midnight Date. */
export function parseIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/**
 * The age-23 end applies to the young: children and the unborn child. Parents and carers are registered in their
 * role around a (coming) child, so a 28-year-old pregnant woman can be registered; only the chosen duration ends it.
 */
export function ageLimitApplies(role: HouseholdRole): boolean {
  return role === 'child' || role === 'unborn';
}

/**
 * The house number of a Dutch address line ("Kerkstraat 12a", "Plein 1940 3-II"): the last number with its
 * addition, folded (no spaces, lower case). Null when the line has no number.
 */
export function houseNumberOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const all = [...address.matchAll(/(\d+)(?:\s*([a-z]{1,4})\b|\s*-\s*([a-z0-9]{1,4})\b)?/gi)];
  const last = all.at(-1);
  if (!last) return null;
  const addition = last[2] ?? last[3];
  return addition ? `${last[1]}-${addition.toLowerCase()}` : last[1]!;
}

/**
 * The second identifier that links a registration to a person already known under the same name and date: a
 * postcode and house number that match what is recorded (ADR 015). Name and date alone never do: they are guessable.
 */
export function secondIdentifierMatches(
  given: { postcode: string | null | undefined; address: string | null | undefined },
  known: { postcode: string | null; address: string | null },
): boolean {
  const pc = (v: string | null | undefined) => (v ? v.replace(/\s+/g, '').toUpperCase() : null);
  const a = pc(given.postcode);
  const n = houseNumberOf(given.address);
  return a !== null && n !== null && a === pc(known.postcode) && n === houseNumberOf(known.address);
}

/**
 * An exact identity query — a BSN, or family name + date — as both the person search and the access log's client
 * search take it: the field problems when it is neither (empty when it is complete).
 */
export function exactIdentityProblems(q: { bsn?: string | null; familyName?: string; date?: string }): { path: string; code: string }[] {
  if (q.bsn || (q.familyName && q.date)) return [];
  return [
    { path: 'body.bsn', code: 'bsn_or_name_and_date_required' },
    ...(q.familyName ? [] : [{ path: 'body.familyName', code: 'required' }]),
    ...(q.date ? [] : [{ path: 'body.date', code: 'required' }]),
  ];
}
