import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export { formatDate } from '../../lib/dates';

export type HouseholdRole = 'mother' | 'partner' | 'unborn' | 'child' | 'carer' | 'other';
export interface PersonSummary {
  id: string;
  /** Another organisation recorded this person and the viewer's only relation is her registration (ADR 015). */
  restricted: boolean;
  householdId: string;
  householdRole: HouseholdRole;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  dueDate: string | null;
  deceasedOn: string | null;
}
export interface Person extends PersonSummary {
  /** What this user may do with the record, decided by the server's policy. */
  abilities: { edit: boolean; openCase: boolean; goToCase: boolean; register: boolean; asCoordinator: boolean };
  /** The household's open case: its id only where the case admits the viewer. */
  activeCase?: { id: string | null } | null;
  bsn: string | null;
  address: string | null;
  postcode: string | null;
  municipality: { id: string; name: string };
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  contactPhone: string | null;
  contactEmail: string | null;
  contactNote: string | null;
  registeredByMe: boolean;
  version: number;
}
export interface Candidate {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  dueDate: string | null;
  postcode: string | null;
  municipalityName?: string;
}
export interface Registration {
  id: string;
  personId: string;
  startDate: string;
  endDate: string;
  active: boolean;
  endedAt: string | null;
  endReason: string | null;
  informedAt: string | null;
  informedWhom: string[] | null;
  informedHow: string | null;
  createdAt: string;
}
export interface Contact {
  userId: string;
  name: string;
  organisationName: string;
  jobTitle: string | null;
  phone: string | null;
  email: string;
}
export interface MyMatch {
  id: string;
  createdAt: string;
  centralContactUserId: string | null;
  followedUpAt: string | null;
  version: number;
  myRegistrationId: string;
  person: PersonSummary | null;
  samePerson: boolean;
  other: Contact;
}
export interface SignalListItem {
  id: string;
  createdAt: string;
  vulnerabilityLevel: string;
  safetyConcern: boolean;
  consentToShare: boolean;
  toHub: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  decision: string | null;
  decidedAt: string | null;
  version: number;
  person: PersonSummary;
  signallerName: string | null;
}
export interface Signal extends Omit<SignalListItem, 'person' | 'signallerName'> {
  personId: string;
  lifeDomains: string[];
  riskCategories: string[];
  riskFactors: string[];
  riskFactorsNote: string | null;
  protectiveFactors: string[];
  protectiveFactorsNote: string | null;
  clientView: string;
  discussedWithFamily: boolean;
  notDiscussedReason: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
}
export interface SignalDetail extends Signal {
  person: PersonSummary;
  signaller: Contact | null;
  /** Acknowledging and deciding: the municipality's coordinator, not the signaller (the server's policy). */
  abilities: { triage: boolean };
}
export interface Factor {
  code: string;
  kind: 'risk' | 'protective';
  labelNl: string;
  labelEn: string;
  active: boolean;
}
export interface QuestionnaireDefinition {
  scale: { value: number; labelNl: string; labelEn: string }[];
  domains: { code: string; labelNl: string; labelEn: string; items: { code: string; textNl: string; textEn: string; weight: number }[] }[];
  threshold: number | null;
}
export interface Questionnaire {
  id: string;
  code: string;
  nameNl: string;
  nameEn: string;
  definition: QuestionnaireDefinition;
}
export interface QuestionnaireResponse {
  id: string;
  questionnaireId: string;
  nameNl: string;
  nameEn: string;
  definition: QuestionnaireDefinition;
  score: { total: number; max: number; domains: { code: string; score: number; max: number }[]; suggestsConsultation: boolean };
  recordedAt: string;
  mine: boolean;
}
export interface Measurement {
  id: string;
  measuredOn: string;
  scores: Record<string, number>;
  mine: boolean;
}
export interface Notification {
  id: string;
  kind: string;
  matchId: string | null;
  signalId: string | null;
  caseId: string | null;
  referralId: string | null;
  meetingId: string | null;
  createdAt: string;
  readAt: string | null;
  /** Who, what and — where the policy allows — which client; in the app only, never in mail. */
  context: { client: string | null; sender: string | null; senderOrganisation: string | null; subject: string | null; at: string | null };
}

export const personName = (p: { givenName: string; familyName: string }) => [p.givenName, p.familyName].filter(Boolean).join(' ');
export const usePerson = (id: string) =>
  useQuery({
    queryKey: ['client', id],
    queryFn: () =>
      api<{ person: Person; household: { members: PersonSummary[]; relations: { fromPersonId: string; toPersonId: string; type: string }[] } }>(
        'GET',
        `/persons/${id}`,
      ),
  });
export const useMyRegistrations = (personId?: string) =>
  useQuery({
    queryKey: ['registrations', personId ?? 'all'],
    queryFn: () =>
      api<{ items: (Registration & { person: PersonSummary })[] }>('GET', `/involvements/mine${personId ? `?personId=${personId}` : '?activeOnly=true'}`),
  });
export const useFactors = () => useQuery({ queryKey: ['factors'], queryFn: () => api<{ items: Factor[] }>('GET', '/signal-factors'), staleTime: 600_000 });
/** The notifications page: each with its context (the server logs every client it names). */
export const useNotificationList = () =>
  useQuery({ queryKey: ['notifications', 'list'], queryFn: () => api<{ unread: number; items: Notification[] }>('GET', '/notifications') });
