import { useQuery } from '@tanstack/react-query';
import { type BodyOf, call, client, type ResponseOf } from '../../lib/api';

export const MEETING_TYPES = ['mdo', 'casuistiekoverleg', 'rto', 'ondersteuningsteam_plus', 'integrale_vroeghulp', 'other'] as const;

/** Every query key of the meetings feature; a change to a meeting invalidates `meetingKeys.meeting(id)`. */
export const meetingKeys = {
  all: ['meetings'] as const,
  tables: () => [...meetingKeys.all, 'tables'] as const,
  table: (id: string) => [...meetingKeys.all, 'table', id] as const,
  meeting: (id: string) => [...meetingKeys.all, 'meeting', id] as const,
  upcoming: () => [...meetingKeys.all, 'upcoming'] as const,
  staff: (municipalityId: string, q: string) => [...meetingKeys.all, 'staff', municipalityId, q] as const,
  caseCandidates: (coordinate: boolean) => [...meetingKeys.all, 'case-candidates', coordinate] as const,
  myCases: () => [...meetingKeys.all, 'my-cases'] as const,
  doubleDiscussion: (meetingId: string, caseId: string) => [...meetingKeys.all, 'double-discussion', meetingId, caseId] as const,
  experience: (token: string) => [...meetingKeys.all, 'experience', token] as const,
};

export type TableSummary = ResponseOf<'/api/v1/meeting-tables', 'get'>['items'][number];
export type TableDetail = ResponseOf<'/api/v1/meeting-tables/{id}', 'get'>;
export type MeetingSummary = ResponseOf<'/api/v1/meetings/upcoming', 'get'>['items'][number];
export type Meeting = ResponseOf<'/api/v1/meetings/{id}', 'get'>;
export type AgendaItem = Meeting['items'][number];
export type MinutesAction = NonNullable<AgendaItem['minutes']>['actions'][number];
export type Staff = ResponseOf<'/api/v1/meeting-tables/staff', 'get'>['items'][number];
export type TableBody = BodyOf<'/api/v1/meeting-tables', 'post'>;
export type MeetingBody = BodyOf<'/api/v1/meeting-tables/{id}/meetings', 'post'>;
export type AgendaItemBody = BodyOf<'/api/v1/meetings/{id}/items', 'post'>;
export type MinutesBody = BodyOf<'/api/v1/agenda-items/{id}/minutes', 'put'>;
export type ExperienceBody = BodyOf<'/api/v1/public/experience/{token}', 'post'>;
/** Where a refused second agenda entry for the same household already stands (the body of a double_discussion 409). */
export type Elsewhere = ResponseOf<'/api/v1/meetings/{id}/double-discussion', 'get'>['elsewhere'];

const path = (id: string) => ({ params: { path: { id } } });

export const useTables = () => useQuery({ queryKey: meetingKeys.tables(), queryFn: () => call(client.GET('/api/v1/meeting-tables')) });
export const useTable = (id: string) => useQuery({ queryKey: meetingKeys.table(id), queryFn: () => call(client.GET('/api/v1/meeting-tables/{id}', path(id))) });
export const useMeeting = (id: string) => useQuery({ queryKey: meetingKeys.meeting(id), queryFn: () => call(client.GET('/api/v1/meetings/{id}', path(id))) });
export const useUpcoming = () => useQuery({ queryKey: meetingKeys.upcoming(), queryFn: () => call(client.GET('/api/v1/meetings/upcoming')) });

export const useStaffSearch = (municipalityId: string, q: string) =>
  useQuery({
    queryKey: meetingKeys.staff(municipalityId, q),
    queryFn: () => call(client.GET('/api/v1/meeting-tables/staff', { params: { query: { municipalityId, q } } })),
    enabled: q.length >= 2 && Boolean(municipalityId),
  });

/** The cases the user may put on an agenda: a coordinator's board, otherwise the cases she directs. */
export const useCaseCandidates = (coordinate: boolean, enabled: boolean) =>
  useQuery({
    queryKey: meetingKeys.caseCandidates(coordinate),
    queryFn: async (): Promise<{ id: string; clientName: string }[]> =>
      // The pickers need every candidate, not the work lists' first page.
      coordinate
        ? (await call(client.GET('/api/v1/cases/board', { params: { query: { perPage: 200 } } }))).items
        : (await call(client.GET('/api/v1/cases/mine', { params: { query: { perPage: 500 } } }))).items.filter((c) => c.isDirector),
    enabled,
  });

export const useMyCases = () =>
  useQuery({ queryKey: meetingKeys.myCases(), queryFn: () => call(client.GET('/api/v1/cases/mine', { params: { query: { perPage: 500 } } })) });

export const useDoubleDiscussion = (meetingId: string, caseId: string, enabled: boolean) =>
  useQuery({
    queryKey: meetingKeys.doubleDiscussion(meetingId, caseId),
    queryFn: () => call(client.GET('/api/v1/meetings/{id}/double-discussion', { params: { path: { id: meetingId }, query: { caseId } } })),
    enabled,
  });

export const useExperienceForm = (token: string) =>
  useQuery({
    queryKey: meetingKeys.experience(token),
    queryFn: () => call(client.GET('/api/v1/public/experience/{token}', { params: { path: { token } } })),
    retry: false,
  });

/** The writes of the meetings feature, typed by the routes they call. */
export const meetingsApi = {
  createTable: (body: TableBody) => call(client.POST('/api/v1/meeting-tables', { body })),
  schedule: (tableId: string, body: MeetingBody) => call(client.POST('/api/v1/meeting-tables/{id}/meetings', { ...path(tableId), body })),
  addItem: (meetingId: string, body: AgendaItemBody) => call(client.POST('/api/v1/meetings/{id}/items', { ...path(meetingId), body })),
  linkItem: (itemId: string, caseId: string) => call(client.POST('/api/v1/agenda-items/{id}/link', { ...path(itemId), body: { caseId } })),
  writeMinutes: (itemId: string, body: MinutesBody) => call(client.PUT('/api/v1/agenda-items/{id}/minutes', { ...path(itemId), body })),
  adopt: (meetingId: string, version: number) => call(client.POST('/api/v1/meetings/{id}/adopt', { ...path(meetingId), body: { version } })),
  cancel: (meetingId: string) => call(client.POST('/api/v1/meetings/{id}/cancel', path(meetingId))),
  addAddendum: (meetingId: string, body: BodyOf<'/api/v1/meetings/{id}/addenda', 'post'>) =>
    call(client.POST('/api/v1/meetings/{id}/addenda', { ...path(meetingId), body })),
  answerExperience: (token: string, body: ExperienceBody) => call(client.POST('/api/v1/public/experience/{token}', { params: { path: { token } }, body })),
};

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
