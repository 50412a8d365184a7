import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { organisationTypeSchema } from '../../../domain/organisations.js';
import { httpUrl } from '../../../domain/urls.js';
import type { AppDeps } from '../../deps.js';
import { requireAdmin } from '../../policy.js';
import { organisationSchema, presentOrganisation } from './organisations.presenter.js';
import { createOrganisationService } from './organisations.service.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const fields = {
  name: z.string().trim().min(2).max(200),
  type: organisationTypeSchema,
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.email().max(320)])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  website: z
    .union([z.literal(''), httpUrl(500)])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
};
const idParams = z.object({ id: z.uuid() });

export async function organisationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createOrganisationService(deps.database.db);

  r.get(
    '/admin/organisations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Organisations in the admin’s regions',
        querystring: z.object({ q: z.string().max(100).optional(), includeInactive: z.stringbool().optional() }),
        response: { 200: z.object({ items: z.array(organisationSchema) }) },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      return { items: (await svc.list(actor, request.query)).map(presentOrganisation) };
    },
  );

  r.get('/admin/organisations/:id', { schema: { tags: ['admin'], params: idParams, response: { 200: organisationSchema } } }, async (request) => {
    const actor = requireAdmin(request.actor);
    return presentOrganisation(await svc.get(actor, request.params.id));
  });

  r.post(
    '/admin/organisations',
    { schema: { tags: ['admin'], body: z.object({ regionId: z.uuid(), ...fields }), response: { 201: organisationSchema } } },
    async (request, reply) => {
      const actor = requireAdmin(request.actor);
      const b = request.body;
      const org = await svc.create(actor, { ...b, phone: b.phone ?? null, email: b.email ?? null, website: b.website ?? null }, request.meta);
      reply.status(201);
      return presentOrganisation(org);
    },
  );

  r.patch(
    '/admin/organisations/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Edit or (de)activate an organisation; `version` must be the one you read',
        params: idParams,
        body: z.object({
          version: int32().min(1),
          regionId: z.uuid().optional(),
          active: z.boolean().optional(),
          ...z.object(fields).partial().shape,
        }),
        response: { 200: organisationSchema },
      },
    },
    async (request) => {
      const actor = requireAdmin(request.actor);
      const { version, ...patch } = request.body;
      return presentOrganisation(await svc.update(actor, request.params.id, version, patch, request.meta));
    },
  );
}
