import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  locations,
  municipalities,
  organisations,
  type Person,
  people,
  personFields,
  personMunicipalities,
  personPhotos,
  programmes,
  recordChanges,
  type Service,
  serviceContacts,
  serviceFields,
  serviceLocations,
  serviceMunicipalities,
  services,
  users,
} from '../../db/schema.js';

export type ServiceRow = Service;
export type LocationRow = typeof locations.$inferSelect;
export type PersonRow = Person;
export type OrganisationRow = typeof organisations.$inferSelect;
export type ProgrammeRow = typeof programmes.$inferSelect;

export const RECORD_TYPES = ['organisation', 'service', 'location', 'person'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const tableOf = { organisation: organisations, service: services, location: locations, person: people } as const;

export async function findOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

export async function findService(db: DbOrTx, id: string) {
  const [row] = await db.select(serviceFields).from(services).where(eq(services.id, id));
  return row ?? null;
}

export async function findLocation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(locations).where(eq(locations.id, id));
  return row ?? null;
}

export async function findPerson(db: DbOrTx, id: string) {
  const [row] = await db.select(personFields).from(people).where(eq(people.id, id));
  return row ?? null;
}

export async function findPersonByUser(db: DbOrTx, userId: string) {
  const [row] = await db.select(personFields).from(people).where(eq(people.userId, userId));
  return row ?? null;
}

export async function serviceMunicipalityIds(db: DbOrTx, serviceId: string) {
  const rows = await db.select({ id: serviceMunicipalities.municipalityId }).from(serviceMunicipalities).where(eq(serviceMunicipalities.serviceId, serviceId));
  return rows.map((r) => r.id).sort();
}

export async function serviceLocationIds(db: DbOrTx, serviceId: string) {
  const rows = await db.select({ id: serviceLocations.locationId }).from(serviceLocations).where(eq(serviceLocations.serviceId, serviceId));
  return rows.map((r) => r.id).sort();
}

export async function serviceContactIds(db: DbOrTx, serviceId: string) {
  const rows = await db.select({ id: serviceContacts.personId }).from(serviceContacts).where(eq(serviceContacts.serviceId, serviceId));
  return rows.map((r) => r.id).sort();
}

export async function personMunicipalityIds(db: DbOrTx, personId: string) {
  const rows = await db.select({ id: personMunicipalities.municipalityId }).from(personMunicipalities).where(eq(personMunicipalities.personId, personId));
  return rows.map((r) => r.id).sort();
}

export async function setServiceMunicipalities(db: DbOrTx, serviceId: string, ids: string[]) {
  await db.delete(serviceMunicipalities).where(eq(serviceMunicipalities.serviceId, serviceId));
  if (ids.length) await db.insert(serviceMunicipalities).values(ids.map((municipalityId) => ({ serviceId, municipalityId })));
}

/** Keeps existing service_at_location rows (their ids are published in HSDS) and only adds or removes links. */
export async function setServiceLocations(db: DbOrTx, serviceId: string, ids: string[]) {
  const current = await serviceLocationIds(db, serviceId);
  const gone = current.filter((id) => !ids.includes(id));
  if (gone.length) await db.delete(serviceLocations).where(and(eq(serviceLocations.serviceId, serviceId), inArray(serviceLocations.locationId, gone)));
  const added = ids.filter((id) => !current.includes(id));
  if (added.length) await db.insert(serviceLocations).values(added.map((locationId) => ({ serviceId, locationId })));
}

export async function setServiceContacts(db: DbOrTx, serviceId: string, ids: string[]) {
  await db.delete(serviceContacts).where(eq(serviceContacts.serviceId, serviceId));
  if (ids.length) await db.insert(serviceContacts).values(ids.map((personId) => ({ serviceId, personId })));
}

export async function setPersonMunicipalities(db: DbOrTx, personId: string, ids: string[]) {
  await db.delete(personMunicipalities).where(eq(personMunicipalities.personId, personId));
  if (ids.length) await db.insert(personMunicipalities).values(ids.map((municipalityId) => ({ personId, municipalityId })));
}

export async function municipalitiesByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: municipalities.id, name: municipalities.name, cbsCode: municipalities.cbsCode })
    .from(municipalities)
    .where(inArray(municipalities.id, ids));
}

export async function locationsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(locations).where(inArray(locations.id, ids)).orderBy(asc(locations.name));
}

export async function peopleByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.select(personFields).from(people).where(inArray(people.id, ids)).orderBy(asc(people.name));
}

export async function findProgramme(db: DbOrTx, id: string) {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
  return row ?? null;
}

/** Programmes with the organisations that deliver them (through at least one active service). */
export async function listProgrammes(db: DbOrTx) {
  const rows = await db.execute<{ id: string; name: string; description: string; website: string | null; organisations: { id: string; name: string }[] }>(sql`
    SELECT p.id, p.name, p.description, p.website,
           COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('id', o.id, 'name', o.name))
                       FROM services s JOIN organisations o ON o.id = s.organisation_id
                      WHERE s.programme_id = p.id AND s.active AND o.active), '[]'::json) AS organisations
      FROM programmes p ORDER BY p.name`);
  return rows.rows;
}

export async function listOrganisationServices(db: DbOrTx, organisationId: string) {
  return db.select(serviceFields).from(services).where(eq(services.organisationId, organisationId)).orderBy(asc(services.name));
}

export async function listOrganisationLocations(db: DbOrTx, organisationId: string) {
  return db.select().from(locations).where(eq(locations.organisationId, organisationId)).orderBy(asc(locations.name));
}

export async function listOrganisationPeople(db: DbOrTx, organisationId: string) {
  return db.select(personFields).from(people).where(eq(people.organisationId, organisationId)).orderBy(asc(people.name));
}

/** Services a person is a contact for, for their card. */
export async function servicesOfContact(db: DbOrTx, personId: string) {
  return db
    .select({ id: services.id, name: services.name })
    .from(serviceContacts)
    .innerJoin(services, eq(services.id, serviceContacts.serviceId))
    .where(and(eq(serviceContacts.personId, personId), eq(services.active, true)))
    .orderBy(asc(services.name));
}

export async function userNames(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function history(db: DbOrTx, recordType: RecordType, recordId: string) {
  return db
    .select({
      id: recordChanges.id,
      kind: recordChanges.kind,
      field: recordChanges.field,
      oldValue: recordChanges.oldValue,
      newValue: recordChanges.newValue,
      changedAt: recordChanges.changedAt,
      changedBy: users.displayName,
    })
    .from(recordChanges)
    .leftJoin(users, eq(users.id, recordChanges.changedById))
    .where(and(eq(recordChanges.recordType, recordType), eq(recordChanges.recordId, recordId)))
    .orderBy(desc(recordChanges.changedAt), desc(recordChanges.id))
    .limit(500);
}

export async function findPhoto(db: DbOrTx, personId: string) {
  const [row] = await db.select().from(personPhotos).where(eq(personPhotos.personId, personId));
  return row ?? null;
}

export async function savePhoto(db: DbOrTx, personId: string, image: Buffer) {
  await db
    .insert(personPhotos)
    .values({ personId, image, mimeType: 'image/jpeg' })
    .onConflictDoUpdate({ target: personPhotos.personId, set: { image, updatedAt: sql`now()` } });
}

export async function deletePhoto(db: DbOrTx, personId: string) {
  await db.delete(personPhotos).where(eq(personPhotos.personId, personId));
}

export async function listMunicipalities(db: DbOrTx) {
  return db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).orderBy(asc(municipalities.name));
}
