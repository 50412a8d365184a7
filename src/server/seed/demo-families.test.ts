import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../context.js';
import { userMunicipalities, users } from '../db/schema.js';
import { createCaseService } from '../modules/cases/cases.service.js';
import { createWorklistService } from '../modules/cases/worklists.service.js';
import { createMeetingService } from '../modules/meetings/meetings.service.js';
import { createReferralService } from '../modules/referrals/referrals.service.js';
import { createTestApp, type TestApp } from '../testing/harness.js';
import { seedDemo } from './demo.js';
import { seedDemoDirectory } from './demo-directory.js';
import { seedDemoFamilies } from './demo-families.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
  await seedDemoDirectory(t.db);
  expect(await seedDemoFamilies(t.db, t.deps.secretKey)).toBe(true);
});
afterAll(() => t.close());

const meta = { ip: null, userAgent: null, requestId: 'test' };
async function actorOf(email: string): Promise<Actor> {
  const [u] = await t.db.select().from(users).where(eq(users.email, email));
  const munis = await t.db.select().from(userMunicipalities).where(eq(userMunicipalities.userId, u!.id));
  return {
    userId: u!.id,
    kind: 'staff',
    role: u!.role!,
    organisationId: u!.organisationId!,
    municipalityIds: munis.map((m) => m.municipalityId),
    regionIds: [],
    isDemo: true,
    directoryEditor: false,
    mfaSatisfied: true,
  };
}

describe('demo families', () => {
  it('the demo has a case: the JGZ nurse directs it and has an overdue action; the midwife sees its content', async () => {
    const joyce = await actorOf('jgz@demo.knooppunt.nl');
    const mine = await createWorklistService(t.deps).mine(joyce, meta);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ clientName: 'Fatima El Amrani', phase: 'steun_op_maat', directorId: joyce.userId, nextStep: 'overdue_actions' });
    const vera = await actorOf('verloskundige@demo.knooppunt.nl');
    const page = await createCaseService(t.deps).page(vera, mine[0]!.id, meta);
    expect(page.l.access).toEqual({ level: 'content', basis: 'care_team' });
    expect(page.plan?.current?.content.goals).toHaveLength(2);
    // Two referrals: one new on Joyce's incoming board, one overdue on Vera's dashboard.
    const board = await createReferralService(t.deps).incoming(joyce, 'new', meta);
    expect(board.items.map((r) => r.serviceName)).toEqual(['Stevig Ouderschap']);
    const overdue = await createReferralService(t.deps).overdue(vera);
    expect(overdue.map((r) => r.serviceName)).toEqual(['Prenataal huisbezoek en kraamzorg plus']);
    // An RTO next week with the case on its agenda, which the midwife (consent) hears.
    const [next] = await createMeetingService(t.deps).upcoming(vera);
    expect(next).toMatchObject({ tableName: 'RTO Landgraaf' });
    const meeting = await createMeetingService(t.deps).get(vera, next!.meeting.id, meta);
    expect(meeting.items).toEqual([expect.objectContaining({ entitled: true, clientName: 'Fatima El Amrani' })]);
    // Seeding twice does nothing.
    expect(await seedDemoFamilies(t.db, t.deps.secretKey)).toBe(false);
  });
});
