import { z } from 'zod';
import { LIFE_DOMAINS } from '../../../domain/directory.js';
import { int32 } from '../../../domain/numbers.js';
import { SIGNAL_DECISIONS, VULNERABILITY_LEVELS } from '../../../domain/persons.js';
import { RISK_CATEGORIES } from '../../../domain/signals.js';
import { personSummarySchema, presentPersonSummary } from '../families/families.presenter.js';
import type { PersonRow } from '../families/families.repository.js';
import { type ContactRow, contactSchema, presentContact } from '../involvement/involvement.presenter.js';
import type { FactorRow, SignalRow } from './signals.repository.js';

const ts = z.iso.datetime({ offset: true });
export const factorSchema = z.object({
  code: z.string(),
  kind: z.enum(['risk', 'protective']),
  labelNl: z.string(),
  labelEn: z.string(),
  active: z.boolean(),
  sortOrder: int32(),
  version: int32(),
});
export const presentFactor = (f: FactorRow): z.infer<typeof factorSchema> => ({ ...f, kind: f.kind as 'risk' | 'protective' });

/** The triage status everyone involved may see: received when and by whom, decided what and when. */
const statusFields = {
  id: z.uuid(),
  createdAt: ts,
  vulnerabilityLevel: z.enum(VULNERABILITY_LEVELS),
  safetyConcern: z.boolean(),
  consentToShare: z.boolean(),
  toHub: z.boolean(),
  acknowledgedAt: ts.nullable(),
  acknowledgedBy: z.string().nullable(),
  decision: z.enum(SIGNAL_DECISIONS).nullable(),
  decidedAt: ts.nullable(),
  version: int32(),
};
export const signalListItemSchema = z.object({ ...statusFields, person: personSummarySchema, signallerName: z.string().nullable() });
export const signalSchema = z.object({
  ...statusFields,
  personId: z.uuid(),
  lifeDomains: z.array(z.enum(LIFE_DOMAINS)),
  riskCategories: z.array(z.enum(RISK_CATEGORIES)),
  riskFactors: z.array(z.string()),
  riskFactorsNote: z.string().nullable(),
  protectiveFactors: z.array(z.string()),
  protectiveFactorsNote: z.string().nullable(),
  clientView: z.string(),
  discussedWithFamily: z.boolean(),
  notDiscussedReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export const signalDetailSchema = signalSchema.extend({
  person: personSummarySchema,
  signaller: contactSchema.nullable(),
  /** What the viewer may do with it (policy.mayTriageSignal): acknowledge and decide. */
  abilities: z.object({ triage: z.boolean() }),
});

function status(s: SignalRow, names: Map<string, string>) {
  return {
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    vulnerabilityLevel: s.vulnerabilityLevel,
    safetyConcern: s.safetyConcern,
    consentToShare: s.consentToShare,
    toHub: s.toHub,
    acknowledgedAt: s.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: s.acknowledgedById ? (names.get(s.acknowledgedById) ?? null) : null,
    decision: s.decision,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    version: s.version,
  };
}

export function presentSignalListItem(r: { signal: SignalRow; person: PersonRow }, names: Map<string, string>) {
  return { ...status(r.signal, names), person: presentPersonSummary(r.person), signallerName: names.get(r.signal.signallerId) ?? null };
}

export function presentSignal(s: SignalRow, names: Map<string, string>): z.infer<typeof signalSchema> {
  return {
    ...status(s, names),
    personId: s.personId,
    lifeDomains: s.lifeDomains as z.infer<typeof signalSchema>['lifeDomains'],
    riskCategories: s.riskCategories as z.infer<typeof signalSchema>['riskCategories'],
    riskFactors: s.riskFactors,
    riskFactorsNote: s.riskFactorsNote,
    protectiveFactors: s.protectiveFactors,
    protectiveFactorsNote: s.protectiveFactorsNote,
    clientView: s.clientView,
    discussedWithFamily: s.discussedWithFamily,
    notDiscussedReason: s.notDiscussedReason,
    decisionNote: s.decisionNote,
    decidedBy: s.decidedById ? (names.get(s.decidedById) ?? null) : null,
  };
}

export function presentSignalDetail(d: { signal: SignalRow; person: PersonRow; signaller: ContactRow | null; names: Map<string, string>; triage: boolean }) {
  return {
    ...presentSignal(d.signal, d.names),
    person: presentPersonSummary(d.person),
    signaller: d.signaller ? presentContact(d.signaller) : null,
    abilities: { triage: d.triage },
  };
}
