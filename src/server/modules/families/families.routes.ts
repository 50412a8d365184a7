import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { bsnSchema, exactIdentityProblems, personInputSchema, personPatchSchema, relationTypeSchema } from '../../../domain/persons.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireCareStaff } from '../../policy.js';
import {
  duplicateSchema,
  personSchema,
  personSummarySchema,
  presentDuplicate,
  presentPerson,
  presentPersonSummary,
  relationSchema,
} from './families.presenter.js';
import { createFamilyService } from './families.service.js';

const idParams = z.object({ id: z.uuid() });
const isoDate = z.iso.date({ message: 'invalid_date' });
const tags = ['families'];

export async function familyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createFamilyService(deps);

  // POST, not GET: a BSN or a name with a birth date must never travel in a URL (proxies and browsers log URLs).
  r.post(
    '/persons/search',
    {
      schema: {
        tags,
        summary: 'Exact person search: a BSN, or family name + date of birth (or due date). Only persons you may see.',
        body: z.object({ bsn: bsnSchema.optional(), familyName: z.string().trim().max(100).optional(), date: isoDate.optional() }),
        response: { 200: z.object({ items: z.array(personSchema) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const b = request.body;
      const problems = exactIdentityProblems(b);
      if (problems.length) throw new AppError('validation_failed', problems);
      const found = await svc.search(actor, b, request.meta);
      return { items: found.map((p) => presentPerson(p, svc.vault)) };
    },
  );

  r.get(
    '/persons/duplicates',
    {
      schema: {
        tags,
        summary: 'Possible duplicate person records in the coordinator’s municipalities',
        response: {
          200: z.object({
            items: z.array(z.object({ a: duplicateSchema, b: duplicateSchema, reason: z.enum(['same_date_of_birth', 'same_due_date']) })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const pairs = await svc.duplicates(actor, request.meta);
      return { items: pairs.map((p) => ({ a: presentDuplicate(p.a), b: presentDuplicate(p.b), reason: p.reason })) };
    },
  );

  r.get(
    '/persons/:id',
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({ person: personSchema, household: z.object({ members: z.array(personSummarySchema), relations: z.array(relationSchema) }) }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const { person, members, relations } = await svc.get(actor, request.params.id, request.meta);
      return {
        person: presentPerson(person, svc.vault),
        household: {
          members: members.map(presentPersonSummary),
          relations: relations.map((x) => ({ fromPersonId: x.fromPersonId, toPersonId: x.toPersonId, type: x.type })),
        },
      };
    },
  );

  r.patch(
    '/persons/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: personPatchSchema.extend({ version: int32(), deceasedOn: isoDate.nullable().optional() }),
        response: { 200: personSummarySchema.extend({ version: int32() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const { version, ...patch } = request.body;
      const p = await svc.update(actor, request.params.id, version, patch, request.meta);
      return { ...presentPersonSummary(p), version: p.version };
    },
  );

  r.post(
    '/persons/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member (partner, unborn child, child, carer) to the household of this person',
        params: idParams,
        body: personInputSchema.extend({
          relations: z
            .array(z.object({ toPersonId: z.uuid(), type: relationTypeSchema }))
            .max(20)
            .default([]),
        }),
        response: { 201: personSummarySchema },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      const p = await svc.addMember(actor, request.params.id, request.body, request.meta);
      return reply.status(201).send(presentPersonSummary(p));
    },
  );

  r.post(
    '/persons/:id/birth',
    {
      schema: {
        tags,
        summary: 'Record the birth of an unborn child: the record becomes a child’s, with all its history',
        params: idParams,
        body: z.object({ version: int32(), dateOfBirth: isoDate, givenName: z.string().trim().max(100).default('') }),
        response: { 200: personSummarySchema.extend({ version: int32() }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const { version, ...b } = request.body;
      const p = await svc.recordBirth(actor, request.params.id, version, b, request.meta);
      return { ...presentPersonSummary(p), version: p.version };
    },
  );

  r.post(
    '/persons/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another person record into this one (coordinator of both municipalities)',
        params: idParams,
        body: z.object({ mergeId: z.uuid() }),
        response: { 200: personSummarySchema },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return presentPersonSummary(await svc.merge(actor, request.params.id, request.body.mergeId, request.meta));
    },
  );
}
