import { z } from 'zod';
import { int32 } from './numbers.js';

/**
 * Multidisciplinary consultation (domain.md §5): tables that meet regularly, an agenda built from open cases with
 * a consent check per participant, minutes that record who holds casusregie, and the parents' experience afterwards.
 */
export const MEETING_TYPES = ['mdo', 'casuistiekoverleg', 'rto', 'ondersteuningsteam_plus', 'integrale_vroeghulp', 'other'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const AGENDA_KINDS = ['case', 'free', 'anonymous'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

/** Longest meeting we accept: a day's session. */
export const MAX_MEETING_HOURS = 10;

export type MeetingTimeError = { path: 'startsAt' | 'endsAt'; code: 'in_past' | 'end_before_start' | 'too_long' };

/** The rules for a meeting's time: not in the past, ending after it starts, at most a working day long. */
export function checkMeetingTime(startsAt: Date, endsAt: Date, now: Date): MeetingTimeError[] {
  const errors: MeetingTimeError[] = [];
  if (startsAt.getTime() < now.getTime()) errors.push({ path: 'startsAt', code: 'in_past' });
  if (endsAt.getTime() <= startsAt.getTime()) errors.push({ path: 'endsAt', code: 'end_before_start' });
  else if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_HOURS * 3_600_000) errors.push({ path: 'endsAt', code: 'too_long' });
  return errors;
}

/** Two meetings overlap when each starts before the other ends (touching end and start is fine). */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * What a participant hears of a case item: everything when their organisation holds consent for case discussion (or
 * they coordinate the case's municipality); otherwise only its number, marked "geen toestemming voor uw organisatie".
 */
export function maskedItemTitle(position: number, lang: 'nl' | 'en'): string {
  return lang === 'en' ? `Case ${position} (no consent for your organisation)` : `Casus ${position} (geen toestemming voor uw organisatie)`;
}

// ─── The parents' experience (Scherpenzeel advice 6): three questions in plain language ─────────────────────────

export const EXPERIENCE_ANSWERS = ['yes', 'partly', 'no'] as const;
export type ExperienceAnswer = (typeof EXPERIENCE_ANSWERS)[number];

export const EXPERIENCE_QUESTIONS = {
  heard: { nl: 'Voelde u zich gehoord tijdens het overleg?', en: 'Did you feel heard during the meeting?' },
  clearWhoHelps: { nl: 'Is het duidelijk wie u nu helpt?', en: 'Is it clear who is helping you now?' },
  better: { nl: 'Wat kan er beter?', en: 'What could be better?' },
} as const;

export const experienceSchema = z.object({
  heard: z.enum(EXPERIENCE_ANSWERS),
  clearWhoHelps: z.enum(EXPERIENCE_ANSWERS),
  better: z.string().trim().max(2000, { message: 'too_long' }).optional(),
});
export type Experience = z.infer<typeof experienceSchema>;

/** Answers per table: counts per answer, so the monitor can show shares (and suppress small numbers). */
export function aggregateExperiences(rows: Pick<Experience, 'heard' | 'clearWhoHelps'>[]) {
  const empty = () => ({ yes: 0, partly: 0, no: 0 });
  const heard = empty();
  const clearWhoHelps = empty();
  for (const r of rows) {
    heard[r.heard]++;
    clearWhoHelps[r.clearWhoHelps]++;
  }
  return { responses: rows.length, heard, clearWhoHelps };
}

// ─── Input rules shared by the API and the web forms ─────────────────────────────────────────────────────────

const text = (max: number) => z.string().trim().max(max, { message: 'too_long' });
const dateTime = z.iso.datetime({ offset: true, message: 'invalid_datetime' });

export const tableInputSchema = z.object({
  name: text(200).min(3, { message: 'required' }),
  type: z.enum(MEETING_TYPES),
  municipalityId: z.uuid(),
  chairId: z.uuid(),
  place: text(300).default(''),
  description: text(2000).default(''),
  members: z
    .array(z.object({ organisationId: z.uuid(), userId: z.uuid().nullable().default(null) }))
    .max(100)
    .default([]),
});
export type TableInput = z.infer<typeof tableInputSchema>;

export const meetingInputSchema = z
  .object({
    startsAt: dateTime,
    endsAt: dateTime,
    place: text(300).default(''),
    videoUrl: z
      .url({ protocol: /^https$/, message: 'invalid_url' })
      .nullable()
      .default(null),
    /** Extra invitees beyond the table's standing members. */
    inviteeIds: z.array(z.uuid()).max(100).default([]),
    /** Invitees by smoelenboek card: a card with an account invites the account, one without is invited by mail. */
    inviteePersonIds: z.array(z.uuid()).max(100).default([]),
  })
  .superRefine((m, ctx) => {
    if (!m.place && !m.videoUrl) ctx.addIssue({ code: 'custom', path: ['place'], message: 'place_or_video' });
  });
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const agendaItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case'), caseId: z.uuid(), parentsInvited: z.boolean().default(false), confirmDoubleDiscussion: z.boolean().default(false) }),
  z.object({ kind: z.literal('free'), title: text(300).min(3, { message: 'required' }) }),
  z.object({
    kind: z.literal('anonymous'),
    pseudonym: text(100).min(2, { message: 'required' }),
    summary: text(4000).min(10, { message: 'summary_too_short' }),
  }),
]);
export type AgendaItemInput = z.infer<typeof agendaItemSchema>;

export const minutesActionSchema = z
  .object({
    what: text(1000).min(3, { message: 'required' }),
    ownerKind: z.enum(['professional', 'family']),
    ownerUserId: z.uuid().nullable().default(null),
    ownerPersonId: z.uuid().nullable().default(null),
    dueDate: z.iso.date({ message: 'invalid_date' }).nullable().default(null),
  })
  .superRefine((a, ctx) => {
    if (a.ownerKind === 'professional' && !a.ownerUserId) ctx.addIssue({ code: 'custom', path: ['ownerUserId'], message: 'required' });
    if (a.ownerKind === 'family' && !a.ownerPersonId) ctx.addIssue({ code: 'custom', path: ['ownerPersonId'], message: 'required' });
  });

export const minutesInputSchema = z.object({
  version: int32(),
  summary: text(8000).default(''),
  decisions: text(8000).default(''),
  actions: z.array(minutesActionSchema).max(50).default([]),
  /** "Casusregie ligt bij": for a case item mandatory at adoption; must match or update the case director. */
  regieHolderId: z.uuid().nullable().default(null),
  parentsPresent: z.boolean().default(false),
});
export type MinutesInput = z.infer<typeof minutesInputSchema>;
