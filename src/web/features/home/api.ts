import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** How much work waits, per queue: `GET /me/work/counts` (no personal data; the navigation's badges). */
export interface WorkCounts {
  intake: number;
  unfollowedMatches: number;
  emergencyReviews: number;
  proposals: number;
  overdueActions: number;
  incoming: number;
  incomingOverdue: number;
  declined: number;
  overdueOutgoing: number;
  meetingsThisWeek: number;
  matches: number;
  unreadNotifications: number;
}

interface Item {
  id: string;
  /** The client where the server's policy lets this user see her; null otherwise. */
  client: string | null;
  /** Where the item is handled. */
  link: string;
}

/** `GET /me/work`: the counts and the most urgent items of every queue. */
export interface WorkOverview {
  counts: WorkCounts;
  intake: (Item & { vulnerabilityLevel: string; safetyConcern: boolean; createdAt: string })[];
  proposals: (Item & { caseId: string; kind: 'case' | 'process'; proposedAt: string })[];
  overdueActions: (Item & { caseId: string; what: string | null; dueDate: string })[];
  incoming: (Item & { serviceName: string; status: string; urgency: string; dueOn: string; overdue: boolean; workingDaysLeft: number })[];
  declined: (Item & { caseId: string; serviceName: string; organisationName: string; declineReason: string; declinedAt: string })[];
  overdueOutgoing: (Item & { caseId: string; serviceName: string; organisationName: string; dueOn: string })[];
  meetingsThisWeek: { id: string; tableName: string; startsAt: string; endsAt: string; place: string; link: string }[];
  matches: (Item & { otherName: string; otherOrganisation: string; createdAt: string })[];
}

export const workKeys = {
  all: ['work'] as const,
  counts: () => [...workKeys.all, 'counts'] as const,
  overview: () => [...workKeys.all, 'overview'] as const,
};

/** The badges: refreshed every minute while the app is open, so a new referral shows without a reload. */
export function useWorkCounts(enabled: boolean) {
  return useQuery({
    queryKey: workKeys.counts(),
    queryFn: () => api<WorkCounts>('GET', '/me/work/counts'),
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useWork() {
  return useQuery({ queryKey: workKeys.overview(), queryFn: () => api<WorkOverview>('GET', '/me/work') });
}
