import type { OpeningHours } from '../../../domain/directory.js';
import { isHttpUrl } from '../../../domain/urls.js';
import type { locations, municipalities, organisations, Person as PersonRow, programmes, Service as ServiceRow } from '../../db/schema.js';
import { presentTerm, stableUuid, type TaxonomyKey } from './hsds.taxonomy.js';

type Service = ServiceRow;
type Organisation = typeof organisations.$inferSelect;
type Programme = typeof programmes.$inferSelect;
type Location = typeof locations.$inferSelect;
type Person = PersonRow;
type Municipality = typeof municipalities.$inferSelect;

/** HSDS fields are optional but typed: absent rather than null. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

const LANGUAGE_NAMES: Record<string, string> = {
  nl: 'Nederlands',
  en: 'Engels',
  de: 'Duits',
  fr: 'Frans',
  es: 'Spaans',
  pt: 'Portugees',
  pl: 'Pools',
  ro: 'Roemeens',
  bg: 'Bulgaars',
  uk: 'Oekraïens',
  ru: 'Russisch',
  tr: 'Turks',
  ar: 'Arabisch',
  ber: 'Tamazight',
  ti: 'Tigrinya',
  so: 'Somalisch',
  fa: 'Farsi',
  prs: 'Dari',
  li: 'Limburgs',
  pap: 'Papiaments',
  ngt: 'Nederlandse Gebarentaal',
};

function attribute(linkId: string, linkType: string, key: TaxonomyKey, code: string, value?: string) {
  return compact({
    id: stableUuid('attribute', linkId, key, code),
    link_id: linkId,
    link_type: linkType,
    link_entity: linkType,
    taxonomy_term_id: presentTerm(key, code).id,
    taxonomy_term: presentTerm(key, code),
    value,
  });
}

function phone(ownerField: string, ownerId: string, number: string | null) {
  return number ? [{ id: stableUuid('phone', ownerId, number), [ownerField]: ownerId, number }] : [];
}

export function presentProgram(p: Programme) {
  return { id: p.id, name: p.name, description: p.description };
}

/** Organisation with its one-to-one fields only (HSDS organization_list). */
export function presentOrganizationBasic(o: Organisation) {
  return compact({
    id: o.id,
    name: o.name,
    description: o.description ?? '',
    email: o.email ?? undefined,
    website: isHttpUrl(o.website) ? o.website : undefined,
  });
}

export function presentOrganization(
  o: Organisation,
  children?: { locations: Location[]; programmes: Programme[]; services: { id: string; name: string; status: string }[] },
) {
  const identifiers = [
    o.kvkNumber && {
      id: stableUuid('identifier', o.id, 'kvk'),
      organization_id: o.id,
      identifier_scheme: 'NL-KVK',
      identifier_type: 'KvK-nummer',
      identifier: o.kvkNumber,
    },
    o.agbCode && {
      id: stableUuid('identifier', o.id, 'agb'),
      organization_id: o.id,
      identifier_scheme: 'NL-AGB',
      identifier_type: 'AGB-code',
      identifier: o.agbCode,
    },
  ].filter(Boolean);
  return compact({
    ...presentOrganizationBasic(o),
    phones: phone('organization_id', o.id, o.phone),
    organization_identifiers: identifiers,
    attributes: [attribute(o.id, 'organization', 'organisatietype', o.type)],
    locations: children?.locations.map(presentLocation),
    programs: children?.programmes.map((p) => ({ ...presentProgram(p), organization_id: o.id })),
    // Not an HSDS field of organization, but the API description asks for the organisation's services.
    services: children?.services,
  });
}

const BYDAY: Record<OpeningHours['day'], string> = { mo: 'MO', tu: 'TU', we: 'WE', th: 'TH', fr: 'FR', sa: 'SA', su: 'SU' };

export function presentLocation(l: Location) {
  return compact({
    id: l.id,
    location_type: 'physical',
    organization_id: l.organisationId,
    name: l.name,
    addresses: [
      // HSDS requires state_province; Knooppunt does not keep provinces, so it stays empty rather than guessed.
      {
        id: stableUuid('address', l.id),
        location_id: l.id,
        address_1: l.address,
        city: l.city,
        state_province: '',
        postal_code: l.postcode,
        country: 'NL',
        address_type: 'physical',
      },
    ],
    schedules: l.openingHours.map((h, i) => ({
      id: stableUuid('schedule', l.id, String(i)),
      location_id: l.id,
      freq: 'WEEKLY',
      wkst: 'MO',
      byday: BYDAY[h.day],
      opens_at: h.opens,
      closes_at: h.closes,
      timezone: 1,
    })),
    accessibility: l.accessibility ? [{ id: stableUuid('accessibility', l.id), location_id: l.id, description: l.accessibility }] : [],
  });
}

