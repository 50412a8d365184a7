import { eq, inArray, sql } from 'drizzle-orm';
import {
  ACCESS_TYPES,
  CARE_PHASES,
  COST_TYPES,
  LANGUAGES,
  LIFE_DOMAINS,
  normalisePostcode,
  type OpeningHours,
  serviceInputSchema,
  TARGET_GROUPS,
  toE164,
  WEEKDAYS,
} from '../../../domain/directory.js';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../domain/organisations.js';
import { isHttpUrl } from '../../../domain/urls.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db } from '../../db/client.js';
import { locations, municipalities, organisations, programmes, serviceFields, serviceLocations, serviceMunicipalities, services } from '../../db/schema.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { mayImportOverOrganisation } from '../../policy.js';
import { type RecordType, tableOf } from '../directory/directory.repository.js';
import { diffFields, recordHistory } from '../directory/versioning.js';
import { termById } from './hsds.taxonomy.js';
import { validateHsds } from './hsds.validator.js';

// Loosely typed views of validated HSDS objects: the schema check has run, these only name what we read.
interface HsdsAttribute {
  taxonomy_term_id?: string;
  taxonomy_term?: { id?: string; code?: string };
  value?: string;
}
interface HsdsLocation {
  id: string;
  name?: string;
  addresses?: { address_1: string; postal_code: string; city: string }[];
  schedules?: { byday?: string; opens_at?: string; closes_at?: string }[];
  accessibility?: { description?: string }[];
}
interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  phones?: { number: string }[];
  organization_identifiers?: { identifier_scheme?: string; identifier_type: string; identifier: string }[];
  attributes?: HsdsAttribute[];
}
interface HsdsService {
  id: string;
  name: string;
  status: string;
  organization_id?: string;
  organization?: HsdsOrganization;
  program?: { id: string; name: string; description: string };
  description?: string;
  url?: string;
  email?: string;
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  phones?: { number: string }[];
  languages?: { code?: string; name?: string }[];
  service_areas?: { name?: string; extent?: string }[];
  service_at_locations?: { id: string; location_id?: string; location?: HsdsLocation }[];
  attributes?: HsdsAttribute[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportReport = Record<'organisations' | 'programmes' | 'locations' | 'services', ImportCounts>;

const zero = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** Terms of our taxonomies found in an object's attributes, by taxonomy key. */
function terms(attrs: HsdsAttribute[] | undefined) {
  const out = new Map<string, { code: string; value?: string }[]>();
  for (const a of attrs ?? []) {
    const t = termById(a.taxonomy_term_id ?? a.taxonomy_term?.id ?? '');
    if (!t) continue; // terms of other taxonomies are not ours to interpret
    out.set(t.key, [...(out.get(t.key) ?? []), { code: t.code, value: a.value }]);
  }
  return out;
}

const DAY_OF: Record<string, OpeningHours['day']> = Object.fromEntries(WEEKDAYS.map((d) => [d.toUpperCase(), d]));

/** Splits an HSDS package into organisations and services; accepts an array of services or {organizations, services}. */
function unpack(data: unknown, errors: ErrorDetail[]) {
  const pkg = Array.isArray(data) ? { services: data } : (data as { services?: unknown; organizations?: unknown } | null);
  if (!pkg || typeof pkg !== 'object' || (!Array.isArray(pkg.services) && !Array.isArray(pkg.organizations))) {
    errors.push({ path: '', code: 'hsds_package', message: 'Expected an array of HSDS services, or an object with "services" and/or "organizations" arrays.' });
    return { services: [] as HsdsService[], organizations: [] as HsdsOrganization[] };
  }
  const check = (name: 'service' | 'organization', list: unknown, key: string) => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      errors.push({ path: key, code: 'hsds_package', message: `"${key}" must be an array.` });
      return [];
    }
    list.forEach((item, i) => {
      for (const e of validateHsds(name, item).errors)
        errors.push({ path: `${key}.${i}${e.path.replaceAll('/', '.').replace(/\.$/, '')}`, code: 'hsds_schema', message: e.message });
    });
    return list;
  };
  return {
    services: check('service', pkg.services, 'services') as HsdsService[],
    organizations: check('organization', pkg.organizations, 'organizations') as HsdsOrganization[],
  };
}

/**
 * Imports an HSDS 3.0 package into one region. Everything is checked first — the HSDS schemas, then our rules
 * (phone numbers, postcodes, municipalities, age ranges) — and nothing is written when anything is wrong.
 * A valid import is idempotent: records whose content is unchanged are left alone and counted as such.
 */
