import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const MEETING_TYPES = ['mdo', 'casuistiekoverleg', 'rto', 'ondersteuningsteam_plus', 'integrale_vroeghulp', 'other'] as const;

export interface TableSummary {
  id: string;
  name: string;
  type: (typeof MEETING_TYPES)[number];
  municipalityId: string;
  chairName: string;
  place: string;
}
/** What the caller may do with a table (the server's policy decides; the page only shows). */
export interface TableAbilities {
  scheduleMeeting: boolean;
  seeExperiences: boolean;
}
/** What the caller may do with a meeting; status rules (adopted, cancelled) come on top. */
export interface MeetingAbilities {
  run: boolean;
  addFreeItem: boolean;
  addCaseItem: boolean;
  addAnonymousItem: boolean;
  writeMinutes: boolean;
  adoptMinutes: boolean;
  addAddendum: boolean;
  cancel: boolean;
}
export interface MeetingSummary {
  id: string;
  tableId: string;
  tableName?: string;
  startsAt: string;
  endsAt: string;
  place: string;
  videoUrl: string | null;
  status: 'scheduled' | 'cancelled' | 'adopted';
  version: number;
}
type Counts = { yes: number; partly: number; no: number };
export interface TableDetail extends TableSummary {
  description: string;
  chairId: string;
  abilities: TableAbilities;
  members: { organisationId: string; organisationName: string; userId: string | null; userName: string | null }[];
  meetings: MeetingSummary[];
  experiences: { responses: number; heard: Counts; clearWhoHelps: Counts } | null;
}
export interface MinutesAction {
  what: string;
  ownerKind: 'professional' | 'family';
  ownerUserId: string | null;
  ownerPersonId: string | null;
  dueDate: string | null;
}
export interface AgendaItem {
  id: string;
  position: number;
  kind: 'case' | 'free' | 'anonymous';
  title: string;
  masked: boolean;
  clientName: string | null;
  pseudonym: string | null;
  caseId: string | null;
  summary: string | null;
  isOwner: boolean;
  linkedCaseId: string | null;
  parentsInvited: boolean;
  doubleDiscussionConfirmed: boolean;
  consent: { organisationId: string; organisationName: string; mayHear: boolean }[];
  people: { team: { userId: string; name: string; organisationName: string }[]; household: { personId: string; name: string }[] } | null;
  directorId: string | null;
  minutes: {
    summary: string;
    decisions: string;
    actions: MinutesAction[];
    regieHolderId: string | null;
    regieHolderName: string | null;
    parentsPresent: boolean;
    version: number;
  } | null;
}
export interface Meeting extends MeetingSummary {
  tableName: string;
  tableType: TableSummary['type'];
  role: 'coordinator' | 'chair' | 'invitee';
  isChair: boolean;
  abilities: MeetingAbilities;
  chairName: string;
  invitees: { userId: string; name: string; organisationName: string }[];
  organisations: { id: string; name: string }[];
  items: AgendaItem[];
  minutesAdoptedAt: string | null;
  addenda: { id: string; itemId: string | null; text: string; authorName: string; at: string }[];
}
export interface Staff {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

export const useTables = () =>
  useQuery({ queryKey: ['meeting-tables'], queryFn: () => api<{ items: TableSummary[]; abilities: { createTable: boolean } }>('GET', '/meeting-tables') });
export const useTable = (id: string) => useQuery({ queryKey: ['meeting-table', id], queryFn: () => api<TableDetail>('GET', `/meeting-tables/${id}`) });
export const useMeeting = (id: string) => useQuery({ queryKey: ['meeting', id], queryFn: () => api<Meeting>('GET', `/meetings/${id}`) });
export const useUpcoming = () => useQuery({ queryKey: ['meetings', 'upcoming'], queryFn: () => api<{ items: MeetingSummary[] }>('GET', '/meetings/upcoming') });

/** When and where, in the reader's language and the Dutch time zone. */
export function meetingWhen(m: { startsAt: string; endsAt: string }, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
  const day = new Date(m.startsAt).toLocaleDateString(locale, {
    timeZone: 'Europe/Amsterdam',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time(m.startsAt)}–${time(m.endsAt)}`;
}
