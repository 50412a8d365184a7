import { useQuery } from '@tanstack/react-query';
import { call, client, type ResponseOf } from '../../lib/api';

/** How much work waits, per queue: `GET /me/work/counts` (no personal data; the navigation's badges). */
export type WorkCounts = ResponseOf<'/api/v1/me/work/counts', 'get'>;
/** `GET /me/work`: the counts and the most urgent items of every queue (clients only where the policy names them). */
export type WorkOverview = ResponseOf<'/api/v1/me/work', 'get'>;

export const workKeys = {
  all: ['work'] as const,
  counts: () => [...workKeys.all, 'counts'] as const,
  overview: () => [...workKeys.all, 'overview'] as const,
};

/** The badges: refreshed every minute while the app is open, so a new referral shows without a reload. */
export function useWorkCounts(enabled: boolean) {
  return useQuery({
    queryKey: workKeys.counts(),
    queryFn: () => call(client.GET('/api/v1/me/work/counts')),
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useWork() {
  return useQuery({ queryKey: workKeys.overview(), queryFn: () => call(client.GET('/api/v1/me/work')) });
}