export async function importHsds(db: Db, data: unknown, o: { regionId: string; actor: Actor | null; meta: RequestMeta }): Promise<ImportReport> {
  const errors: ErrorDetail[] = [];
  const pkg = unpack(data, errors);
  if (errors.length) throw new AppError('invalid_import', errors.slice(0, 200));

  return db.transaction(async (tx) => {
    const report: ImportReport = { organisations: zero(), programmes: zero(), locations: zero(), services: zero() };
    const actorId = o.actor?.userId ?? null;
    const munis = await tx.select().from(municipalities);
    const muniByCode = new Map(munis.filter((m) => m.cbsCode).map((m) => [m.cbsCode!.toUpperCase(), m.id]));
    const muniByName = new Map(munis.map((m) => [m.name.toLowerCase(), m.id]));

    /** Updates a record when its content differs; records field history. Returns whether it changed. */
    async function upsert(
      type: RecordType,
      id: string,
      next: Record<string, unknown>,
      before: Record<string, unknown> | null,
      extra: Record<string, unknown> = {},
    ) {
      const table = tableOf[type];
      if (!before) {
        await tx.insert(table).values({ id, ...next, ...extra, lastConfirmedById: actorId } as never);
        await recordHistory(tx, type, id, 'import', diffFields({}, next), actorId);
        return 'created' as const;
      }
      const changes = diffFields(before, next);
      if (!changes.length) return 'unchanged' as const;
      await tx
        .update(table)
        .set({ ...next, version: sql`${table.version} + 1`, updatedAt: sql`now()`, lastConfirmedAt: sql`now()`, lastConfirmedById: actorId } as never)
        .where(eq(table.id, id));
      await recordHistory(tx, type, id, 'import', changes, actorId);
      return 'updated' as const;
    }

    // Organisations: from the organizations list and from services' nested organization.
    const orgInputs = new Map<string, { org: HsdsOrganization; path: string }>();
    for (const [i, org] of pkg.organizations.entries()) orgInputs.set(org.id, { org, path: `organizations.${i}` });
    pkg.services.forEach((s, i) => {
      if (s.organization && !orgInputs.has(s.organization.id)) orgInputs.set(s.organization.id, { org: s.organization, path: `services.${i}.organization` });
    });
    const existingOrgs = new Map(
      orgInputs.size
        ? (
            await tx
              .select()
              .from(organisations)
              .where(inArray(organisations.id, [...orgInputs.keys()]))
          ).map((x) => [x.id, x])
        : [],
    );
    for (const [id, { org, path }] of orgInputs) {
      const phone = org.phones?.[0]?.number;
      const e164 = phone ? toE164(phone) : null;
      if (phone && !e164) errors.push({ path: `${path}.phones.0.number`, code: 'invalid_phone' });
      // The schema's `format: uri` lets `javascript:` through; only http(s) links are kept.
      if (org.website !== undefined && !isHttpUrl(org.website)) errors.push({ path: `${path}.website`, code: 'invalid_url' });
      const before = existingOrgs.get(id);
      if (before && !mayImportOverOrganisation(o.actor, before)) errors.push({ path, code: 'organisation_out_of_scope' });
      const ids = org.organization_identifiers ?? [];
      const typeTerm = terms(org.attributes).get('organisatietype')?.[0]?.code as OrganisationType | undefined;
      const next = {
        name: org.name.trim(),
        description: org.description.trim() || null,
        email: org.email ?? null,
        website: org.website ?? null,
        phone: e164,
        kvkNumber: ids.find((x) => x.identifier_scheme === 'NL-KVK' || /kvk/i.test(x.identifier_type))?.identifier ?? null,
        agbCode: ids.find((x) => x.identifier_scheme === 'NL-AGB' || /agb/i.test(x.identifier_type))?.identifier ?? null,
        type: typeTerm && ORGANISATION_TYPES.includes(typeTerm) ? typeTerm : (before?.type ?? 'overig'),
      };
      if (!before) {
        const [sameName] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(sql`${organisations.regionId} = ${o.regionId} AND lower(${organisations.name}) = lower(${next.name})`);
        if (sameName) errors.push({ path: `${path}.name`, code: 'name_taken' });
      }
      if (errors.length) continue;
      report.organisations[await upsert('organisation', id, next, before ?? null, { regionId: o.regionId })]++;
    }

    // Programmes, matched by id, then by name.
    const programmeIds = new Map<string, string>();
    for (const s of pkg.services) {
      if (!s.program || programmeIds.has(s.program.id)) continue;
      const [byId] = await tx.select().from(programmes).where(eq(programmes.id, s.program.id));
      const [byName] = byId ? [byId] : await tx.select().from(programmes).where(sql`lower(${programmes.name}) = lower(${s.program.name})`);
      if (byName) {
        const changed = byName.description !== s.program.description;
        if (changed)
          await tx
            .update(programmes)
            .set({ description: s.program.description, version: sql`${programmes.version} + 1` })
            .where(eq(programmes.id, byName.id));
        report.programmes[changed ? 'updated' : 'unchanged']++;
        programmeIds.set(s.program.id, byName.id);
      } else {
        await tx.insert(programmes).values({ id: s.program.id, name: s.program.name, description: s.program.description });
        report.programmes.created++;
        programmeIds.set(s.program.id, s.program.id);
      }
    }

    // Services with their locations.
    const serviceIds = pkg.services.map((s) => s.id);
    const existingServices = new Map(
      serviceIds.length ? (await tx.select(serviceFields).from(services).where(inArray(services.id, serviceIds))).map((x) => [x.id, x]) : [],
    );
    const seenLocations = new Set<string>();
    for (const [i, s] of pkg.services.entries()) {
      const path = `services.${i}`;
      const orgId = s.organization?.id ?? s.organization_id;
      const [org] = orgId ? await tx.select().from(organisations).where(eq(organisations.id, orgId)) : [];
      if (!org) {
        errors.push({ path: `${path}.organization_id`, code: 'unknown_organisation' });
        continue;
      }
      const t = terms(s.attributes);
      const data = new Map((t.get('gegevens') ?? []).map((x) => [x.code, x.value ?? '']));
      const codes = <T extends string>(key: string, allowed: readonly T[]) => (t.get(key) ?? []).map((x) => x.code as T).filter((c) => allowed.includes(c));
      const num = (k: string) => (data.has(k) && data.get(k) !== '' ? Number(data.get(k)) : null);
      const municipalityIds: string[] = [];
      (s.service_areas ?? []).forEach((a, j) => {
        const id = (a.extent && muniByCode.get(a.extent.toUpperCase())) || (a.name && muniByName.get(a.name.toLowerCase()));
        if (id) municipalityIds.push(id);
        else errors.push({ path: `${path}.service_areas.${j}`, code: 'unknown_municipality' });
      });
      const languages: string[] = [];
      (s.languages ?? []).forEach((l, j) => {
        if (l.code && (LANGUAGES as readonly string[]).includes(l.code)) languages.push(l.code);
        else errors.push({ path: `${path}.languages.${j}.code`, code: 'unknown_language' });
      });
      const candidate = serviceInputSchema.safeParse({
        name: s.name,
        summary: data.get('summary') ?? '',
        description: s.description ?? '',
        eligibility: s.eligibility_description ?? null,
        programmeId: s.program ? (programmeIds.get(s.program.id) ?? null) : null,
        pregnancyFromWeek: num('pregnancy_from_week'),
        minAgeMonths: data.has('min_age_months')
          ? num('min_age_months')
          : num('pregnancy_from_week') !== null
            ? null
            : s.minimum_age !== undefined
              ? s.minimum_age * 12
              : null,
        maxAgeMonths: data.has('max_age_months') ? num('max_age_months') : s.maximum_age !== undefined ? s.maximum_age * 12 : null,
        targetGroups: codes('doelgroep', TARGET_GROUPS),
        phases: codes('fase', CARE_PHASES),
        lifeDomains: codes('levensdomein', LIFE_DOMAINS),
        languages: languages.length ? languages : ['nl'],
        costType: codes('kosten', COST_TYPES)[0] ?? 'free',
        costNote: s.fees_description ?? null,
        accessType: codes('toegang', ACCESS_TYPES)[0] ?? 'free_access',
        howToRefer: s.application_process ?? null,
        referralInclude: data.get('referral_include') ?? null,
        waitingWeeks: num('waiting_weeks'),
        waitingStatedOn: data.get('waiting_stated_on') ?? null,
        responseNormWorkingDays: num('response_norm_working_days'),
        acceptsNewClients: data.has('accepts_new_clients') ? data.get('accepts_new_clients') === 'true' : true,
        accessibility: data.get('accessibility') ?? null,
        phone: s.phones?.[0]?.number ?? null,
        email: s.email ?? null,
        website: s.url ?? null,
        isPublic: data.get('public') === 'true',
        active: s.status === 'active',
        municipalityIds,
      });
      if (!candidate.success) {
        for (const issue of candidate.error.issues)
          errors.push({ path: `${path}.${issue.path.join('.')}`, code: /^[a-z_]+$/.test(issue.message) ? issue.message : issue.code });
        continue;
      }
      const { municipalityIds: areas, locationIds: _l, contactIds: _c, ...columns } = candidate.data;

      // Locations of this service (their own records; service_at_location ids are kept).
      const sites: { id: string; locationId: string }[] = [];
      for (const [j, sal] of (s.service_at_locations ?? []).entries()) {
        const loc = sal.location;
        const locationId = sal.location_id ?? loc?.id;
        if (!locationId) {
          errors.push({ path: `${path}.service_at_locations.${j}.location_id`, code: 'required' });
          continue;
        }
        sites.push({ id: sal.id, locationId });
        const [taken] = await tx.select({ serviceId: serviceLocations.serviceId }).from(serviceLocations).where(eq(serviceLocations.id, sal.id));
        if (taken && taken.serviceId !== s.id) errors.push({ path: `${path}.service_at_locations.${j}.id`, code: 'id_in_use' });
        if (!loc) {
          const [known] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.id, locationId));
          if (!known && !seenLocations.has(locationId)) errors.push({ path: `${path}.service_at_locations.${j}.location_id`, code: 'unknown_location' });
          continue;
        }
        if (seenLocations.has(loc.id)) continue;
        seenLocations.add(loc.id);
        const addr = loc.addresses?.[0];
        const postcode = addr ? normalisePostcode(addr.postal_code) : null;
        if (!addr || !postcode) {
          errors.push({ path: `${path}.service_at_locations.${j}.location.addresses.0.postal_code`, code: 'invalid_postcode' });
          continue;
        }
        const hours = (loc.schedules ?? [])
          .filter((h) => h.byday && DAY_OF[h.byday] && h.opens_at && h.closes_at)
          .map((h) => ({ day: DAY_OF[h.byday!]!, opens: h.opens_at!.slice(0, 5), closes: h.closes_at!.slice(0, 5) }));
        const [before] = await tx.select().from(locations).where(eq(locations.id, loc.id));
        const next = {
          name: loc.name ?? addr.address_1,
          address: addr.address_1,
          postcode,
          city: addr.city,
          openingHours: hours,
          accessibility: loc.accessibility?.[0]?.description ?? null,
        };
        if (!errors.length)
          report.locations[
            await upsert('location', loc.id, next, before ?? null, {
              organisationId: org.id,
              municipalityId: before?.municipalityId ?? muniByName.get(addr.city.toLowerCase()) ?? null,
            })
          ]++;
      }
      if (errors.length) continue;

      const before = existingServices.get(s.id) ?? null;
      const beforeAreas = before
        ? (await tx.select({ id: serviceMunicipalities.municipalityId }).from(serviceMunicipalities).where(eq(serviceMunicipalities.serviceId, s.id)))
            .map((r) => r.id)
            .sort()
        : [];
      const beforeSites = before
        ? (
            await tx
              .select({ id: serviceLocations.id, locationId: serviceLocations.locationId })
              .from(serviceLocations)
              .where(eq(serviceLocations.serviceId, s.id))
          )
            .map((r) => `${r.id}:${r.locationId}`)
            .sort()
        : [];
      const next = { ...columns, organisationId: org.id, municipalityIds: [...areas].sort(), sites: sites.map((x) => `${x.id}:${x.locationId}`).sort() };
      const changes = diffFields(before ? { ...before, municipalityIds: beforeAreas, sites: beforeSites } : {}, next);
      if (before && !changes.length) {
        report.services.unchanged++;
        continue;
      }
      if (before) {
        await tx
          .update(services)
          .set({
            ...columns,
            organisationId: org.id,
            version: sql`${services.version} + 1`,
            updatedAt: sql`now()`,
            lastConfirmedAt: sql`now()`,
            lastConfirmedById: actorId,
          })
          .where(eq(services.id, s.id));
      } else {
        await tx.insert(services).values({
          id: s.id,
          ...columns,
          organisationId: org.id,
          lastConfirmedById: actorId,
          ...(s.assured_date && !Number.isNaN(Date.parse(s.assured_date)) ? { lastConfirmedAt: new Date(s.assured_date) } : {}),
        });
      }
      await tx.delete(serviceMunicipalities).where(eq(serviceMunicipalities.serviceId, s.id));
      if (areas.length) await tx.insert(serviceMunicipalities).values(areas.map((municipalityId) => ({ serviceId: s.id, municipalityId })));
      await tx.delete(serviceLocations).where(eq(serviceLocations.serviceId, s.id));
      if (sites.length) await tx.insert(serviceLocations).values(sites.map((x) => ({ id: x.id, serviceId: s.id, locationId: x.locationId })));
      await recordHistory(tx, 'service', s.id, 'import', changes, actorId);
      report.services[before ? 'updated' : 'created']++;
    }

    // Nothing is written unless everything is valid: the transaction rolls back with the error list.
    if (errors.length) throw new AppError('invalid_import', errors.slice(0, 200));
    await writeAccessLog(tx, o.actor, o.meta, { eventType: 'create', objectType: 'hsds_import', purpose: 'sociale kaart: import' });
    return report;
  });
}
