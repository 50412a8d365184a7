import { createHash } from 'node:crypto';
import { ACCESS_TYPES, CARE_PHASES, COST_TYPES, LIFE_DOMAINS, TARGET_GROUPS } from '../../../domain/directory.js';
import { ORGANISATION_TYPES } from '../../../domain/organisations.js';

/**
 * Stable UUIDs (RFC 4122 version 5, SHA-1 name-based) for HSDS sub-objects we do not store as rows — phones,
 * languages, attributes, schedules — so the same record always exports with the same ids.
 */
const NAMESPACE = Buffer.from('6f0d6a8e4b1c4f3f9a7e2d5c8b1a0e93', 'hex');
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(NAMESPACE).update(parts.join('\u001f')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Dutch-specific vocabularies, published at /hsds/taxonomies; the codes are the ones the API uses. */
export const TAXONOMIES = {
  doelgroep: { name: 'Knooppunt doelgroep', description: 'Doelgroepen van de sociale kaart, met zwangerschap als eigen groep.', codes: TARGET_GROUPS },
  fase: { name: 'Knooppunt fase', description: 'Fasen van Kansrijke Start: Signaleren, Verkennen, Steun op maat.', codes: CARE_PHASES },
  levensdomein: { name: 'Knooppunt levensdomein', description: 'De zes dimensies van Positieve Gezondheid.', codes: LIFE_DOMAINS },
  toegang: { name: 'Knooppunt toegang', description: 'Vrij toegankelijk (zonder beschikking) of verwijzing nodig.', codes: ACCESS_TYPES },
  kosten: { name: 'Knooppunt kosten', description: 'Wat het aanbod het gezin kost.', codes: COST_TYPES },
  organisatietype: { name: 'Knooppunt organisatietype', description: 'Soorten ketenpartners.', codes: ORGANISATION_TYPES },
  gegevens: {
    name: 'Knooppunt gegevens',
    description: 'Velden van Knooppunt zonder eigen HSDS-veld; de waarde staat in attribute.value.',
    codes: [
      'summary',
      'pregnancy_from_week',
      'min_age_months',
      'max_age_months',
      'waiting_weeks',
      'waiting_stated_on',
      'response_norm_working_days',
      'accepts_new_clients',
      'referral_include',
      'accessibility',
      'public',
    ] as const,
  },
} as const;
export type TaxonomyKey = keyof typeof TAXONOMIES;

const TERM_LABELS: Record<string, string> = {
  pregnancy: 'Zwangerschap',
  age_0_2: '0–2 jaar',
  age_2_4: '2–4 jaar',
  age_4_7: '4–7 jaar',
  age_7_plus: '7 jaar en ouder',
  parents: 'Ouders',
  signaleren: 'Signaleren',
  verkennen: 'Verkennen',
  steun_op_maat: 'Steun op maat',
  free_access: 'Vrij toegankelijk (zonder beschikking)',
  referral_needed: 'Verwijzing of beschikking nodig',
  free: 'Gratis',
  own_contribution: 'Eigen bijdrage',
  insured: 'Via de zorgverzekering',
  paid: 'Betaald',
};

export const taxonomyId = (key: TaxonomyKey) => stableUuid('taxonomy', key);
export const termId = (key: TaxonomyKey, code: string) => stableUuid('term', key, code);

export function presentTaxonomy(key: TaxonomyKey) {
  const t = TAXONOMIES[key];
  return { id: taxonomyId(key), name: t.name, description: t.description, version: '1' };
}

export function presentTerm(key: TaxonomyKey, code: string) {
  return {
    id: termId(key, code),
    code,
    name: TERM_LABELS[code] ?? code.replaceAll('_', ' '),
    description: `${TAXONOMIES[key].name}: ${code}`,
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    language: 'nl',
  };
}

export const allTerms = () => (Object.keys(TAXONOMIES) as TaxonomyKey[]).flatMap((key) => TAXONOMIES[key].codes.map((code) => ({ key, code })));

/** Finds our term by id, for filters and imports. */
const byId = new Map(allTerms().map((t) => [termId(t.key, t.code), t]));
export const termById = (id: string) => byId.get(id) ?? null;
