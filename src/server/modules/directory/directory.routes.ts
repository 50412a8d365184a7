import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessTypeSchema,
  carePhaseSchema,
  costTypeSchema,
  languageSchema,
  lifeDomainSchema,
  locationInputSchema,
  organisationProfileSchema,
  personCardInputSchema,
  serviceInputSchema,
  targetGroupSchema,
} from '../../../domain/directory.js';
import { coercedInt32, int32 } from '../../../domain/numbers.js';
import { organisationTypeSchema } from '../../../domain/organisations.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireStaff } from '../../policy.js';
import {
  directoryAbilitiesSchema,
  historyEntrySchema,
  locationSchema,
  organisationProfileOutSchema,
  personCardSchema,
  personHitSchema,
  presentHistory,
  presentLocation,
  presentPerson,
  presentPersonHit,
  presentServiceDetail,
  presentServiceHit,
  serviceDetailSchema,
  serviceHitSchema,
} from './directory.presenter.js';
import { RECORD_TYPES } from './directory.repository.js';
import { createDirectoryService } from './directory.service.js';
import { servicesCsv } from './export.js';
import { confirmWithToken, describeToken } from './freshness.js';
import { MAX_PHOTO_BYTES } from './photos.js';
import { synonymRoutes } from './synonyms.routes.js';

