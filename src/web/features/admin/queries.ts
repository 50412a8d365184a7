import { useQuery } from '@tanstack/react-query';
import { type BodyOf, call, client, type ResponseOf } from '../../lib/api';

/** Every query key of the administration pages. */
export const adminKeys = {
  all: ['admin'] as const,
  organisations: (includeInactive: boolean) => [...adminKeys.all, 'organisations', includeInactive] as const,
  municipalities: () => [...adminKeys.all, 'municipalities'] as const,
  regions: () => [...adminKeys.all, 'regions'] as const,
  users: (q: string, includeInactive: boolean) => [...adminKeys.all, 'users', q, includeInactive] as const,
  usersAll: () => [...adminKeys.all, 'users'] as const,
  accessLog: (filter: unknown) => [...adminKeys.all, 'access-log', filter] as const,
  outbox: () => [...adminKeys.all, 'outbox'] as const,
  factors: () => [...adminKeys.all, 'signal-factors'] as const,
  questionnaires: () => [...adminKeys.all, 'questionnaires'] as const,
  synonyms: () => [...adminKeys.all, 'directory-synonyms'] as const,
  synonymList: (q: string) => [...adminKeys.synonyms(), q] as const,
};

export type Organisation = ResponseOf<'/api/v1/admin/organisations', 'get'>['items'][number];
export type Municipality = ResponseOf<'/api/v1/admin/municipalities', 'get'>['items'][number];
export type Region = ResponseOf<'/api/v1/admin/regions', 'get'>['items'][number];
export type User = ResponseOf<'/api/v1/admin/users', 'get'>['items'][number];
export type AccessLogPage = ResponseOf<'/api/v1/admin/access-log', 'get'>;
export type AccessLogEntry = AccessLogPage['items'][number];
export type OutboxItem = ResponseOf<'/api/v1/admin/outbox', 'get'>['items'][number];
export type Factor = ResponseOf<'/api/v1/admin/signal-factors', 'get'>['items'][number];
export type Questionnaire = ResponseOf<'/api/v1/admin/questionnaires', 'get'>['items'][number];
export type ImportReport = ResponseOf<'/api/v1/admin/hsds/import', 'post'>;
export type SynonymList = ResponseOf<'/api/v1/admin/directory-synonyms', 'get'>;
export type SynonymGroup = SynonymList['items'][number];
export type ByClientQuery = BodyOf<'/api/v1/admin/access-log/by-client', 'post'>;

const path = (id: string) => ({ params: { path: { id } } });
/** Filters built as a query string are sent as they are. */
const asIs = (query: string) => ({ querySerializer: () => query });

export const useOrganisations = (includeInactive = false) =>
  useQuery({
    queryKey: adminKeys.organisations(includeInactive),
    queryFn: () => call(client.GET('/api/v1/admin/organisations', { params: { query: { includeInactive: includeInactive ? 'true' : 'false' } } })),
  });
export const useMunicipalities = () => useQuery({ queryKey: adminKeys.municipalities(), queryFn: () => call(client.GET('/api/v1/admin/municipalities')) });
export const useRegions = () => useQuery({ queryKey: adminKeys.regions(), queryFn: () => call(client.GET('/api/v1/admin/regions')) });
export const useUsers = (q: string, includeInactive: boolean) =>
  useQuery({
    queryKey: adminKeys.users(q, includeInactive),
    queryFn: () =>
      call(client.GET('/api/v1/admin/users', { params: { query: { includeDeactivated: includeInactive ? 'true' : 'false', ...(q ? { q } : {}) } } })),
  });
export const useOutbox = () => useQuery({ queryKey: adminKeys.outbox(), queryFn: () => call(client.GET('/api/v1/admin/outbox')) });
export const useFactors = () => useQuery({ queryKey: adminKeys.factors(), queryFn: () => call(client.GET('/api/v1/admin/signal-factors')) });
export const useSynonyms = (q: string) =>
  useQuery({
    queryKey: adminKeys.synonymList(q),
    queryFn: () => call(client.GET('/api/v1/admin/directory-synonyms', { params: { query: q ? { q } : {} } })),
  });
