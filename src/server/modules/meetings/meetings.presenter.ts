import { z } from 'zod';
import { AGENDA_KINDS, EXPERIENCE_ANSWERS, MEETING_TYPES, maskedItemTitle } from '../../../domain/meetings.js';
import { int32 } from '../../../domain/numbers.js';
import type { MeetingAbilities, TableAbilities } from '../../policy.js';
import type * as repo from './meetings.repository.js';
import type { AgendaView, MeetingRole } from './meetings.service.js';

const ts = z.iso.datetime({ offset: true });
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const status = z.enum(['scheduled', 'cancelled', 'adopted']);

export const meetingSummarySchema = z.object({
  id: z.uuid(),
  tableId: z.uuid(),
  tableName: z.string().optional(),
  startsAt: ts,
  endsAt: ts,
  place: z.string(),
  videoUrl: z.string().nullable(),
  status,
  version: int32(),
});
export const presentMeetingSummary = (m: repo.MeetingRow, tableName?: string): z.infer<typeof meetingSummarySchema> => ({
  id: m.id,
  tableId: m.tableId,
  ...(tableName ? { tableName } : {}),
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  place: m.place,
  videoUrl: m.videoUrl,
  status: m.status as z.infer<typeof status>,
  version: m.version,
});

export const tableSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(MEETING_TYPES),
  municipalityId: z.uuid(),
  chairName: z.string(),
  place: z.string(),
});
export const presentTableSummary = (x: { table: repo.TableRow; chairName: string }): z.infer<typeof tableSummarySchema> => ({
  id: x.table.id,
  name: x.table.name,
  type: x.table.type as (typeof MEETING_TYPES)[number],
  municipalityId: x.table.municipalityId,
  chairName: x.chairName,
  place: x.table.place,
});

/** What the caller may do with a table, computed by the policy (`tableAbilities`): the web app shows its buttons from it. */
export const tableAbilitiesSchema = z
  .object({ scheduleMeeting: z.boolean(), seeExperiences: z.boolean() })
  .describe('What the caller may do with this table (policy.tableAbilities).') satisfies z.ZodType<TableAbilities>;

/** What the caller may do with a meeting, computed by the policy (`meetingAbilities`). */
export const meetingAbilitiesSchema = z
  .object({
    run: z.boolean(),
    addFreeItem: z.boolean(),
    addCaseItem: z.boolean(),
    addAnonymousItem: z.boolean(),
    writeMinutes: z.boolean(),
    adoptMinutes: z.boolean(),
    addAddendum: z.boolean(),
    cancel: z.boolean(),
  })
  .describe(
    'What the caller may do with this meeting (policy.meetingAbilities); status rules (adopted, cancelled) still apply.',
  ) satisfies z.ZodType<MeetingAbilities>;

const answerCounts = z.object({ yes: int32(), partly: int32(), no: int32() });
export const tableSchema = tableSummarySchema.extend({
  description: z.string(),
  chairId: z.uuid(),
  mayManage: z.boolean(),
  abilities: tableAbilitiesSchema,
  members: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), userId: z.uuid().nullable(), userName: z.string().nullable() })),
  meetings: z.array(meetingSummarySchema),
  experiences: z.object({ responses: int32(), heard: answerCounts, clearWhoHelps: answerCounts }).nullable(),
});

const actionSchema = z.object({
  what: z.string(),
  ownerKind: z.enum(['professional', 'family']),
  ownerUserId: z.uuid().nullable(),
  ownerPersonId: z.uuid().nullable(),
  dueDate: z.iso.date().nullable(),
});

const itemSchema = z.object({
  id: z.uuid(),
  position: int32(),
  kind: z.enum(AGENDA_KINDS),
  /** What this participant sees as the item's title: the family's name only with consent for their organisation. */
  title: z.string(),
  masked: z.boolean(),
  /** The family's name (case items the participant may hear) and the pseudonym (anonymised consultations). */
  clientName: z.string().nullable(),
  pseudonym: z.string().nullable(),
  caseId: z.uuid().nullable(),
  summary: z.string().nullable(),
  isOwner: z.boolean(),
  linkedCaseId: z.uuid().nullable(),
  parentsInvited: z.boolean(),
  doubleDiscussionConfirmed: z.boolean(),
  consent: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), mayHear: z.boolean() })),
  people: z
    .object({
      team: z.array(z.object({ userId: z.uuid(), name: z.string(), organisationName: z.string() })),
      household: z.array(z.object({ personId: z.uuid(), name: z.string() })),
    })
    .nullable(),
  directorId: z.uuid().nullable(),
  minutes: z
    .object({
      summary: z.string(),
      decisions: z.string(),
      actions: z.array(actionSchema),
      regieHolderId: z.uuid().nullable(),
      regieHolderName: z.string().nullable(),
      parentsPresent: z.boolean(),
      version: int32(),
    })
    .nullable(),
});

