import type { LocationInput, OrganisationProfileInput, PersonCardInput, ServiceInput } from '../../../domain/directory.js';
import { staleBefore as staleThreshold } from '../../../domain/directory.js';
import { writeAccessLog } from '../../audit.js';
import type { Config } from '../../config.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { locations, people, services } from '../../db/schema.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import {
  assertMayCreateOwnCard,
  assertMayMaintain,
  assertMaySeeService,
  canMaintainOrganisation,
  canMaintainPersonCard,
  organisationAbilities,
  personCardAbilities,
} from '../../policy.js';
import * as repo from './directory.repository.js';
import { createDirectoryCache } from './directory-cache.js';
import { reencodePhoto } from './photos.js';
import * as search from './search.repository.js';
import { bumpVersion, diffFields, recordHistory } from './versioning.js';

const PURPOSE = 'sociale kaart';

export function createDirectoryService(db: Db, config: Config) {
  const staleBefore = () => staleThreshold(new Date(), config.directory.staleMonths);
  const isStale = (r: { lastConfirmedAt: Date }) => r.lastConfirmedAt < staleBefore();
  const cache = createDirectoryCache<search.ServiceHit[]>(db, config.directory.searchCacheEntries);

  /** A refused edit is logged with outcome 'denied' on its own connection, so the rollback does not erase it. */
  async function deny(actor: Actor, meta: RequestMeta, objectType: string, objectId: string | null): Promise<never> {
    await writeAccessLog(db, actor, meta, { eventType: 'update', objectType, objectId, purpose: PURPOSE, outcome: 'denied' });
    assertMayMaintain(false);
    throw new AppError('forbidden');
  }

  async function organisationOr404(tx: DbOrTx, id: string) {
    const org = await repo.findOrganisation(tx, id);
    if (!org || !org.active) throw new AppError('not_found');
    return org;
  }

  /** Related ids must exist and, for locations and contacts, belong to the same organisation. */
  async function checkRelations(tx: DbOrTx, organisationId: string, input: { municipalityIds?: string[]; locationIds?: string[]; contactIds?: string[] }) {
    const details: ErrorDetail[] = [];
    const report = (field: string, ids: string[], ok: Set<string>, code: string) => {
      ids.forEach((id, i) => {
        if (!ok.has(id)) details.push({ path: `body.${field}.${i}`, code });
      });
    };
    if (input.municipalityIds?.length)
      report(
        'municipalityIds',
        input.municipalityIds,
        new Set((await repo.municipalitiesByIds(tx, input.municipalityIds)).map((m) => m.id)),
        'unknown_municipality',
      );
    if (input.locationIds?.length) {
      const own = (await repo.locationsByIds(tx, input.locationIds)).filter((l) => l.organisationId === organisationId);
      report('locationIds', input.locationIds, new Set(own.map((l) => l.id)), 'unknown_location');
    }
    if (input.contactIds?.length) {
      const own = (await repo.peopleByIds(tx, input.contactIds)).filter((p) => p.organisationId === organisationId);
      report('contactIds', input.contactIds, new Set(own.map((p) => p.id)), 'unknown_person');
    }
    if (details.length) throw new AppError('validation_failed', details);
  }

  async function checkProgramme(tx: DbOrTx, programmeId: string | null) {
    if (programmeId && !(await repo.findProgramme(tx, programmeId)))
      throw new AppError('validation_failed', [{ path: 'body.programmeId', code: 'unknown_programme' }]);
  }

  const serviceColumns = (i: ServiceInput) => {
    const { municipalityIds: _m, locationIds: _l, contactIds: _c, ...columns } = i;
    return columns;
  };
  const serviceSnapshot = async (tx: DbOrTx, s: repo.ServiceRow) => ({
    ...s,
    municipalityIds: await repo.serviceMunicipalityIds(tx, s.id),
    locationIds: await repo.serviceLocationIds(tx, s.id),
    contactIds: await repo.serviceContactIds(tx, s.id),
  });
  const sortedRelations = <T extends { municipalityIds?: string[]; locationIds?: string[]; contactIds?: string[] }>(i: T): T => ({
    ...i,
    ...(i.municipalityIds ? { municipalityIds: [...i.municipalityIds].sort() } : {}),
    ...(i.locationIds ? { locationIds: [...i.locationIds].sort() } : {}),
    ...(i.contactIds ? { contactIds: [...i.contactIds].sort() } : {}),
  });

  return {
    isStale,

    searchServices: (f: search.ServiceFilters, page: { limit: number; offset: number }, generation?: number) =>
      cache.get(
        JSON.stringify([{ ...f, q: f.q?.slice(0, search.MAX_QUERY_CHARS) }, page]),
        () => search.searchServices(db, f, page, staleBefore()),
        generation,
      ),

    /** Searching the smoelenboek reads professionals' personal details: it is access-logged. */
    async searchPeople(actor: Actor, f: search.PeopleFilters, page: { limit: number; offset: number }, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await search.searchPeople(tx, f, page, staleBefore());
        await writeAccessLog(tx, actor, meta, { eventType: 'search', objectType: 'person_card', purpose: PURPOSE });
        return rows;
      });
    },

    /** The full service page; anonymous callers only see public services of active organisations. */
    async serviceDetail(actor: Actor | null, id: string) {
      const s = await repo.findService(db, id);
      if (!s || !s.active) throw new AppError('not_found');
      const org = await organisationOr404(db, s.organisationId);
      assertMaySeeService(actor, s);
      const snap = await serviceSnapshot(db, s);
      const [municipalities, locs, contacts, programme, names] = await Promise.all([
        repo.municipalitiesByIds(db, snap.municipalityIds),
        repo.locationsByIds(db, snap.locationIds),
        actor ? repo.peopleByIds(db, snap.contactIds) : Promise.resolve([]),
        s.programmeId ? repo.findProgramme(db, s.programmeId) : Promise.resolve(null),
        repo.userNames(db, [s.lastConfirmedById]),
      ]);
      return {
        service: s,
        organisation: org,
        municipalities: municipalities.sort((a, b) => a.name.localeCompare(b.name, 'nl')),
        locations: locs.filter((l) => l.active),
        contacts: contacts.filter((p) => p.active),
        programme,
        lastConfirmedByName: s.lastConfirmedById ? (names.get(s.lastConfirmedById) ?? null) : null,
        stale: isStale(s),
        abilities: organisationAbilities(actor, org),
      };
    },

    async createService(actor: Actor, organisationId: string, input: ServiceInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const org = await organisationOr404(tx, organisationId);
        if (!canMaintainOrganisation(actor, org)) return deny(actor, meta, 'service', null);
        await checkRelations(tx, org.id, input);
        await checkProgramme(tx, input.programmeId);
        const [row] = await tx
          .insert(services)
          .values({ ...serviceColumns(input), organisationId: org.id, lastConfirmedById: actor.userId })
          .returning();
        await repo.setServiceMunicipalities(tx, row!.id, input.municipalityIds);
        await repo.setServiceLocations(tx, row!.id, input.locationIds);
        await repo.setServiceContacts(tx, row!.id, input.contactIds);
        await recordHistory(tx, 'service', row!.id, 'create', diffFields({}, sortedRelations(input)), actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'service', objectId: row!.id, purpose: PURPOSE });
        return row!;
      });
    },

    async updateService(actor: Actor, id: string, version: number, input: ServiceInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const before = await repo.findService(tx, id);
        if (!before) throw new AppError('not_found');
        const org = await organisationOr404(tx, before.organisationId);
        if (!canMaintainOrganisation(actor, org)) return deny(actor, meta, 'service', id);
        await checkRelations(tx, org.id, input);
        await checkProgramme(tx, input.programmeId);
        const changes = diffFields(await serviceSnapshot(tx, before), sortedRelations(input));
        if (!(await bumpVersion(tx, 'service', id, version, serviceColumns(input), actor.userId))) throw versionConflict(before.version);
        await repo.setServiceMunicipalities(tx, id, input.municipalityIds);
        await repo.setServiceLocations(tx, id, input.locationIds);
        await repo.setServiceContacts(tx, id, input.contactIds);
        await recordHistory(tx, 'service', id, 'update', changes, actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'service', objectId: id, purpose: PURPOSE });
        return (await repo.findService(tx, id))!;
      });
    },

    /** Everything an organisation maintains, for its maintenance page. */
    async organisationOverview(actor: Actor, id: string) {
      const org = await organisationOr404(db, id);
      const [svcs, locs, ppl, names] = await Promise.all([
        repo.listOrganisationServices(db, id),
        repo.listOrganisationLocations(db, id),
        repo.listOrganisationPeople(db, id),
        repo.userNames(db, [org.lastConfirmedById]),
      ]);
      return {
        org,
        services: svcs,
        locations: locs,
        people: ppl,
        abilities: organisationAbilities(actor, org),
        lastConfirmedByName: names.get(org.lastConfirmedById ?? '') ?? null,
      };
    },

    async updateOrganisation(actor: Actor, id: string, version: number, input: OrganisationProfileInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const before = await organisationOr404(tx, id);
        if (!canMaintainOrganisation(actor, before)) return deny(actor, meta, 'organisation', id);
        const changes = diffFields(before, input);
        if (!(await bumpVersion(tx, 'organisation', id, version, input, actor.userId))) throw versionConflict(before.version);
        await recordHistory(tx, 'organisation', id, 'update', changes, actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'organisation', objectId: id, purpose: PURPOSE });
        return (await repo.findOrganisation(tx, id))!;
      });
    },

    async locationDetail(id: string) {
      const l = await repo.findLocation(db, id);
      if (!l) throw new AppError('not_found');
      return l;
    },

    async createLocation(actor: Actor, organisationId: string, input: LocationInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const org = await organisationOr404(tx, organisationId);
        if (!canMaintainOrganisation(actor, org)) return deny(actor, meta, 'location', null);
        if (input.municipalityId) await checkRelations(tx, org.id, { municipalityIds: [input.municipalityId] });
        const [row] = await tx
          .insert(locations)
          .values({ ...input, active: input.active ?? true, organisationId: org.id, lastConfirmedById: actor.userId })
          .returning();
        await recordHistory(tx, 'location', row!.id, 'create', diffFields({}, input), actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'location', objectId: row!.id, purpose: PURPOSE });
        return row!;
      });
    },

    async updateLocation(actor: Actor, id: string, version: number, input: LocationInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const before = await repo.findLocation(tx, id);
        if (!before) throw new AppError('not_found');
        const org = await organisationOr404(tx, before.organisationId);
        if (!canMaintainOrganisation(actor, org)) return deny(actor, meta, 'location', id);
        if (input.municipalityId) await checkRelations(tx, org.id, { municipalityIds: [input.municipalityId] });
        const changes = diffFields(before, input);
        if (!(await bumpVersion(tx, 'location', id, version, input, actor.userId))) throw versionConflict(before.version);
        await recordHistory(tx, 'location', id, 'update', changes, actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'location', objectId: id, purpose: PURPOSE });
        return (await repo.findLocation(tx, id))!;
      });
    },

    /** One smoelenboek card; reading it is access-logged (professionals' personal details). */
    async personDetail(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const p = await repo.findPerson(tx, id);
        if (!p) throw new AppError('not_found');
        const org = await organisationOr404(tx, p.organisationId);
        // One transaction is one connection: its queries run one after another.
        const municipalityIds = await repo.personMunicipalityIds(tx, id);
        const svcs = await repo.servicesOfContact(tx, id);
        const names = await repo.userNames(tx, [p.lastConfirmedById]);
        await writeAccessLog(tx, actor, meta, { eventType: 'read', objectType: 'person_card', objectId: id, purpose: PURPOSE });
        return {
          person: p,
          organisation: org,
          municipalities: (await repo.municipalitiesByIds(tx, municipalityIds)).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
          services: svcs,
          lastConfirmedByName: names.get(p.lastConfirmedById ?? '') ?? null,
          stale: isStale(p),
          abilities: personCardAbilities(actor, p, org),
        };
      });
    },

    async myCardId(actor: Actor) {
      return (await repo.findPersonByUser(db, actor.userId))?.id ?? null;
    },

    /** Creates a card: for oneself (linked to one's account) or, by a maintainer, for a colleague. */
    async createPerson(actor: Actor, organisationId: string, input: PersonCardInput, own: boolean, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const org = await organisationOr404(tx, organisationId);
        if (own) {
          assertMayCreateOwnCard(actor, org);
          if (await repo.findPersonByUser(tx, actor.userId)) throw new AppError('conflict');
        } else if (!canMaintainOrganisation(actor, org)) return deny(actor, meta, 'person_card', null);
        await checkRelations(tx, org.id, { municipalityIds: input.municipalityIds });
        const { municipalityIds, ...columns } = input;
        const [row] = await tx
          .insert(people)
          .values({ ...columns, organisationId: org.id, userId: own ? actor.userId : null, lastConfirmedById: actor.userId })
          .returning();
        await repo.setPersonMunicipalities(tx, row!.id, municipalityIds);
        await recordHistory(tx, 'person', row!.id, 'create', diffFields({}, sortedRelations(input)), actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'person_card', objectId: row!.id, purpose: PURPOSE });
        return row!;
      });
    },

    async updatePerson(actor: Actor, id: string, version: number, input: PersonCardInput, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const before = await repo.findPerson(tx, id);
        if (!before) throw new AppError('not_found');
        const org = await organisationOr404(tx, before.organisationId);
        if (!canMaintainPersonCard(actor, before, org)) return deny(actor, meta, 'person_card', id);
        await checkRelations(tx, org.id, { municipalityIds: input.municipalityIds });
        const { municipalityIds, ...columns } = input;
        const changes = diffFields({ ...before, municipalityIds: await repo.personMunicipalityIds(tx, id) }, sortedRelations(input));
        if (!(await bumpVersion(tx, 'person', id, version, columns, actor.userId))) throw versionConflict(before.version);
        await repo.setPersonMunicipalities(tx, id, municipalityIds);
        await recordHistory(tx, 'person', id, 'update', changes, actor.userId);
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'person_card', objectId: id, purpose: PURPOSE });
        return (await repo.findPerson(tx, id))!;
      });
    },

    /** Replaces a card's photo with a re-encoded copy (content-checked, metadata stripped); null removes it. */
    async setPhoto(actor: Actor, id: string, upload: Buffer | null, meta: RequestMeta) {
      const image = upload ? await reencodePhoto(upload) : null;
      return db.transaction(async (tx) => {
        const p = await repo.findPerson(tx, id);
        if (!p) throw new AppError('not_found');
        const org = await organisationOr404(tx, p.organisationId);
        if (!canMaintainPersonCard(actor, p, org)) return deny(actor, meta, 'person_card', id);
        if (image) await repo.savePhoto(tx, id, image);
        else await repo.deletePhoto(tx, id);
        const now = image ? new Date() : null;
        await bumpVersion(tx, 'person', id, p.version, { photoUpdatedAt: now }, actor.userId);
        await recordHistory(
          tx,
          'person',
          id,
          'update',
          [{ field: 'photo', oldValue: p.photoUpdatedAt?.toISOString() ?? null, newValue: now?.toISOString() ?? null }],
          actor.userId,
        );
        await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'person_photo', objectId: id, purpose: PURPOSE });
      });
    },

    async photo(id: string) {
      const p = await repo.findPhoto(db, id);
      if (!p) throw new AppError('not_found');
      return p;
    },

    /** "Still correct": marks a record confirmed now, without changing it. */
    async confirm(actor: Actor, type: repo.RecordType, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const { org, record } = await loadForConfirm(tx, type, id);
        const allowed = type === 'person' ? canMaintainPersonCard(actor, record as repo.PersonRow, org) : canMaintainOrganisation(actor, org);
        if (!allowed) return deny(actor, meta, type === 'person' ? 'person_card' : type, id);
        await confirmRecord(tx, type, id, record.version, actor.userId);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'update',
          objectType: type === 'person' ? 'person_card' : type,
          objectId: id,
          purpose: 'bevestiging actualiteit',
        });
      });
    },

    async history(type: repo.RecordType, id: string) {
      await loadForConfirm(db, type, id);
      return repo.history(db, type, id);
    },

    listProgrammes: () => repo.listProgrammes(db),
    listMunicipalities: () => repo.listMunicipalities(db),
  };
}