export const useQuestionnaires = () => useQuery({ queryKey: adminKeys.questionnaires(), queryFn: () => call(client.GET('/api/v1/admin/questionnaires')) });

/** The writes (and the paged access-log reads) of the administration pages, typed by their routes. */
export const adminApi = {
  accessLog: (query: string) => call(client.GET('/api/v1/admin/access-log', asIs(query))),
  accessLogByClient: (body: ByClientQuery) => call(client.POST('/api/v1/admin/access-log/by-client', { body })),
  importHsds: (regionId: string, data: unknown) =>
    call(client.POST('/api/v1/admin/hsds/import', { params: { query: { regionId } }, body: data as BodyOf<'/api/v1/admin/hsds/import', 'post'> })),
  createMunicipality: (body: BodyOf<'/api/v1/admin/municipalities', 'post'>) => call(client.POST('/api/v1/admin/municipalities', { body })),
  updateMunicipality: (id: string, body: BodyOf<'/api/v1/admin/municipalities/{id}', 'patch'>) =>
    call(client.PATCH('/api/v1/admin/municipalities/{id}', { ...path(id), body })),
  createOrganisation: (body: BodyOf<'/api/v1/admin/organisations', 'post'>) => call(client.POST('/api/v1/admin/organisations', { body })),
  updateOrganisation: (id: string, body: BodyOf<'/api/v1/admin/organisations/{id}', 'patch'>) =>
    call(client.PATCH('/api/v1/admin/organisations/{id}', { ...path(id), body })),
  createUser: (body: BodyOf<'/api/v1/admin/users', 'post'>) => call(client.POST('/api/v1/admin/users', { body })),
  updateUser: (id: string, body: BodyOf<'/api/v1/admin/users/{id}', 'patch'>) => call(client.PATCH('/api/v1/admin/users/{id}', { ...path(id), body })),
  deleteUser: (id: string) => call(client.DELETE('/api/v1/admin/users/{id}', path(id))),
  deactivateUser: (id: string, version: number) => call(client.POST('/api/v1/admin/users/{id}/deactivate', { ...path(id), body: { version } })),
  reactivateUser: (id: string, version: number) => call(client.POST('/api/v1/admin/users/{id}/reactivate', { ...path(id), body: { version } })),
  addFactor: (body: BodyOf<'/api/v1/admin/signal-factors', 'post'>) => call(client.POST('/api/v1/admin/signal-factors', { body })),
  updateFactor: (code: string, body: BodyOf<'/api/v1/admin/signal-factors/{code}', 'patch'>) =>
    call(client.PATCH('/api/v1/admin/signal-factors/{code}', { params: { path: { code } }, body })),
  addQuestionnaire: (body: BodyOf<'/api/v1/admin/questionnaires', 'post'>) => call(client.POST('/api/v1/admin/questionnaires', { body })),
  addSynonyms: (terms: string[]) => call(client.POST('/api/v1/admin/directory-synonyms', { body: { terms } })),
  updateSynonyms: (id: string, body: BodyOf<'/api/v1/admin/directory-synonyms/{id}', 'patch'>) =>
    call(client.PATCH('/api/v1/admin/directory-synonyms/{id}', { ...path(id), body })),
  deleteSynonyms: (id: string, version: number) =>
    call(client.DELETE('/api/v1/admin/directory-synonyms/{id}', { params: { path: { id }, query: { version } } })),
  updateQuestionnaire: (id: string, body: BodyOf<'/api/v1/admin/questionnaires/{id}', 'patch'>) =>
    call(client.PATCH('/api/v1/admin/questionnaires/{id}', { ...path(id), body })),
};