export const meetingSchema = meetingSummarySchema.extend({
  tableName: z.string(),
  tableType: z.enum(MEETING_TYPES),
  role: z.enum(['coordinator', 'chair', 'invitee']),
  /** The chair adopts the minutes (even when she is also the coordinator). */
  isChair: z.boolean(),
  abilities: meetingAbilitiesSchema,
  chairName: z.string(),
  invitees: z.array(z.object({ userId: z.uuid(), name: z.string(), organisationName: z.string() })),
  /** Invited by smoelenboek card, without an account yet: reached by mail. */
  cardInvitees: z.array(z.object({ personId: z.uuid(), name: z.string(), organisationName: z.string() })),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  items: z.array(itemSchema),
  minutesAdoptedAt: ts.nullable(),
  addenda: z.array(z.object({ id: z.uuid(), itemId: z.uuid().nullable(), text: z.string(), authorName: z.string(), at: ts })),
});

export function presentMeeting(
  x: {
    m: repo.MeetingRow;
    t: repo.TableRow;
    role: MeetingRole;
    abilities: MeetingAbilities;
    chairName: string;
    invitees: { userId: string; name: string; organisationName: string }[];
    cardInvitees: { personId: string; name: string; organisationName: string }[];
    organisations: { id: string; name: string }[];
    items: AgendaView[];
    addenda: Awaited<ReturnType<typeof repo.addenda>>;
  },
  viewerId: string,
  lang: 'nl' | 'en',
): z.infer<typeof meetingSchema> {
  return {
    ...presentMeetingSummary(x.m),
    tableName: x.t.name,
    tableType: x.t.type as (typeof MEETING_TYPES)[number],
    role: x.role,
    isChair: x.m.chairId === viewerId,
    abilities: x.abilities,
    chairName: x.chairName,
    invitees: x.invitees.map((i) => ({ userId: i.userId, name: i.name, organisationName: i.organisationName })),
    cardInvitees: x.cardInvitees.map((i) => ({ personId: i.personId, name: i.name, organisationName: i.organisationName })),
    organisations: x.organisations,
    minutesAdoptedAt: iso(x.m.minutesAdoptedAt),
    items: x.items.map((v) => {
      const i = v.item;
      const masked = i.kind === 'case' && !v.entitled;
      const title =
        i.kind === 'free'
          ? (i.title ?? '')
          : i.kind === 'anonymous'
            ? `${lang === 'en' ? 'Anonymous consultation' : 'Anonieme casusbespreking'}: ${i.pseudonym}`
            : masked
              ? maskedItemTitle(i.position, lang)
              : `${lang === 'en' ? 'Case' : 'Casus'} ${i.position}: ${v.clientName ?? ''}`;
      return {
        id: i.id,
        position: i.position,
        kind: i.kind as (typeof AGENDA_KINDS)[number],
        title,
        masked,
        clientName: i.kind === 'case' && !masked ? v.clientName : null,
        pseudonym: i.kind === 'anonymous' ? i.pseudonym : null,
        caseId: masked ? null : i.caseId,
        summary: i.kind === 'anonymous' ? i.summary : null,
        isOwner: i.ownerId === viewerId,
        linkedCaseId: i.ownerId === viewerId ? i.linkedCaseId : null,
        parentsInvited: i.parentsInvited,
        doubleDiscussionConfirmed: i.doubleDiscussionConfirmed,
        consent: v.consent,
        people: v.people,
        directorId: masked ? null : v.directorId,
        minutes: v.minutes
          ? {
              summary: v.minutes.minutes.summary,
              decisions: v.minutes.minutes.decisions,
              actions: v.minutes.minutes.actions,
              regieHolderId: v.minutes.minutes.regieHolderId,
              regieHolderName: v.minutes.regieHolderName,
              parentsPresent: v.minutes.minutes.parentsPresent,
              version: v.minutes.minutes.version,
            }
          : null,
      };
    }),
    addenda: x.addenda.map((a) => ({
      id: a.addendum.id,
      itemId: a.addendum.itemId,
      text: a.addendum.text,
      authorName: a.authorName,
      at: a.addendum.at.toISOString(),
    })),
  };
}

export const experienceFormSchema = z.object({ tableName: z.string(), startsAt: ts, answered: z.boolean(), answers: z.array(z.enum(EXPERIENCE_ANSWERS)) });
