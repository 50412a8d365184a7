import { useQuery } from '@tanstack/react-query';
import { call, client, type ResponseOf } from '../../lib/api';

/** Query keys of the monitor; the scope form's query (municipality or region, period) is part of each. */
export const monitorKeys = {
  all: ['monitor'] as const,
  dashboard: (scope: unknown) => [...monitorKeys.all, 'dashboard', scope] as const,
  trends: (scope: unknown) => [...monitorKeys.all, 'trends', scope] as const,
  comparison: (scope: unknown) => [...monitorKeys.all, 'comparison', scope] as const,
  network: (scope: unknown) => [...monitorKeys.all, 'network', scope] as const,
};

export type Dashboard = ResponseOf<'/api/v1/monitor', 'get'>;
export type Panel = Dashboard['phases'];
export type Trends = ResponseOf<'/api/v1/monitor/trends', 'get'>;
export type Comparison = ResponseOf<'/api/v1/monitor/comparison', 'get'>;
export type Network = ResponseOf<'/api/v1/monitor/network', 'get'>;

/** The scope form builds the query string (it is also the CSV and PDF links'); it is sent as it is. */
const asIs = (qs: string) => ({ querySerializer: () => qs });

export const useDashboard = (scope: unknown, qs: string, enabled: boolean) =>
  useQuery({ queryKey: monitorKeys.dashboard(scope), queryFn: () => call(client.GET('/api/v1/monitor', asIs(qs))), enabled });
export const useTrends = (scope: unknown, qs: string, enabled: boolean) =>
  useQuery({ queryKey: monitorKeys.trends(scope), queryFn: () => call(client.GET('/api/v1/monitor/trends', asIs(qs))), enabled });
export const useComparison = (scope: unknown, qs: string, enabled: boolean) =>
  useQuery({ queryKey: monitorKeys.comparison(scope), queryFn: () => call(client.GET('/api/v1/monitor/comparison', asIs(qs))), enabled });
export const useNetwork = (scope: unknown, qs: string, enabled: boolean) =>
  useQuery({ queryKey: monitorKeys.network(scope), queryFn: () => call(client.GET('/api/v1/monitor/network', asIs(qs))), enabled });