/** A query parameter that may be given once or repeated (`?phase=a&phase=b`). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(50).optional());

// Search text is never refused: anything is accepted and cut to a sane length by the search itself.
const serviceQuery = z.object({
  q: z.string().optional(),
  municipalityId: many(z.uuid()),
  targetGroup: many(targetGroupSchema),
  phase: many(carePhaseSchema),
  lifeDomain: many(lifeDomainSchema),
  organisationType: many(organisationTypeSchema),
  language: many(languageSchema),
  costType: many(costTypeSchema),
  accessType: accessTypeSchema.optional(),
  acceptsNewClients: z.stringbool().optional(),
  programmeId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  page: coercedInt32().min(1).max(10_000).default(1),
  perPage: coercedInt32().min(1).max(500).default(20),
});
type ServiceQuery = z.infer<typeof serviceQuery>;
const toServiceFilters = (q: ServiceQuery) => ({
  q: q.q,
  municipalityIds: q.municipalityId,
  targetGroups: q.targetGroup,
  phases: q.phase,
  lifeDomains: q.lifeDomain,
  organisationTypes: q.organisationType,
  languages: q.language,
  costTypes: q.costType,
  accessType: q.accessType,
  acceptsNewClients: q.acceptsNewClients,
  programmeId: q.programmeId,
  organisationId: q.organisationId,
});
const pageOf = (q: { page: number; perPage: number }) => ({ limit: q.perPage, offset: (q.page - 1) * q.perPage });

const idParams = z.object({ id: z.uuid() });
const typeParams = z.object({ type: z.enum(RECORD_TYPES), id: z.uuid() });
const versioned = <T extends z.ZodType>(s: T) => z.intersection(s, z.object({ version: int32().min(1) }));
const serviceResults = z.object({ items: z.array(serviceHitSchema), total: z.number(), page: z.number(), perPage: z.number() });

export async function directoryRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createDirectoryService(deps.database.db, deps.config);
  await synonymRoutes(app, deps);

  // Photos arrive as the raw image body; the content decides whether it is an image, not this header.
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES },
    (_req, body, done) => done(null, body),
  );

  const search = async (q: ServiceQuery, publicOnly: boolean, generation?: number) => {
    const rows = await svc.searchServices({ ...toServiceFilters(q), publicOnly }, pageOf(q), generation);
    return { items: rows.map(presentServiceHit), total: rows[0]?.total ?? 0, page: q.page, perPage: q.perPage };
  };

  r.get(
    '/directory/services',
    {
      schema: {
        tags: ['directory'],
        summary: 'Search the sociale kaart (ranked, typo-tolerant)',
        querystring: serviceQuery,
        response: { 200: serviceResults },
      },
    },
    async (request) => {
      requireStaff(request.actor);
      return search(request.query, false, request.session?.directoryGeneration);
    },
  );

  r.get(
    '/public/services',
    {
      schema: {
        tags: ['public'],
        summary: 'Search the public sociale kaart (no sign-in; public services only)',
        querystring: serviceQuery,
        response: { 200: serviceResults },
      },
    },
    async (request) => search(request.query, true),
  );

  r.get(
    '/directory/services.csv',
    {
      schema: {
        tags: ['directory'],
        summary: 'The current search result as CSV (up to 5,000 rows)',
        querystring: serviceQuery.omit({ page: true, perPage: true }),
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const rows = await svc.searchServices(toServiceFilters({ ...request.query, page: 1, perPage: 5000 }), { limit: 5000, offset: 0 });
      await writeAccessLog(deps.database.db, actor, request.meta, { eventType: 'export', objectType: 'service', purpose: 'sociale kaart' });
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="sociale-kaart-${new Date().toISOString().slice(0, 10)}.csv"`);
      return servicesCsv(rows);
    },
  );

  r.get('/directory/services/:id', { schema: { tags: ['directory'], params: idParams, response: { 200: serviceDetailSchema } } }, async (request) => {
    const actor = requireStaff(request.actor);
    const detail = await svc.serviceDetail(actor, request.params.id);
    // The page names its contact persons (professionals' details), so the read is logged like a card read.
    if (detail.contacts.length)
      await writeAccessLog(deps.database.db, actor, request.meta, {
        eventType: 'read',
        objectType: 'service_contacts',
        objectId: request.params.id,
        purpose: 'sociale kaart',
      });
    return presentServiceDetail(detail, actor.userId);
  });

  r.get('/public/services/:id', { schema: { tags: ['public'], params: idParams, response: { 200: serviceDetailSchema } } }, async (request) =>
    presentServiceDetail(await svc.serviceDetail(null, request.params.id), null),
  );

  r.post(
    '/directory/organisations/:id/services',
    { schema: { tags: ['directory'], params: idParams, body: serviceInputSchema, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const row = await svc.createService(actor, request.params.id, request.body, request.meta);
      reply.status(201);
      return { id: row.id };
    },
  );

  r.put(
    '/directory/services/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Save a service; `version` must be the one you read',
        params: idParams,
        body: versioned(serviceInputSchema),
        response: { 200: serviceDetailSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { version, ...input } = request.body;
      await svc.updateService(actor, request.params.id, version, input, request.meta);
      return presentServiceDetail(await svc.serviceDetail(actor, request.params.id), actor.userId);
    },
  );

  r.get(
    '/directory/organisations/:id',
    { schema: { tags: ['directory'], params: idParams, response: { 200: organisationProfileOutSchema } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      const o = await svc.organisationOverview(actor, request.params.id);
      const stale = svc.isStale;
      return {
        id: o.org.id,
        name: o.org.name,
        type: o.org.type,
        description: o.org.description,
        phone: o.org.phone,
        email: o.org.email,
        website: o.org.website,
        kvkNumber: o.org.kvkNumber,
        agbCode: o.org.agbCode,
        version: o.org.version,
        canEdit: o.abilities.maintain,
        abilities: o.abilities,
        lastConfirmedAt: o.org.lastConfirmedAt.toISOString(),
        lastConfirmedBy: o.lastConfirmedByName,
        stale: stale(o.org),
        services: o.services.map((s) => ({
          id: s.id,
          name: s.name,
          active: s.active,
          isPublic: s.isPublic,
          lastConfirmedAt: s.lastConfirmedAt.toISOString(),
          lastConfirmedBy: null,
          stale: stale(s),
        })),
        locations: o.locations.map((l) => ({ ...presentLocation(l), stale: stale(l) })),
        people: o.people.map((p) => ({ ...presentPerson(p, actor.userId), stale: stale(p) })),
      };
    },
  );

  r.put(
    '/directory/organisations/:id',
    {
      schema: {
        tags: ['directory'],
        params: idParams,
        body: versioned(organisationProfileSchema),
        response: { 200: z.object({ id: z.uuid(), version: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { version, ...input } = request.body;
      const o = await svc.updateOrganisation(actor, request.params.id, version, input, request.meta);
      return { id: o.id, version: o.version };
    },
  );

  r.get('/directory/locations/:id', { schema: { tags: ['directory'], params: idParams, response: { 200: locationSchema } } }, async (request) => {
    requireStaff(request.actor);
    return presentLocation(await svc.locationDetail(request.params.id));
  });

  r.post(
    '/directory/organisations/:id/locations',
    { schema: { tags: ['directory'], params: idParams, body: locationInputSchema, response: { 201: locationSchema } } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      reply.status(201);
      return presentLocation(await svc.createLocation(actor, request.params.id, request.body, request.meta));
    },
  );

  r.put(
    '/directory/locations/:id',
    { schema: { tags: ['directory'], params: idParams, body: versioned(locationInputSchema), response: { 200: locationSchema } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { version, ...input } = request.body;
      return presentLocation(await svc.updateLocation(actor, request.params.id, version, input, request.meta));
    },
  );

  r.get(
    '/directory/people',
    {
      schema: {
        tags: ['directory'],
        summary: 'Search the smoelenboek',
        querystring: z.object({
          q: z.string().optional(),
          municipalityId: many(z.uuid()),
          organisationType: many(organisationTypeSchema),
          organisationId: z.uuid().optional(),
          expertise: many(z.string().max(60)),
          language: many(languageSchema),
          page: coercedInt32().min(1).max(10_000).default(1),
          perPage: coercedInt32().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(personHitSchema), total: z.number(), page: z.number(), perPage: z.number() }) },
      },
    },
    async (request) => {
      const actor = requireStaff(request.actor);
      const q = request.query;
      const rows = await svc.searchPeople(
        actor,
        {
          q: q.q,
          municipalityIds: q.municipalityId,
          organisationTypes: q.organisationType,
          organisationId: q.organisationId,
          expertise: q.expertise,
          languages: q.language,
        },
        pageOf(q),
        request.meta,
      );
      return { items: rows.map(presentPersonHit), total: rows[0]?.total ?? 0, page: q.page, perPage: q.perPage };
    },
  );

  const personOut = personCardSchema.extend({
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    municipalities: z.array(z.object({ id: z.uuid(), name: z.string() })),
    services: z.array(z.object({ id: z.uuid(), name: z.string() })),
    lastConfirmedBy: z.string().nullable(),
    stale: z.boolean(),
    /** The same as abilities.maintain; kept for clients of the first API version. */
    canEdit: z.boolean(),
    abilities: directoryAbilitiesSchema,
  });
  const showPerson = async (actor: Actor, id: string, meta: RequestMeta) => {
    const d = await svc.personDetail(actor, id, meta);
    return {
      ...presentPerson(d.person, actor.userId),
      organisation: { id: d.organisation.id, name: d.organisation.name },
      municipalities: d.municipalities.map((m) => ({ id: m.id, name: m.name })),
      services: d.services,
      lastConfirmedBy: d.lastConfirmedByName,
      stale: d.stale,
      canEdit: d.abilities.maintain,
      abilities: d.abilities,
    };
  };

  r.get('/directory/people/:id', { schema: { tags: ['directory'], params: idParams, response: { 200: personOut } } }, async (request) => {
    const actor = requireStaff(request.actor);
    return showPerson(actor, request.params.id, request.meta);
  });

  r.get(
    '/directory/me/card',
    { schema: { tags: ['directory'], summary: 'The id of my own smoelenboek card, if I have one', response: { 200: z.object({ id: z.uuid().nullable() }) } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      return { id: await svc.myCardId(actor) };
    },
  );

  r.post(
    '/directory/me/card',
    { schema: { tags: ['directory'], body: personCardInputSchema, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const p = await svc.createPerson(actor, actor.organisationId, request.body, true, request.meta);
      reply.status(201);
      return { id: p.id };
    },
  );

  r.post(
    '/directory/organisations/:id/people',
    { schema: { tags: ['directory'], params: idParams, body: personCardInputSchema, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      const p = await svc.createPerson(actor, request.params.id, request.body, false, request.meta);
      reply.status(201);
      return { id: p.id };
    },
  );

  r.put(
    '/directory/people/:id',
    { schema: { tags: ['directory'], params: idParams, body: versioned(personCardInputSchema), response: { 200: personOut } } },
    async (request) => {
      const actor = requireStaff(request.actor);
      const { version, ...input } = request.body;
      await svc.updatePerson(actor, request.params.id, version, input, request.meta);
      return showPerson(actor, request.params.id, request.meta);
    },
  );

  r.put(
    '/directory/people/:id/photo',
    {
      bodyLimit: MAX_PHOTO_BYTES,
      schema: {
        tags: ['directory'],
        summary: 'Upload a photo (JPEG, PNG or WebP, at most 2 MB) as the raw request body',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid_image');
      await svc.setPhoto(actor, request.params.id, request.body, request.meta);
      return reply.status(204).send(null);
    },
  );

  r.delete('/directory/people/:id/photo', { schema: { tags: ['directory'], params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireStaff(request.actor);
    await svc.setPhoto(actor, request.params.id, null, request.meta);
    return reply.status(204).send(null);
  });

  r.get('/directory/people/:id/photo', { schema: { tags: ['directory'], params: idParams } }, async (request, reply) => {
    requireStaff(request.actor);
    const photo = await svc.photo(request.params.id);
    // Short: lists show photos without a version in the URL, so a replaced photo must not linger for long.
    return reply.header('content-type', photo.mimeType).header('cache-control', 'private, max-age=300').send(photo.image);
  });

  r.post(
    '/directory/:type/:id/confirm',
    { schema: { tags: ['directory'], summary: '“Still correct”: confirm a record without changing it', params: typeParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireStaff(request.actor);
      await svc.confirm(actor, request.params.type, request.params.id, request.meta);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/directory/:type/:id/history',
    {
      schema: {
        tags: ['directory'],
        summary: 'Who changed which field when',
        params: typeParams,
        response: { 200: z.object({ items: z.array(historyEntrySchema) }) },
      },
    },
    async (request) => {
      requireStaff(request.actor);
      return { items: presentHistory(await svc.history(request.params.type, request.params.id)) };
    },
  );

  r.get(
    '/directory/programmes',
    {
      schema: {
        tags: ['directory'],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                description: z.string(),
                website: z.string().nullable(),
                organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await svc.listProgrammes() }),
  );

  r.get(
    '/public/municipalities',
    {
      schema: {
        tags: ['public'],
        summary: 'Municipalities, for the “municipality served” filter',
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
      },
    },
    async () => ({ items: await svc.listMunicipalities() }),
  );

  const tokenParams = z.object({ token: z.string().min(10).max(200) });
  r.get(
    '/public/confirm/:token',
    {
      schema: {
        tags: ['public'],
        summary: 'What a freshness-reminder link is about',
        params: tokenParams,
        response: {
          200: z.object({ recordType: z.enum(RECORD_TYPES), recordId: z.uuid(), name: z.string(), organisationName: z.string(), lastConfirmedAt: z.string() }),
        },
      },
    },
    async (request) => {
      const d = await describeToken(deps.database.db, request.params.token);
      return { ...d, lastConfirmedAt: d.lastConfirmedAt.toISOString() };
    },
  );

  r.post(
    '/public/confirm/:token',
    { schema: { tags: ['public'], summary: 'The one click: “still correct”', params: tokenParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await confirmWithToken(deps.database.db, request.params.token, request.meta);
      return reply.status(204).send(null);
    },
  );
}
