import { useQuery } from '@tanstack/react-query';
import type { CasePhase } from '../../../domain/cases';
import type { PlanContent, PlanDiff } from '../../../domain/family-plan';
import { api } from '../../lib/api';
import type { Contact } from '../families/api';

export type { CasePhase, PlanContent, PlanDiff };
export type ConsentState = 'given' | 'refused' | 'withdrawn' | 'expired' | 'none';
export type CaseAction = 'direct' | 'refer' | 'recordConsent' | 'confirmConsent' | 'nameProcessDirector' | 'changePhase' | 'addNote';
export type CaseDenialReason = 'case_closed' | 'not_director' | 'no_consent' | 'not_in_care_team' | 'coordinator_only';
export interface ConsentOrganisation {
  id: string;
  name: string;
  inCareTeam: boolean;
}

export interface PlanVersion {
  number: number;
  status: 'draft' | 'adopted';
  adoptedAt: string | null;
  parentsAgreed: boolean | null;
  parentsPresent: boolean | null;
  version: number;
  updatedAt: string;
  content: PlanContent;
}
export interface CareTeamMember {
  /** Null for a member known only by her smoelenboek card (hasAccount false); the generated client types it so. */
  userId: string;
  personId?: string | null;
  hasAccount?: boolean;
  name: string;
  organisationId: string;
  organisationName: string;
  jobTitle: string | null;
  phone: string | null;
  email: string;
  roleInCase: string;
  source: string;
  since: string;
  consent: ConsentState;
}
export interface Director {
  id: string;
  userId: string;
  name: string;
  kind: 'case' | 'process';
  status: 'proposed' | 'current' | 'declined' | 'withdrawn' | 'ended';
  proposedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  note: string | null;
}
export interface Consent {
  id: string;
  givenByPersonId: string;
  givenByName: string;
  organisationId: string;
  organisationName: string;
  userId: string | null;
  userName: string | null;
  purpose: 'case_discussion' | 'share_plan' | 'referral';
  purposeDetail: string | null;
  decision: 'given' | 'refused' | 'withdrawn';
  currentState: ConsentState;
  isLatest: boolean;
  validFrom: string;
  validUntil: string | null;
  how: string;
  hasForm: boolean;
  note: string | null;
  recordedAt: string;
  /** Names its recorder's own organisation and waits for someone else's confirmation: it does not count yet. */
  pending: boolean;
  mayConfirm: boolean;
}
export interface CaseEvent {
  id: string;
  kind: string;
  at: string;
  actorName: string | null;
  data: Record<string, unknown>;
}
export interface EmergencyGrant {
  id: string;
  userId: string;
  name: string;
  organisationName: string | null;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  review: 'approved' | 'improper' | null;
  reviewNote: string | null;
  reviewedAt: string | null;
}
export interface CasePage {
  id: string;
  phase: CasePhase;
  municipalityId: string;
  createdAt: string;
  updatedAt: string;
  phaseChangedAt: string;
  version: number;
  closeReason: string | null;
  evaluationNote: string | null;
  closedAt: string | null;
  withoutDirectorSince: string | null;
  regieEscalatedAt: string | null;
  client: { id: string; name: string };
  access: { level: 'content' | 'plan' | 'existence'; basis: 'coordinator' | 'care_team' | 'emergency' };
  role: 'coordinator' | 'case_director' | 'care_team';
  /** What this user may do with the case, decided by the server's policy. */
  abilities: { direct: boolean; refer: boolean; recordConsent: boolean; confirmConsent: boolean; reviewEmergency: boolean; nameProcessDirector: boolean };
  /** Why an action is not offered (the server's policy), to be said where the action would be. */
  abilityReasons: Partial<Record<CaseAction, CaseDenialReason>>;
  allowedTransitions: CasePhase[];
  director: Contact | null;
  plan: { current: PlanVersion | null; draft: PlanVersion | null; versions: Omit<PlanVersion, 'content'>[] } | null;
  content: {
    careTeam: CareTeamMember[];
    directors: Director[];
    consents: Consent[];
    household: { id: string; name: string; role: string; dateOfBirth: string | null }[];
    timeline: CaseEvent[];
    emergency: EmergencyGrant[];
  } | null;
}
export interface MyCase {
  id: string;
  phase: CasePhase;
  clientName: string;
  municipalityName: string;
  roleInCase: string;
  since: string;
  updatedAt: string;
  isDirector: boolean;
  directorName: string | null;
  proposal: { id: string; kind: 'case' | 'process' } | null;
  nextStep: 'answer_regie_proposal' | 'overdue_actions' | 'draft_plan' | 'open_actions' | 'none';
  myActions: { id: string; what: string; dueDate: string | null; status: string; overdue: boolean }[];
  overdueCount: number;
}
export interface Board {
  counts: {
    phases: Record<CasePhase, number>;
    withoutDirector: number;
    escalated: number;
    intake: number;
    unfollowedMatches: number;
    emergencyToReview: number;
  };
  items: {
    id: string;
    phase: CasePhase;
    municipalityName: string;
    clientName: string;
    directorName: string | null;
    withoutDirectorSince: string | null;
    regieEscalatedAt: string | null;
    teamSize: number;
    updatedAt: string;
  }[];
}
export interface Candidate {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

/** The query keys of this feature: everything about one case lives under caseKeys.one(id), refreshed together. */
export const caseKeys = {
  one: (id: string) => ['case', id] as const,
  plan: (id: string, n: number) => ['case', id, 'plan', n] as const,
  timeline: (id: string, kind: string) => ['case', id, 'timeline', kind] as const,
  candidates: (id: string, q: string) => ['case', id, 'candidates', q] as const,
  consentOrganisations: (id: string, q: string) => ['case', id, 'consent-organisations', q] as const,
};

export const useCase = (id: string) => useQuery({ queryKey: caseKeys.one(id), queryFn: () => api<CasePage>('GET', `/cases/${id}`) });
/** Organisations consent can name: the care team's, and by name any of the region (the sociale kaart). */
export const useConsentOrganisations = (id: string, q: string) =>
  useQuery({
    queryKey: caseKeys.consentOrganisations(id, q),
    queryFn: () => api<{ items: ConsentOrganisation[] }>('GET', `/cases/${id}/consent-organisations${q ? `?q=${encodeURIComponent(q)}` : ''}`),
    select: (r) => r.items,
  });
export const useMyCases = () => useQuery({ queryKey: ['cases', 'mine'], queryFn: () => api<{ items: MyCase[] }>('GET', '/cases/mine') });
export const usePlanVersion = (id: string, n: number) =>
  useQuery({ queryKey: caseKeys.plan(id, n), queryFn: () => api<PlanVersion>('GET', `/cases/${id}/plans/${n}`), enabled: n > 0 });
