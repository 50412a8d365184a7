import { and, asc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  directoryStats,
  locations,
  municipalities,
  organisations,
  people,
  personFields,
  programmes,
  serviceContacts,
  serviceFields,
  serviceLocations,
  serviceMunicipalities,
  services,
} from '../../db/schema.js';

export interface ServiceListFilter {
  publicOnly: boolean;
  modifiedAfter?: Date;
  organisationId?: string;
  /** Our taxonomy filter, already mapped from an HSDS taxonomy_term_id: column and code. */
  term?: { column: 'target_groups' | 'phases' | 'life_domains' | 'access_type' | 'cost_type' | 'organisation_type'; code: string };
  ids?: string[];
}

function where(f: ServiceListFilter): SQL | undefined {
  return and(
    eq(services.active, true),
    eq(organisations.active, true),
    f.publicOnly ? eq(services.isPublic, true) : undefined,
    f.modifiedAfter ? gte(services.updatedAt, f.modifiedAfter) : undefined,
    f.organisationId ? eq(services.organisationId, f.organisationId) : undefined,
    f.ids ? inArray(services.id, f.ids) : undefined,
    f.term
      ? f.term.column === 'access_type'
        ? sql`${services.accessType}::text = ${f.term.code}`
        : f.term.column === 'cost_type'
          ? sql`${services.costType}::text = ${f.term.code}`
          : f.term.column === 'organisation_type'
            ? sql`${organisations.type}::text = ${f.term.code}`
            : sql`${sql.identifier(f.term.column)} @> ARRAY[${f.term.code}]::text[]`
      : undefined,
  );
}

/**
 * One page of services with their organisation and programme, in name order, plus the total. The page's ids
 * are found first (an index-only walk over the covering listing index, checking organisations against the few
 * inactive ones), then only those rows are loaded. Without filters the total comes from directory_stats.
 */
export async function pageServices(db: DbOrTx, f: ServiceListFilter, page: { limit: number; offset: number }) {
  const term = f.term;
  const ids = await db
    .select({ id: services.id })
    .from(services)
    .where(
      and(
        eq(services.active, true),
        f.publicOnly ? eq(services.isPublic, true) : undefined,
        sql`${services.organisationId} NOT IN (SELECT id FROM organisations WHERE NOT active)`,
        f.modifiedAfter ? gte(services.updatedAt, f.modifiedAfter) : undefined,
        f.organisationId ? eq(services.organisationId, f.organisationId) : undefined,
        term
          ? term.column === 'organisation_type'
            ? sql`${services.organisationId} IN (SELECT id FROM organisations WHERE type::text = ${term.code})`
            : term.column === 'access_type' || term.column === 'cost_type'
              ? sql`${sql.identifier(term.column)}::text = ${term.code}`
              : sql`${sql.identifier(term.column)} @> ARRAY[${term.code}]::text[]`
          : undefined,
      ),
    )
    .orderBy(asc(services.name), asc(services.id))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await servicesByIds(
    db,
    ids.map((r) => r.id),
    f.publicOnly,
  );
  const unfiltered = !f.modifiedAfter && !f.organisationId && !f.term && !f.ids;
  return { rows, total: unfiltered ? await visibleServiceCount(db, f.publicOnly) : await countServices(db, f) };
}

async function countServices(db: DbOrTx, f: ServiceListFilter) {
  const [r] = await db
    .select({ n: sql<string>`count(*)` })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(where(f));
  return Number(r?.n ?? 0);
}

async function visibleServiceCount(db: DbOrTx, publicOnly: boolean) {
  const [r] = await db
    .select({ n: directoryStats.value })
    .from(directoryStats)
    .where(eq(directoryStats.key, publicOnly ? 'services_visible_public' : 'services_visible'));
  return r?.n ?? 0;
}

/** Services by id (keeping the given order), with organisation and programme. */
export async function servicesByIds(db: DbOrTx, ids: string[], publicOnly: boolean) {
  if (!ids.length) return [];
  const rows = await db
    .select({ service: serviceFields, organisation: organisations, programme: programmes })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .leftJoin(programmes, eq(programmes.id, services.programmeId))
    .where(where({ publicOnly, ids }));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.service.id)! - order.get(b.service.id)!);
}

