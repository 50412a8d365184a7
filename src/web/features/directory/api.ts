import { useQuery } from '@tanstack/react-query';
import type { OpeningHours } from '../../../domain/directory';
import { api } from '../../lib/api';

export interface ServiceHit {
  id: string;
  name: string;
  summary: string;
  organisation: { id: string; name: string; type: string };
  programme: string | null;
  waitingWeeks: number | null;
  waitingStatedOn: string | null;
  accessType: 'free_access' | 'referral_needed';
  howToRefer: string | null;
  phone: string | null;
  email: string | null;
  acceptsNewClients: boolean;
  lastConfirmedAt: string;
  stale: boolean;
}
export interface Results<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}
export interface Location {
  id: string;
  organisationId: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  municipalityId: string | null;
  openingHours: OpeningHours[];
  accessibility: string | null;
  active: boolean;
  version: number;
  lastConfirmedAt: string;
}
/** What the caller may do with a directory record, as the server's policy decides. */
export interface DirectoryAbilities {
  maintain: boolean;
}
export interface PersonCard {
  id: string;
  organisationId: string;
  isOwnCard: boolean;
  name: string;
  jobTitle: string;
  phone: string | null;
  email: string | null;
  reachability: string | null;
  expertise: string[];
  meetingTables: string[];
  languages: string[];
  hasPhoto: boolean;
  photoVersion: string | null;
  active: boolean;
  version: number;
  lastConfirmedAt: string;
}
export interface PersonDetail extends PersonCard {
  organisation: { id: string; name: string };
  municipalities: { id: string; name: string }[];
  services: { id: string; name: string }[];
  lastConfirmedBy: string | null;
  stale: boolean;
  /** What the caller may do with this record (the server's policy): maintain = edit and confirm. */
  abilities: DirectoryAbilities;
}
export interface PersonHit {
  id: string;
  name: string;
  jobTitle: string;
  organisation: { id: string; name: string };
  phone: string | null;
  email: string | null;
  reachability: string | null;
  expertise: string[];
  hasPhoto: boolean;
  lastConfirmedAt: string;
  stale: boolean;
}
export interface ServiceDetail {
  id: string;
  name: string;
  summary: string;
  description: string;
  eligibility: string | null;
  organisation: { id: string; name: string; type: string; phone: string | null; email: string | null; website: string | null };
  programme: { id: string; name: string; description: string } | null;
  pregnancyFromWeek: number | null;
  minAgeMonths: number | null;
  maxAgeMonths: number | null;
  targetGroups: string[];
  phases: string[];
  lifeDomains: string[];
  languages: string[];
  costType: string;
  costNote: string | null;
  accessType: string;
  howToRefer: string | null;
  referralInclude: string | null;
  waitingWeeks: number | null;
  waitingStatedOn: string | null;
  responseNormWorkingDays: number | null;
  acceptsNewClients: boolean;
  accessibility: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  isPublic: boolean;
  municipalities: { id: string; name: string }[];
  locations: Location[];
  contacts: PersonCard[];
  version: number;
  /** What the caller may do with this record (the server's policy): maintain = edit and confirm. */
  abilities: DirectoryAbilities;
  lastConfirmedAt: string;
  lastConfirmedBy: string | null;
  stale: boolean;
}
export interface OrganisationOverview {
  id: string;
  name: string;
  type: string;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  kvkNumber: string | null;
  agbCode: string | null;
  version: number;
  /** What the caller may do with this record (the server's policy): maintain = edit and confirm. */
  abilities: DirectoryAbilities;
  lastConfirmedAt: string;
  lastConfirmedBy: string | null;
  stale: boolean;
  services: { id: string; name: string; active: boolean; isPublic: boolean; lastConfirmedAt: string; stale: boolean }[];
  locations: (Location & { stale: boolean })[];
  people: (PersonCard & { stale: boolean })[];
}
export interface HistoryEntry {
  id: number;
  kind: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  changedAt: string;
  changedBy: string | null;
}

export const useMunicipalityOptions = () =>
  useQuery({
    queryKey: ['public-municipalities'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('GET', '/public/municipalities'),
    staleTime: 600_000,
  });

export const useProgrammes = () =>
  useQuery({
    queryKey: ['programmes'],
    queryFn: () =>
      api<{ items: { id: string; name: string; description: string; organisations: { id: string; name: string }[] }[] }>('GET', '/directory/programmes'),
    staleTime: 600_000,
  });

export const useServiceSearch = (query: string, publicMode: boolean) =>
  useQuery({
    queryKey: ['services', publicMode, query],
    queryFn: () => api<Results<ServiceHit>>('GET', `${publicMode ? '/public' : '/directory'}/services?${query}`),
    placeholderData: (prev) => prev,
  });

export const useService = (id: string, publicMode: boolean) =>
  useQuery({ queryKey: ['service', publicMode, id], queryFn: () => api<ServiceDetail>('GET', `${publicMode ? '/public' : '/directory'}/services/${id}`) });

export const usePeopleSearch = (query: string) =>
  useQuery({ queryKey: ['people', query], queryFn: () => api<Results<PersonHit>>('GET', `/directory/people?${query}`), placeholderData: (prev) => prev });

export const usePerson = (id: string) => useQuery({ queryKey: ['person', id], queryFn: () => api<PersonDetail>('GET', `/directory/people/${id}`) });

export const useOrganisationOverview = (id: string) =>
  useQuery({ queryKey: ['directory-organisation', id], queryFn: () => api<OrganisationOverview>('GET', `/directory/organisations/${id}`) });

export const useHistory = (type: string, id: string, enabled: boolean) =>
  useQuery({ queryKey: ['history', type, id], queryFn: () => api<{ items: HistoryEntry[] }>('GET', `/directory/${type}/${id}/history`), enabled });
