import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { INFORMED_HOW, MAX_REGISTRATION_MONTHS, personInputSchema } from '../../../domain/persons.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireCareStaff } from '../../policy.js';
import { personSummarySchema, presentPersonSummary } from '../families/families.presenter.js';
import {
  coordinatorMatchSchema,
  myMatchSchema,
  presentContact,
  presentMatchBase,
  presentMyMatch,
  presentRegistration,
  registrationSchema,
} from './involvement.presenter.js';
import { createInvolvementService } from './involvement.service.js';

const idParams = z.object({ id: z.uuid() });
const isoDate = z.iso.date({ message: 'invalid_date' });
const tags = ['involvement'];

export async function involvementRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createInvolvementService(deps);

  r.post(
    '/involvements',
    {
      schema: {
        tags,
        summary: 'Register involvement with a person (no reason, no content); detects matches',
        description:
          'Give `personId` (a person you already see) or `person`: found by BSN, or by family name + date together with a matching postcode and house number (in `address`); otherwise created. ' +
          'When someone with this name and date may already be known and nothing else matches, the answer is 409 `possible_duplicate` without any detail about her: add the BSN or postcode + house number, or send `confirmNewPerson: true` (the coordinator sees the pair on the duplicates list). ' +
          'Only persons living where you work or your organisation serves (sociale kaart); elsewhere a known person answers 404 and a new one `outside_your_area`. ' +
          'Identity checks are limited per user and hour (`IDENTITY_CHECKS_PER_HOUR`, then 429) and logged with every record they touched. ' +
          'Registering the same person twice returns the existing registration (200). What the answer shows of a person another organisation recorded is restricted.',
        body: z.object({
          durationMonths: int32().min(1).max(MAX_REGISTRATION_MONTHS, { message: 'max_24_months' }),
          startDate: isoDate.nullable().optional(),
          personId: z.uuid().optional(),
          person: personInputSchema.optional(),
          confirmNewPerson: z.boolean().default(false),
        }),
        response: {
          '2xx': z.object({ registration: registrationSchema, person: personSummarySchema, personCreated: z.boolean(), matchCount: int32() }),
        },
      },
    },
    async (request, reply) => {
      const actor = requireCareStaff(request.actor);
      if (!request.body.personId === !request.body.person)
        throw new AppError('validation_failed', [{ path: 'body.person', code: 'person_or_person_id_required' }]);
      const res = await svc.register(actor, request.body, request.meta);
      return reply.status(res.created ? 201 : 200).send({
        registration: presentRegistration(res.registration),
        person: presentPersonSummary(res.person),
        personCreated: res.personCreated,
        matchCount: res.matchCount,
      });
    },
  );

  r.get(
    '/involvements/mine',
    {
      schema: {
        tags,
        querystring: z.object({ personId: z.uuid().optional(), activeOnly: z.stringbool().optional() }),
        response: { 200: z.object({ items: z.array(registrationSchema.extend({ person: personSummarySchema })) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const rows = await svc.listMine(actor, request.query, request.meta);
      return { items: rows.map((x) => ({ ...presentRegistration(x.registration), person: presentPersonSummary(x.person) })) };
    },
  );

  r.post(
    '/involvements/:id/withdraw',
    { schema: { tags, summary: 'Withdraw your registration (it goes to the archive)', params: idParams, response: { 200: z.object({ id: z.uuid() }) } } },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      await svc.withdraw(actor, request.params.id, request.meta);
      return { id: request.params.id };
    },
  );

  r.get(
    '/involvements/:id/informing-letter',
    {
      schema: {
        tags,
        summary: 'The letter informing parents / the young person of the registration',
        params: idParams,
        querystring: z.object({ lang: z.enum(['nl', 'en']).default('nl') }),
        response: {
          200: z.object({ recipients: z.array(z.enum(['parents', 'young_person'])), subject: z.string(), body: z.string(), registration: registrationSchema }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const l = await svc.informingLetter(actor, request.params.id, request.query.lang, request.meta);
      return { recipients: l.recipients, subject: l.subject, body: l.body, registration: presentRegistration(l.registration) };
    },
  );

  r.post(
    '/involvements/:id/informed',
    {
      schema: {
        tags,
        summary: 'Record that (and when, whom, how) the family was informed. Informing is not consent.',
        params: idParams,
        body: z.object({ informedOn: isoDate, whom: z.array(z.enum(['parents', 'young_person'])).min(1), how: z.enum(INFORMED_HOW) }),
        response: { 200: registrationSchema },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return presentRegistration(await svc.recordInformed(actor, request.params.id, request.body, request.meta));
    },
  );

  r.get('/matches', { schema: { tags, response: { 200: z.object({ items: z.array(myMatchSchema) }) } } }, async (request) => {
    const actor = requireCareStaff(request.actor);
    return { items: (await svc.myMatches(actor, request.meta)).map(presentMyMatch) };
  });

  r.post(
    '/matches/:id/follow-up',
    {
      schema: {
        tags,
        summary: 'Record that the match was followed up ("afgestemd") and who is the central contact',
        params: idParams,
        body: z.object({ version: int32(), centralContactUserId: z.uuid() }),
        response: {
          200: z.object({ id: z.uuid(), version: int32(), followedUpAt: z.string().nullable(), centralContactUserId: z.uuid().nullable() }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const m = await svc.followUp(actor, request.params.id, request.body.version, request.body.centralContactUserId, request.meta);
      const p = presentMatchBase(m);
      return { id: p.id, version: p.version, followedUpAt: p.followedUpAt, centralContactUserId: p.centralContactUserId };
    },
  );

  r.get(
    '/matches/unfollowed',
    {
      schema: {
        tags,
        summary: 'Coordinator: matches not followed up within the configured number of working days',
        response: { 200: z.object({ items: z.array(coordinatorMatchSchema) }) },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      const rows = await svc.unfollowed(actor, request.meta);
      return {
        items: rows.map((x) => ({ ...presentMatchBase(x.match), professionals: [x.a, x.b].filter((c) => c !== null).map(presentContact) })),
      };
    },
  );
}
