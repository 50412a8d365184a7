import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agendaItemSchema, EXPERIENCE_ANSWERS, experienceSchema, meetingInputSchema, minutesInputSchema, tableInputSchema } from '../../../domain/meetings.js';
import { int32 } from '../../../domain/numbers.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireCareStaff } from '../../policy.js';
import {
  experienceFormSchema,
  meetingSchema,
  meetingSummarySchema,
  presentMeeting,
  presentMeetingSummary,
  presentTableSummary,
  tableSchema,
  tableSummarySchema,
} from './meetings.presenter.js';
import { createMeetingService } from './meetings.service.js';

const tags = ['meetings'];
const idParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.uuid(), version: int32().optional() });
const langOf = (r: FastifyRequest): 'nl' | 'en' => (r.headers['accept-language']?.toLowerCase().startsWith('en') ? 'en' : 'nl');

/**
 * Meeting tables, meetings, agenda, minutes and the parents' experience form. Everything about families goes
 * through the case's consent: a participant without consent for their organisation sees a masked item.
 */
export async function meetingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = createMeetingService(deps);

  r.post(
    '/meeting-tables',
    { schema: { tags, summary: 'Create a meeting table (coordinator)', body: tableInputSchema, response: { 201: created } } },
    async (request, reply) => {
      const t = await svc.createTable(requireCareStaff(request.actor), request.body, request.meta);
      return reply.status(201).send({ id: t.id, version: t.version });
    },
  );

  r.get(
    '/meeting-tables',
    {
      schema: {
        tags,
        summary: 'Meeting tables in my municipalities',
        response: {
          200: z.object({
            items: z.array(tableSummarySchema),
            abilities: z.object({ createTable: z.boolean() }).describe('What the caller may do here (policy.mayCreateTable).'),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireCareStaff(request.actor);
      return { items: (await svc.tables(actor)).map(presentTableSummary), abilities: svc.listAbilities(actor) };
    },
  );

  r.get(
    '/meeting-tables/staff',
    {
      schema: {
        tags,
        summary: 'Professionals and coordinators of a municipality by name (chair, invitees)',
        querystring: z.object({ municipalityId: z.uuid(), q: z.string().trim().min(2).max(100) }),
        response: {
          200: z.object({ items: z.array(z.object({ userId: z.uuid(), name: z.string(), organisationId: z.uuid(), organisationName: z.string() })) }),
        },
      },
    },
    async (request) => ({ items: await svc.staff(requireCareStaff(request.actor), request.query.municipalityId, request.query.q) }),
  );

  r.get('/meeting-tables/:id', { schema: { tags, params: idParams, response: { 200: tableSchema } } }, async (request) => {
    const x = await svc.table(requireCareStaff(request.actor), request.params.id);
    return {
      ...presentTableSummary({ table: x.t, chairName: x.chairName }),
      description: x.t.description,
      chairId: x.t.chairId,
      mayManage: x.mayManage,
      abilities: x.abilities,
      members: x.members,
      meetings: x.meetings.map((m) => presentMeetingSummary(m)),
      experiences: x.experiences,
    };
  });

  r.post(
    '/meeting-tables/:id/meetings',
    { schema: { tags, summary: 'Schedule a meeting and send the invitations (.ics)', params: idParams, body: meetingInputSchema, response: { 201: created } } },
    async (request, reply) => {
      const m = await svc.schedule(requireCareStaff(request.actor), request.params.id, request.body, request.meta);
      return reply.status(201).send({ id: m.id, version: m.version });
    },
  );

  r.get(
    '/meetings/upcoming',
    { schema: { tags, summary: 'My upcoming meetings', response: { 200: z.object({ items: z.array(meetingSummarySchema) }) } } },
    async (request) => ({ items: (await svc.upcoming(requireCareStaff(request.actor))).map((x) => presentMeetingSummary(x.meeting, x.tableName)) }),
  );

  r.get('/meetings/:id', { schema: { tags, params: idParams, response: { 200: meetingSchema } } }, async (request) => {
    const actor = requireCareStaff(request.actor);
    return presentMeeting(await svc.get(actor, request.params.id, request.meta), actor.userId, langOf(request));
  });

  r.post(
    '/meetings/:id/items',
    {
      schema: {
        tags,
        summary: 'Put a case, a free item or an anonymised consultation on the agenda',
        description:
          'A case whose household already has an open item at another table answers 409 double_discussion with those tables (name and chair); send again with confirmDoubleDiscussion to add it anyway.',
        params: idParams,
        body: agendaItemSchema,
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const x = await svc.addItem(requireCareStaff(request.actor), request.params.id, request.body, request.meta);
      if ('doubleDiscussion' in x && x.doubleDiscussion)
        throw new AppError('double_discussion', [], undefined, {
          elsewhere: x.doubleDiscussion.map((d) => ({ tableName: d.tableName, chairName: d.chairName, startsAt: d.startsAt.toISOString() })),
        });
      return reply.status(201).send({ id: x.item!.id });
    },
  );

  r.get(
    '/meetings/:id/double-discussion',
    {
      schema: {
        tags,
        summary: 'Is this case already on an open agenda at another table? (names and chairs only)',
        params: idParams,
        querystring: z.object({ caseId: z.uuid() }),
        response: {
          200: z.object({ elsewhere: z.array(z.object({ tableName: z.string(), chairName: z.string(), startsAt: z.iso.datetime({ offset: true }) })) }),
        },
      },
    },
    async (request) => {
      const x = await svc.checkDouble(requireCareStaff(request.actor), request.params.id, request.query.caseId, request.meta);
      return { elsewhere: x.map((d) => ({ tableName: d.tableName, chairName: d.chairName, startsAt: d.startsAt.toISOString() })) };
    },
  );

  r.post(
    '/agenda-items/:id/link',
    {
      schema: {
        tags,
        summary: 'Link an anonymised consultation to the real case (its owner)',
        params: idParams,
        body: z.object({ caseId: z.uuid() }),
        response: { 200: created },
      },
    },
    async (request) => {
      const item = await svc.linkItem(requireCareStaff(request.actor), request.params.id, request.body.caseId, request.meta);
      return { id: item.id };
    },
  );

  r.put(
    '/agenda-items/:id/minutes',
    { schema: { tags, summary: "Write an item's minutes (chair or coordinator)", params: idParams, body: minutesInputSchema, response: { 200: created } } },
    async (request) => {
      const m = await svc.saveMinutes(requireCareStaff(request.actor), request.params.id, request.body, request.meta);
      return { id: m.itemId, version: m.version };
    },
  );

  r.post(
    '/meetings/:id/adopt',
    {
      schema: {
        tags,
        summary: 'Adopt the minutes (chair): regie synced to the cases, actions into the family plans, then frozen',
        params: idParams,
        body: z.object({ version: int32() }),
        response: { 200: z.object({ id: z.uuid(), version: int32(), experienceLinks: z.array(z.object({ itemId: z.uuid(), link: z.string() })) }) },
      },
    },
    async (request) => {
      const x = await svc.adopt(requireCareStaff(request.actor), request.params.id, request.body.version, request.meta);
      return { id: x.meeting.id, version: x.meeting.version, experienceLinks: x.experienceLinks };
    },
  );

  r.post(
    '/meetings/:id/addenda',
    {
      schema: {
        tags,
        summary: 'A correction to adopted minutes',
        params: idParams,
        body: z.object({
          itemId: z.uuid().nullable().default(null),
          text: z.string().trim().min(3, { message: 'required' }).max(4000, { message: 'too_long' }),
        }),
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const a = await svc.addAddendum(requireCareStaff(request.actor), request.params.id, request.body, request.meta);
      return reply.status(201).send({ id: a.id });
    },
  );

  r.post('/meetings/:id/cancel', { schema: { tags, params: idParams, response: { 200: created } } }, async (request) => {
    const m = await svc.cancel(requireCareStaff(request.actor), request.params.id, request.meta);
    return { id: m.id, version: m.version };
  });

  // The parents' three questions: public, reached only by the one-time link.
  const token = z.object({ token: z.string().min(20).max(100) });
  r.get('/public/experience/:token', { schema: { tags: ['public'], params: token, response: { 200: experienceFormSchema } } }, async (request) => {
    const f = await svc.experienceForm(request.params.token);
    return { tableName: f.tableName, startsAt: f.startsAt.toISOString(), answered: f.answered, answers: [...EXPERIENCE_ANSWERS] };
  });
  r.post(
    '/public/experience/:token',
    { schema: { tags: ['public'], params: token, body: experienceSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await svc.answerExperience(request.params.token, request.body);
      return reply.status(204).send(null);
    },
  );
}
