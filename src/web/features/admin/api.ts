import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface Organisation {
  id: string;
  regionId: string;
  name: string;
  type: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  active: boolean;
  version: number;
}
export interface Municipality {
  id: string;
  regionId: string;
  name: string;
  cbsCode: string | null;
  version: number;
}
export interface Region {
  id: string;
  name: string;
}
export interface User {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisation: { id: string; name: string };
  municipalities: { id: string; name: string }[];
  totpEnabled: boolean;
  isDemo: boolean;
  directoryEditor: boolean;
  intakeRight: boolean;
  /** What the calling admin may do with this user (the server's policy): never lock herself out. */
  abilities: { edit: boolean; changeRole: boolean; deactivate: boolean; delete: boolean };
  active: boolean;
  lastLoginAt: string | null;
  version: number;
}

export const useOrganisations = (includeInactive = false) =>
  useQuery({
    queryKey: ['organisations', includeInactive],
    queryFn: () => api<{ items: Organisation[] }>('GET', `/admin/organisations?includeInactive=${includeInactive}`),
  });
export const useMunicipalities = () =>
  useQuery({ queryKey: ['municipalities'], queryFn: () => api<{ items: Municipality[] }>('GET', '/admin/municipalities') });
export const useRegions = () => useQuery({ queryKey: ['regions'], queryFn: () => api<{ items: Region[] }>('GET', '/admin/regions') });
