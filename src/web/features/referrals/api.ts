import { useQuery } from '@tanstack/react-query';
import type { PlanContent } from '../../../domain/family-plan';
import type { DeclineReason, ReferralStatus } from '../../../domain/referrals';
import { api } from '../../lib/api';

export type { DeclineReason, ReferralStatus };
// Values copied rather than imported: the domain module pulls in the holiday calendar, which the browser does not need.
export const DECLINE_REASONS: DeclineReason[] = ['no_capacity', 'not_eligible', 'referred_elsewhere', 'other'];
export const URGENCIES = ['normal', 'soon', 'urgent'] as const;
export const HANDOVER_KINDS = ['joint_visit', 'introduction_call'] as const;

export interface ReferralSummary {
  id: string;
  caseId: string;
  status: ReferralStatus;
  urgency: 'normal' | 'soon' | 'urgent';
  serviceName: string;
  organisationName: string;
  senderName: string;
  personName?: string;
  sentAt: string;
  dueOn: string;
  overdue: boolean;
  escalated: boolean;
  /** Who holds the next step: the referrer until acceptance and again after a decline; the receiver in between. */
  responsible: 'sender' | 'receiver' | 'nobody';
  awaitingAnswer: boolean;
  /** Working days to the due day while an answer is awaited (negative: late). */
  workingDaysLeft: number | null;
  needsNewReferral: boolean;
  expectedStart: string | null;
  version: number;
}

export interface Referral extends ReferralSummary {
  side: 'sender' | 'receiver';
  allowed: ReferralStatus[];
  /** What this user may do with it, decided by the server's policy. */
  abilities: { changeStatus: boolean; confirmReceipt: boolean; openCase: boolean; referAgain: boolean };
  purpose: string;
  question: string;
  handover: { kind: 'joint_visit' | 'introduction_call'; at: string | null; note: string | null };
  declineReason: DeclineReason | null;
  declineNote: string | null;
  previousReferral: LinkedReferral | null;
  followUp: LinkedReferral | null;
  normWorkingDays: number;
  person: { id: string; name: string; dateOfBirth: string | null; phone: string | null };
  sender: { name: string; email: string; organisationName: string; phone: string | null };
  history: {
    id: string;
    from: ReferralStatus | null;
    to: ReferralStatus;
    actorName: string | null;
    note: string | null;
    declineReason: DeclineReason | null;
    expectedStart: string | null;
    escalated: boolean;
    at: string;
  }[];
  attachments: ({ kind: 'family_plan'; planNumber: number; adoptedAt: string | null; content: PlanContent } | { kind: 'note'; text: string; at: string })[];
  attachmentsWithheld: number;
}

export interface LinkedReferral {
  id: string;
  serviceName: string;
  status: ReferralStatus;
}

export interface IncomingBoard {
  counts: { new: number; overdue: number; waiting: number; open: number };
  page: number;
  perPage: number;
  items: ReferralSummary[];
}

export const useReferral = (id: string, enabled = true) =>
  useQuery({ queryKey: ['referral', id], queryFn: () => api<Referral>('GET', `/referrals/${id}`), enabled: enabled && Boolean(id) });
export const useCaseReferrals = (caseId: string) =>
  useQuery({ queryKey: ['case', caseId, 'referrals'], queryFn: () => api<{ items: ReferralSummary[] }>('GET', `/cases/${caseId}/referrals`) });
export const useIncoming = (view: string, page: number) =>
  useQuery({ queryKey: ['referrals', 'incoming', view, page], queryFn: () => api<IncomingBoard>('GET', `/referrals/incoming?view=${view}&page=${page}`) });