/** Everything nested in a full HSDS service, loaded for many services at once. */
export async function serviceRelations(db: DbOrTx, serviceIds: string[], withContacts: boolean) {
  if (!serviceIds.length) return { areas: [], sites: [], contacts: [] };
  const [areas, sites, contacts] = await Promise.all([
    db
      .select({ serviceId: serviceMunicipalities.serviceId, municipality: municipalities })
      .from(serviceMunicipalities)
      .innerJoin(municipalities, eq(municipalities.id, serviceMunicipalities.municipalityId))
      .where(inArray(serviceMunicipalities.serviceId, serviceIds))
      .orderBy(asc(municipalities.name)),
    db
      .select({ id: serviceLocations.id, serviceId: serviceLocations.serviceId, location: locations })
      .from(serviceLocations)
      .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
      .where(and(inArray(serviceLocations.serviceId, serviceIds), eq(locations.active, true)))
      .orderBy(asc(locations.name)),
    withContacts
      ? db
          .select({ serviceId: serviceContacts.serviceId, person: personFields })
          .from(serviceContacts)
          .innerJoin(people, eq(people.id, serviceContacts.personId))
          .where(and(inArray(serviceContacts.serviceId, serviceIds), eq(people.active, true)))
          .orderBy(asc(people.name))
      : Promise.resolve([]),
  ]);
  return { areas, sites, contacts };
}

/** Organisations: anonymous callers only see those with at least one public service. */
export async function pageOrganisations(db: DbOrTx, f: { publicOnly: boolean; search?: string; ids?: string[] }, page: { limit: number; offset: number }) {
  const rows = await db
    .select({ organisation: organisations, total: sql<string>`count(*) OVER ()` })
    .from(organisations)
    .where(
      and(
        eq(organisations.active, true),
        f.publicOnly ? sql`EXISTS (SELECT 1 FROM services s WHERE s.organisation_id = ${organisations.id} AND s.active AND s.is_public)` : undefined,
        f.search ? sql`kp_fold(${organisations.name}) LIKE '%' || kp_fold(${f.search.slice(0, 200).replace(/[%_\\]/g, '\\$&')}) || '%'` : undefined,
        f.ids ? inArray(organisations.id, f.ids) : undefined,
      ),
    )
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map((r) => r.organisation), total: rows.length ? Number(rows[0]!.total) : 0 };
}

export async function organisationChildren(db: DbOrTx, organisationId: string, publicOnly: boolean) {
  const [locs, svcs, progs] = await Promise.all([
    db
      .select()
      .from(locations)
      .where(and(eq(locations.organisationId, organisationId), eq(locations.active, true)))
      .orderBy(asc(locations.name)),
    db
      .select({ id: services.id, name: services.name, status: sql<string>`CASE WHEN ${services.active} THEN 'active' ELSE 'inactive' END` })
      .from(services)
      .where(and(eq(services.organisationId, organisationId), eq(services.active, true), publicOnly ? eq(services.isPublic, true) : undefined))
      .orderBy(asc(services.name)),
    db
      .selectDistinct({ programme: programmes })
      .from(programmes)
      .innerJoin(services, eq(services.programmeId, programmes.id))
      .where(and(eq(services.organisationId, organisationId), eq(services.active, true))),
  ]);
  return { locations: locs, services: svcs, programmes: progs.map((p) => p.programme) };
}

/** Service-at-location rows (one per service per location) of visible services. */
export async function pageServiceAtLocations(db: DbOrTx, f: ServiceListFilter & { id?: string }, page: { limit: number; offset: number }) {
  return db
    .select({ id: serviceLocations.id, service: serviceFields, location: locations, total: sql<string>`count(*) OVER ()` })
    .from(serviceLocations)
    .innerJoin(services, eq(services.id, serviceLocations.serviceId))
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .innerJoin(locations, eq(locations.id, serviceLocations.locationId))
    .where(and(where(f), eq(locations.active, true), f.id ? eq(serviceLocations.id, f.id) : undefined))
    .orderBy(asc(services.name), asc(locations.name), asc(serviceLocations.id))
    .limit(page.limit)
    .offset(page.offset);
}
