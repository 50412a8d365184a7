import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coercedInt32 } from '../../../domain/numbers.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { seesFullDirectory } from '../../policy.js';
import { createDirectoryCache } from '../directory/directory-cache.js';
import { searchServices } from '../directory/search.repository.js';
import { page, presentOrganization, presentOrganizationBasic, presentService, presentServiceAtLocationBasic, presentServiceBasic } from './hsds.presenter.js';
import * as repo from './hsds.repository.js';
import { allTerms, presentTaxonomy, presentTerm, TAXONOMIES, type TaxonomyKey, taxonomyId, termById } from './hsds.taxonomy.js';

const paging = {
  page: coercedInt32().min(1).max(100_000).default(1),
  per_page: coercedInt32().min(1).max(500).default(50),
};
const idParams = z.object({ id: z.uuid() });
const TERM_COLUMN = {
  doelgroep: 'target_groups',
  fase: 'phases',
  levensdomein: 'life_domains',
  toegang: 'access_type',
  kosten: 'cost_type',
  organisatietype: 'organisation_type',
} as const;

/** Anonymous callers get the public part of the directory; signed-in staff get all of it, with named contacts. */
const visibility = (actor: Actor | null) => ({ publicOnly: !seesFullDirectory(actor) });

/**
 * Open Referral HSDS 3.0 read API (paths as in the HSDS OpenAPI description), mounted under /hsds/.
 * Responses validate against the HSDS 3.0 JSON schemas; hsds.test.ts checks every endpoint.
 */
