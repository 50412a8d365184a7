import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../context.js';
import { userMunicipalities, users } from '../db/schema.js';
import { createCaseService } from '../modules/cases/cases.service.js';
import { createWorklistService } from '../modules/cases/worklists.service.js';
import { createEvaluationService } from '../modules/evaluation/evaluation.service.js';
import { createMeetingService } from '../modules/meetings/meetings.service.js';
import { createReferralService } from '../modules/referrals/referrals.service.js';
import { createSurveyService } from '../modules/surveys/surveys.service.js';
import { createTestApp, type TestApp } from '../testing/harness.js';
import { seedDemo } from './demo.js';
import { seedDemoDirectory } from './demo-directory.js';
import { seedDemoEvaluation } from './demo-evaluation.js';
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
    directoryEditor: u!.directoryEditor,
    intakeRight: u!.intakeRight,
    mfaSatisfied: true,
  };
}

describe('demo families', () => {
  it('the demo has a case: the JGZ nurse directs it and has an overdue action; the midwife sees its content', async () => {
    const joyce = await actorOf('jgz@demo.knooppunt.nl');
    const mine = (await createWorklistService(t.deps).mine(joyce, meta)).items;
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

  it("the demo has Kerkrade's evaluation: bottlenecks per phase, a survey compared with its baseline, quickscans, agreements", async () => {
    expect(await seedDemoEvaluation(t.db)).toBe(true);
    const paul = await actorOf('beleid@demo.knooppunt.nl');
    const kerkrade = paul.municipalityIds[0]!;
    const evaluation = createEvaluationService(t.deps);
    const list = await evaluation.bottlenecks(paul, kerkrade);
    expect(new Set(list.map((b) => b.phase))).toEqual(new Set(['signaleren', 'verkennen', 'steun_op_maat', 'samenwerking']));
    expect(list.find((b) => b.title.startsWith('Professionals weten elkaar'))).toMatchObject({ partnersNamed: 4, source: 'interview' });
    const surveys = createSurveyService(t.deps);
    const [s] = await surveys.list(paul, kerkrade);
    const d = await surveys.get(paul, s!.id, meta);
    const expertise = d.comparison.items.find((i) => i.key === 'know_expertise')!;
    // Two-thirds to a half, as in the FoodValley interim and final measurements.
    expect(expertise.figures.map((f) => f.agree)).toEqual([20 / 30, 0.5]);
    expect(expertise.changes).toEqual([-16.7]);
    const [latest] = await evaluation.quickscans(paul, kerkrade);
    const q = await evaluation.quickscan(paul, latest!.id);
    expect(q.changes).toContainEqual({ kind: 'block', key: 'trajectory_guidance', field: 'state', from: 'absent', to: 'in_place' });
    expect((await evaluation.demand(paul, kerkrade)).estimate).toEqual({ children0to7: 3284, expected: 33, basis: 'national_distribution' });
    expect((await evaluation.agreements(paul, kerkrade)).map((a) => a.level).sort()).toEqual(['operational', 'strategic', 'tactical']);
    expect(await seedDemoEvaluation(t.db)).toBe(false);
  });
});