function versionConflict(current: number) {
  return new AppError('version_conflict', [{ path: 'body.version', code: `current_${current}` }]);
}

/** Loads any directory record with its organisation; 404 when either is gone. */
export async function loadForConfirm(tx: DbOrTx, type: repo.RecordType, id: string) {
  const record =
    type === 'organisation'
      ? await repo.findOrganisation(tx, id)
      : type === 'service'
        ? await repo.findService(tx, id)
        : type === 'location'
          ? await repo.findLocation(tx, id)
          : await repo.findPerson(tx, id);
  if (!record) throw new AppError('not_found');
  const org =
    type === 'organisation' ? (record as repo.OrganisationRow) : await repo.findOrganisation(tx, (record as { organisationId: string }).organisationId);
  if (!org || !org.active) throw new AppError('not_found');
  return { org, record };
}

/** Confirms without changing content; a concurrent edit also counts as a confirmation, so no conflict here. */
export async function confirmRecord(tx: DbOrTx, type: repo.RecordType, id: string, version: number, userId: string) {
  if (!(await bumpVersion(tx, type, id, version, {}, userId))) await bumpVersion(tx, type, id, (await loadForConfirm(tx, type, id)).record.version, {}, userId);
  await recordHistory(tx, type, id, 'confirm', [], userId);
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