export async function hsdsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const cache = createDirectoryCache<object>(db, deps.config.directory.searchCacheEntries);
  /** Listing pages are the same for everyone with the same visibility, so they are cached per query. */
  const cached = (request: { url: string; actor: Actor | null; session: { directoryGeneration: number } | null }, compute: () => Promise<object>) =>
    cache.get(`${visibility(request.actor).publicOnly}:${request.url}`, compute, request.session?.directoryGeneration);

  /** Signed-in callers get named contacts (professionals' details): every such response is access-logged, cached or not. */
  const logContacts = (actor: Actor | null, meta: RequestMeta) =>
    actor && !visibility(actor).publicOnly
      ? writeAccessLog(db, actor, meta, { eventType: 'read', objectType: 'service_contacts', purpose: 'sociale kaart (HSDS)' })
      : Promise.resolve();

  async function fullServices(ids: string[], actor: Actor | null) {
    const { publicOnly } = visibility(actor);
    const rows = await repo.servicesByIds(db, ids, publicOnly);
    const rel = await repo.serviceRelations(
      db,
      rows.map((x) => x.service.id),
      !publicOnly,
    );
    return rows.map((x) =>
      presentService(x.service, x.organisation, x.programme, {
        areas: rel.areas.filter((a) => a.serviceId === x.service.id).map((a) => a.municipality),
        sites: rel.sites.filter((s) => s.serviceId === x.service.id),
        contacts: publicOnly ? null : rel.contacts.filter((c) => c.serviceId === x.service.id).map((c) => c.person),
      }),
    );
  }

  const termFilter = (id: string | undefined) => {
    if (!id) return undefined;
    const t = termById(id);
    if (!t || t.key === 'gegevens') throw new AppError('validation_failed', [{ path: 'querystring.taxonomy_term_id', code: 'unknown_term' }]);
    return { column: TERM_COLUMN[t.key as Exclude<TaxonomyKey, 'gegevens'>], code: t.code };
  };

  r.get('/', { schema: { tags: ['hsds'], summary: 'About this HSDS API' } }, async () => ({
    version: '3.0',
    profile: 'https://docs.openreferral.org/en/latest/hsds/',
    openapi_url: `${deps.config.publicUrl}/api/openapi.json`,
  }));

  r.get(
    '/services',
    {
      schema: {
        tags: ['hsds'],
        summary: 'Services (one-to-one fields; full=true for fully nested)',
        querystring: z.object({
          ...paging,
          search: z.string().optional(),
          modified_after: z.iso.datetime({ offset: true }).optional(),
          organization_id: z.uuid().optional(),
          taxonomy_term_id: z.uuid().optional(),
          full: z.stringbool().default(false),
        }),
      },
    },
    async (request) => {
      if (request.query.full) await logContacts(request.actor, request.meta);
      return cached(request, async () => {
        const q = request.query;
        const { publicOnly } = visibility(request.actor);
        const limit = q.per_page;
        const offset = (q.page - 1) * q.per_page;
        let ids: string[];
        let total: number;
        let basics: ReturnType<typeof presentServiceBasic>[] | undefined;
        if (q.search?.trim()) {
          // Search ranks like the sociale kaart; the other filters then apply to that ranking.
          const hits = await searchServices(db, { q: q.search, publicOnly, organisationId: q.organization_id }, { limit: 5000, offset: 0 }, new Date(0));
          const visible = await repo.servicesByIds(
            db,
            hits.map((h) => h.id),
            publicOnly,
          );
          const filtered = visible.filter(
            (v) => (!q.modified_after || v.service.updatedAt >= new Date(q.modified_after)) && matchesTerm(v, termFilter(q.taxonomy_term_id)),
          );
          total = filtered.length;
          const slice = filtered.slice(offset, offset + limit);
          ids = slice.map((v) => v.service.id);
          basics = slice.map((v) => presentServiceBasic(v.service, v.organisation, v.programme));
        } else {
          const res = await repo.pageServices(
            db,
            {
              publicOnly,
              modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined,
              organisationId: q.organization_id,
              term: termFilter(q.taxonomy_term_id),
            },
            { limit, offset },
          );
          total = res.total;
          ids = res.rows.map((x) => x.service.id);
          basics = res.rows.map((x) => presentServiceBasic(x.service, x.organisation, x.programme));
        }
        return page(q.full ? await fullServices(ids, request.actor) : basics, total, q.page, q.per_page);
      });
    },
  );

  r.get('/services/:id', { schema: { tags: ['hsds'], params: idParams } }, async (request) => {
    const [s] = await fullServices([request.params.id], request.actor);
    if (!s) throw new AppError('not_found');
    await logContacts(request.actor, request.meta);
    return s;
  });

  r.get(
    '/organizations',
    { schema: { tags: ['hsds'], querystring: z.object({ ...paging, search: z.string().optional(), full: z.stringbool().default(false) }) } },
    async (request) => {
      const q = request.query;
      const { publicOnly } = visibility(request.actor);
      const res = await repo.pageOrganisations(
        db,
        { publicOnly, search: q.search?.trim() || undefined },
        { limit: q.per_page, offset: (q.page - 1) * q.per_page },
      );
      const contents = q.full
        ? await Promise.all(res.rows.map(async (o) => presentOrganization(o, await repo.organisationChildren(db, o.id, publicOnly))))
        : res.rows.map(presentOrganizationBasic);
      return page(contents, res.total, q.page, q.per_page);
    },
  );

  r.get('/organizations/:id', { schema: { tags: ['hsds'], params: idParams } }, async (request) => {
    const { publicOnly } = visibility(request.actor);
    const res = await repo.pageOrganisations(db, { publicOnly, ids: [request.params.id] }, { limit: 1, offset: 0 });
    const o = res.rows[0];
    if (!o) throw new AppError('not_found');
    return presentOrganization(o, await repo.organisationChildren(db, o.id, publicOnly));
  });

  r.get(
    '/service_at_locations',
    {
      schema: {
        tags: ['hsds'],
        querystring: z.object({
          ...paging,
          organization_id: z.uuid().optional(),
          taxonomy_term_id: z.uuid().optional(),
          modified_after: z.iso.datetime({ offset: true }).optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const { publicOnly } = visibility(request.actor);
      const rows = await repo.pageServiceAtLocations(
        db,
        {
          publicOnly,
          organisationId: q.organization_id,
          term: termFilter(q.taxonomy_term_id),
          modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined,
        },
        { limit: q.per_page, offset: (q.page - 1) * q.per_page },
      );
      return page(
        rows.map((x) => presentServiceAtLocationBasic(x.id, x.service, x.location)),
        rows.length ? Number(rows[0]!.total) : 0,
        q.page,
        q.per_page,
      );
    },
  );

  r.get('/service_at_locations/:id', { schema: { tags: ['hsds'], params: idParams } }, async (request) => {
    const { publicOnly } = visibility(request.actor);
    const [x] = await repo.pageServiceAtLocations(db, { publicOnly, id: request.params.id }, { limit: 1, offset: 0 });
    if (!x) throw new AppError('not_found');
    return presentServiceAtLocationBasic(x.id, x.service, x.location);
  });

  r.get('/taxonomies', { schema: { tags: ['hsds'], querystring: z.object(paging) } }, async (request) => {
    const all = (Object.keys(TAXONOMIES) as TaxonomyKey[]).map(presentTaxonomy);
    const { page: p, per_page: n } = request.query;
    return page(all.slice((p - 1) * n, p * n), all.length, p, n);
  });

  r.get('/taxonomies/:id', { schema: { tags: ['hsds'], params: idParams } }, async (request) => {
    const key = (Object.keys(TAXONOMIES) as TaxonomyKey[]).find((k) => taxonomyId(k) === request.params.id);
    if (!key) throw new AppError('not_found');
    return presentTaxonomy(key);
  });

  r.get(
    '/taxonomy_terms',
    { schema: { tags: ['hsds'], querystring: z.object({ ...paging, taxonomy_id: z.uuid().optional(), search: z.string().optional() }) } },
    async (request) => {
      const q = request.query;
      const needle = q.search?.trim().toLowerCase();
      const all = allTerms()
        .map((t) => presentTerm(t.key, t.code))
        .filter((t) => (!q.taxonomy_id || t.taxonomy_id === q.taxonomy_id) && (!needle || `${t.code} ${t.name}`.toLowerCase().includes(needle)));
      return page(all.slice((q.page - 1) * q.per_page, q.page * q.per_page), all.length, q.page, q.per_page);
    },
  );

  r.get('/taxonomy_terms/:id', { schema: { tags: ['hsds'], params: idParams } }, async (request) => {
    const t = termById(request.params.id);
    if (!t) throw new AppError('not_found');
    return presentTerm(t.key, t.code);
  });
}

function matchesTerm(
  v: { service: { targetGroups: string[]; phases: string[]; lifeDomains: string[]; accessType: string; costType: string }; organisation: { type: string } },
  term: repo.ServiceListFilter['term'],
): boolean {
  if (!term) return true;
  const s = v.service;
  const value = {
    target_groups: s.targetGroups,
    phases: s.phases,
    life_domains: s.lifeDomains,
    access_type: [s.accessType],
    cost_type: [s.costType],
    organisation_type: [v.organisation.type],
  }[term.column];
  return value.includes(term.code);
}
