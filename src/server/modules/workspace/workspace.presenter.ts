import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { DECLINE_REASONS, REFERRAL_STATUSES, URGENCIES } from '../../../domain/referrals.js';
import type { WorkCounts } from './workspace.repository.js';
import type { WorkOverview } from './workspace.service.js';

const count = int32();
export const workCountsSchema = z.object({
  intake: count.describe('Signals in the intake queues of the municipalities the user coordinates, not yet decided'),
  unfollowedMatches: count.describe('Matches in those municipalities not followed up within the configured working days'),
  emergencyReviews: count.describe('Emergency access in those municipalities still to be reviewed'),
  proposals: count.describe('Regie proposals awaiting the user'),
  overdueActions: count.describe("The user's open plan actions past their due day"),
  incoming: count.describe("Referrals to the user's organisation not yet answered (incoming board scope)"),
  incomingOverdue: count.describe('Of those, past their due day'),
  declined: count.describe('Referrals the user sent that were declined and not yet referred again'),
  overdueOutgoing: count.describe(
    'Referrals past their due day without an answer that the user chases: sent by her, in municipalities she coordinates, or in cases whose process she directs',
  ),
  meetingsThisWeek: count.describe('Meetings the user chairs or is invited to in the coming seven days'),
  matches: count.describe("Matches on the user's own registrations not yet followed up"),
  unreadNotifications: count,
});

const client = z.string().nullable().describe('The client, where the user may see her; null otherwise (the item still links to its page)');
const at = z.iso.datetime({ offset: true });
const day = z.iso.date();
const link = z.string().describe('Where the item is handled: a path of the web app');

export const workOverviewSchema = z.object({
  counts: workCountsSchema,
  intake: z.array(z.object({ id: z.uuid(), client, vulnerabilityLevel: z.string(), safetyConcern: z.boolean(), createdAt: at, link })),
  proposals: z.array(z.object({ id: z.uuid(), caseId: z.uuid(), kind: z.enum(['case', 'process']), client, proposedAt: at, link })),
  overdueActions: z.array(z.object({ id: z.string(), caseId: z.uuid(), what: z.string().nullable(), dueDate: day, client, link })),
  incoming: z.array(
    z.object({
      id: z.uuid(),
      client,
      serviceName: z.string(),
      status: z.enum(REFERRAL_STATUSES),
      urgency: z.enum(URGENCIES),
      dueOn: day,
      overdue: z.boolean(),
      workingDaysLeft: int32(),
      link,
    }),
  ),
  declined: z.array(
    z.object({
      id: z.uuid(),
      caseId: z.uuid(),
      client,
      serviceName: z.string(),
      organisationName: z.string(),
      declineReason: z.enum(DECLINE_REASONS),
      declinedAt: at,
      link,
    }),
  ),
  overdueOutgoing: z.array(z.object({ id: z.uuid(), caseId: z.uuid(), client, serviceName: z.string(), organisationName: z.string(), dueOn: day, link })),
  meetingsThisWeek: z.array(z.object({ id: z.uuid(), tableName: z.string(), startsAt: at, endsAt: at, place: z.string(), link })),
  matches: z.array(z.object({ id: z.uuid(), client, otherName: z.string(), otherOrganisation: z.string(), createdAt: at, link })),
});

const iso = (v: string) => new Date(v).toISOString();

export function presentCounts(c: WorkCounts): z.infer<typeof workCountsSchema> {
  return {
    intake: c.intake,
    unfollowedMatches: c.unfollowed,
    emergencyReviews: c.emergency,
    proposals: c.proposals,
    overdueActions: c.actions,
    incoming: c.incoming,
    incomingOverdue: c.incomingOverdue,
    declined: c.declined,
    overdueOutgoing: c.overdueOut,
    meetingsThisWeek: c.meetings,
    matches: c.matches,
    unreadNotifications: c.notifications,
  };
}

export function presentOverview(w: WorkOverview, today: string): z.infer<typeof workOverviewSchema> {
  return {
    counts: presentCounts(w.counts),
    intake: w.intake.map((x) => ({
      id: x.id,
      client: x.client,
      vulnerabilityLevel: x.vulnerabilityLevel,
      safetyConcern: x.safetyConcern,
      createdAt: iso(x.createdAt),
      link: `/signalen/${x.id}`,
    })),
    proposals: w.proposals.map((x) => ({
      id: x.id,
      caseId: x.caseId,
      kind: x.kind,
      client: x.client,
      proposedAt: iso(x.proposedAt),
      link: `/casussen/${x.caseId}`,
    })),
    overdueActions: w.actions.map((x) => ({ id: x.id, caseId: x.caseId, what: x.what, dueDate: x.dueDate, client: x.client, link: `/casussen/${x.caseId}` })),
    incoming: w.incoming.map((x) => ({
      id: x.id,
      client: x.client,
      serviceName: x.serviceName,
      status: x.status as (typeof REFERRAL_STATUSES)[number],
      urgency: x.urgency as (typeof URGENCIES)[number],
      dueOn: x.dueOn,
      overdue: x.dueOn < today,
      workingDaysLeft: x.workingDaysLeft,
      link: `/verwijzingen/${x.id}`,
    })),
    declined: w.declined.map((x) => ({
      id: x.id,
      caseId: x.caseId,
      client: x.client,
      serviceName: x.serviceName,
      organisationName: x.organisationName,
      declineReason: x.declineReason as (typeof DECLINE_REASONS)[number],
      declinedAt: iso(x.answeredAt),
      // Straight to referring again: the form shows why it was declined and links the new referral to this one.
      link: `/casussen/${x.caseId}/verwijzen?opnieuw=${x.id}`,
    })),
    overdueOutgoing: w.overdueOut.map((x) => ({
      id: x.id,
      caseId: x.caseId,
      client: x.client,
      serviceName: x.serviceName,
      organisationName: x.organisationName,
      dueOn: x.dueOn,
      link: `/verwijzingen/${x.id}`,
    })),
    meetingsThisWeek: w.meetings.map((x) => ({
      id: x.id,
      tableName: x.tableName,
      startsAt: iso(x.startsAt),
      endsAt: iso(x.endsAt),
      place: x.place,
      link: `/overleg/${x.id}`,
    })),
    matches: w.matches.map((x) => ({
      id: x.id,
      client: x.client,
      otherName: x.otherName,
      otherOrganisation: x.otherOrganisation,
      createdAt: iso(x.createdAt),
      link: '/matches',
    })),
  };
}
