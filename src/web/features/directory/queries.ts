import { useQuery } from '@tanstack/react-query';
import { type BodyOf, call, client, type ResponseOf } from '../../lib/api';

/** Every query key of the sociale kaart and smoelenboek, so a change invalidates exactly what it touched. */
export const directoryKeys = {
  all: ['directory'] as const,
  municipalities: () => [...directoryKeys.all, 'municipalities'] as const,
  programmes: () => [...directoryKeys.all, 'programmes'] as const,
  services: (publicMode: boolean, query: string) => [...directoryKeys.all, 'services', publicMode, query] as const,
  service: (publicMode: boolean, id: string) => [...directoryKeys.all, 'service', publicMode, id] as const,
  people: (query: string) => [...directoryKeys.all, 'people', query] as const,
  person: (id: string) => [...directoryKeys.all, 'person', id] as const,
  myCard: () => [...directoryKeys.all, 'my-card'] as const,
  organisation: (id: string) => [...directoryKeys.all, 'organisation', id] as const,
  history: (type: RecordType, id: string) => [...directoryKeys.all, 'history', type, id] as const,
  confirmToken: (token: string) => [...directoryKeys.all, 'confirm-token', token] as const,
};

export type ServiceHit = ResponseOf<'/api/v1/directory/services', 'get'>['items'][number];
export type ServiceDetail = ResponseOf<'/api/v1/directory/services/{id}', 'get'>;
export type OrganisationOverview = ResponseOf<'/api/v1/directory/organisations/{id}', 'get'>;
export type Location = ServiceDetail['locations'][number];
export type PersonDetail = ResponseOf<'/api/v1/directory/people/{id}', 'get'>;
export type PersonHit = ResponseOf<'/api/v1/directory/people', 'get'>['items'][number];
export type HistoryEntry = ResponseOf<'/api/v1/directory/{type}/{id}/history', 'get'>['items'][number];
export type RecordType = 'organisation' | 'service' | 'location' | 'person';
export type ServiceBody = BodyOf<'/api/v1/directory/organisations/{id}/services', 'post'>;
export type PersonCardBody = BodyOf<'/api/v1/directory/organisations/{id}/people', 'post'>;
export type LocationBody = BodyOf<'/api/v1/directory/organisations/{id}/locations', 'post'>;
export type OrganisationProfileBody = BodyOf<'/api/v1/directory/organisations/{id}', 'put'>;

/** The filters live in the URL as a query string (filters.ts); it is sent as it is. */
const asIs = (query: string) => ({ querySerializer: () => query });

export const useMunicipalityOptions = () =>
  useQuery({ queryKey: directoryKeys.municipalities(), queryFn: () => call(client.GET('/api/v1/public/municipalities')), staleTime: 600_000 });

export const useProgrammes = () =>
  useQuery({ queryKey: directoryKeys.programmes(), queryFn: () => call(client.GET('/api/v1/directory/programmes')), staleTime: 600_000 });

export const useServiceSearch = (query: string, publicMode: boolean) =>
  useQuery({
    queryKey: directoryKeys.services(publicMode, query),
    queryFn: (): Promise<ResponseOf<'/api/v1/directory/services', 'get'>> =>
      publicMode ? call(client.GET('/api/v1/public/services', asIs(query))) : call(client.GET('/api/v1/directory/services', asIs(query))),
    placeholderData: (prev) => prev,
  });

export const useService = (id: string, publicMode: boolean) =>
  useQuery({
    queryKey: directoryKeys.service(publicMode, id),
    queryFn: (): Promise<ServiceDetail> =>
      call(
        publicMode
          ? client.GET('/api/v1/public/services/{id}', { params: { path: { id } } })
          : client.GET('/api/v1/directory/services/{id}', { params: { path: { id } } }),
      ),
    enabled: id !== '',
  });

export const usePeopleSearch = (query: string) =>
  useQuery({
    queryKey: directoryKeys.people(query),
    queryFn: () => call(client.GET('/api/v1/directory/people', asIs(query))),
    placeholderData: (prev) => prev,
  });

export const usePerson = (id: string) =>
  useQuery({ queryKey: directoryKeys.person(id), queryFn: () => call(client.GET('/api/v1/directory/people/{id}', { params: { path: { id } } })) });

export const useMyCard = () => useQuery({ queryKey: directoryKeys.myCard(), queryFn: () => call(client.GET('/api/v1/directory/me/card')) });

export const useOrganisationOverview = (id: string) =>
  useQuery({
    queryKey: directoryKeys.organisation(id),
    queryFn: () => call(client.GET('/api/v1/directory/organisations/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });

export const useHistory = (type: RecordType, id: string, enabled: boolean) =>
  useQuery({
    queryKey: directoryKeys.history(type, id),
    queryFn: () => call(client.GET('/api/v1/directory/{type}/{id}/history', { params: { path: { type, id } } })),
    enabled,
  });

export const useConfirmToken = (token: string) =>
  useQuery({
    queryKey: directoryKeys.confirmToken(token),
    queryFn: () => call(client.GET('/api/v1/public/confirm/{token}', { params: { path: { token } } })),
    retry: false,
  });

/** The writes of the directory, typed by the routes they call. */
export const directoryApi = {
  createService: (organisationId: string, body: ServiceBody) =>
    call(client.POST('/api/v1/directory/organisations/{id}/services', { params: { path: { id: organisationId } }, body })),
  updateService: (id: string, body: ServiceBody & { version: number }) =>
    call(client.PUT('/api/v1/directory/services/{id}', { params: { path: { id } }, body })),
  updateOrganisation: (id: string, body: OrganisationProfileBody) =>
    call(client.PUT('/api/v1/directory/organisations/{id}', { params: { path: { id } }, body })),
  createLocation: (organisationId: string, body: LocationBody) =>
    call(client.POST('/api/v1/directory/organisations/{id}/locations', { params: { path: { id: organisationId } }, body })),
  updateLocation: (id: string, body: LocationBody & { version: number }) =>
    call(client.PUT('/api/v1/directory/locations/{id}', { params: { path: { id } }, body })),
  createPerson: (organisationId: string, body: PersonCardBody) =>
    call(client.POST('/api/v1/directory/organisations/{id}/people', { params: { path: { id: organisationId } }, body })),
  createMyCard: (body: PersonCardBody) => call(client.POST('/api/v1/directory/me/card', { body })),
  updatePerson: (id: string, body: PersonCardBody & { version: number }) =>
    call(client.PUT('/api/v1/directory/people/{id}', { params: { path: { id } }, body })),
  deletePhoto: (id: string) => call(client.DELETE('/api/v1/directory/people/{id}/photo', { params: { path: { id } } })),
  confirm: (type: RecordType, id: string) => call(client.POST('/api/v1/directory/{type}/{id}/confirm', { params: { path: { type, id } } })),
  confirmWithToken: (token: string) => call(client.POST('/api/v1/public/confirm/{token}', { params: { path: { token } } })),
};