/** The one-to-one fields of a service (HSDS service_list), plus its organisation and programme. */
export function presentServiceBasic(s: Service, o: Organisation, p: Programme | null) {
  return compact({
    id: s.id,
    organization_id: s.organisationId,
    program_id: s.programmeId ?? undefined,
    name: s.name,
    description: s.description,
    url: isHttpUrl(s.website) ? s.website : undefined,
    email: s.email ?? undefined,
    status: s.active ? 'active' : 'inactive',
    application_process: s.howToRefer ?? undefined,
    fees_description: s.costNote ?? undefined,
    wait_time:
      s.waitingWeeks !== null
        ? `${s.waitingWeeks} ${s.waitingWeeks === 1 ? 'week' : 'weken'}${s.waitingStatedOn ? ` (opgegeven op ${s.waitingStatedOn})` : ''}`
        : undefined,
    eligibility_description: s.eligibility ?? undefined,
    minimum_age: s.pregnancyFromWeek !== null ? 0 : s.minAgeMonths !== null ? Math.floor(s.minAgeMonths / 12) : undefined,
    maximum_age: s.maxAgeMonths !== null ? Math.ceil(s.maxAgeMonths / 12) : undefined,
    // HSDS: "the date that the information about the service was last checked" — our freshness confirmation.
    assured_date: s.lastConfirmedAt.toISOString().slice(0, 10),
    last_modified: s.updatedAt.toISOString(),
    organization: presentOrganizationBasic(o),
    program: p ? presentProgram(p) : undefined,
  });
}

function serviceAttributes(s: Service) {
  const a = (key: TaxonomyKey, code: string, value?: string) => attribute(s.id, 'service', key, code, value);
  const data: [string, string | null][] = [
    ['summary', s.summary || null],
    ['pregnancy_from_week', s.pregnancyFromWeek?.toString() ?? null],
    ['min_age_months', s.minAgeMonths?.toString() ?? null],
    ['max_age_months', s.maxAgeMonths?.toString() ?? null],
    ['waiting_weeks', s.waitingWeeks?.toString() ?? null],
    ['waiting_stated_on', s.waitingStatedOn],
    ['response_norm_working_days', s.responseNormWorkingDays?.toString() ?? null],
    ['accepts_new_clients', String(s.acceptsNewClients)],
    ['referral_include', s.referralInclude],
    ['accessibility', s.accessibility],
    ['public', String(s.isPublic)],
  ];
  return [
    ...s.targetGroups.map((c) => a('doelgroep', c)),
    ...s.phases.map((c) => a('fase', c)),
    ...s.lifeDomains.map((c) => a('levensdomein', c)),
    a('toegang', s.accessType),
    a('kosten', s.costType),
    ...data.filter(([, v]) => v !== null).map(([c, v]) => a('gegevens', c, v!)),
  ];
}

/** A fully nested HSDS 3.0 service. Named contacts only for signed-in callers. */
export function presentService(
  s: Service,
  o: Organisation,
  p: Programme | null,
  rel: { areas: Municipality[]; sites: { id: string; location: Location }[]; contacts: Person[] | null },
) {
  return compact({
    ...presentServiceBasic(s, o, p),
    organization: presentOrganization(o),
    phones: phone('service_id', s.id, s.phone),
    languages: s.languages.map((code) => ({ id: stableUuid('language', s.id, code), service_id: s.id, name: LANGUAGE_NAMES[code] ?? code, code })),
    service_areas: rel.areas.map((m) =>
      compact({
        id: stableUuid('area', s.id, m.id),
        service_id: s.id,
        name: m.name,
        extent: m.cbsCode ?? undefined,
        extent_type: m.cbsCode ? 'cbs_gemeentecode' : undefined,
      }),
    ),
    service_at_locations: rel.sites.map((x) => ({ id: x.id, service_id: s.id, location_id: x.location.id, location: presentLocation(x.location) })),
    cost_options: [
      { id: stableUuid('cost', s.id), service_id: s.id, option: presentTerm('kosten', s.costType).name, amount_description: s.costNote ?? undefined },
    ].map(compact),
    contacts: rel.contacts?.map((c) =>
      compact({ id: c.id, service_id: s.id, name: c.name, title: c.jobTitle, email: c.email ?? undefined, phones: phone('contact_id', c.id, c.phone) }),
    ),
    attributes: serviceAttributes(s),
  });
}

export function presentServiceAtLocationBasic(id: string, s: Service, l: Location) {
  return { id, service_id: s.id, location_id: l.id, location: presentLocation(l) };
}

/** The HSDS page envelope. */
export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
