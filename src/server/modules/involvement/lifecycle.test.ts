import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, involvementRegistrations } from '../../db/schema.js';
import { LIFECYCLE_QUEUE, startJobs } from '../../jobs.js';
import { buildScene, randomBsn, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { runRegistrationLifecycle } from './lifecycle.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
});
afterAll(() => t.close());

const addMonths = (d: Date, m: number) => {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + m);
  return r;
};
const regOf = async (id: string) => (await t.db.select().from(involvementRegistrations).where(eq(involvementRegistrations.id, id)))[0];

describe('registration lifecycle (controllable clock)', () => {
  it('ends at the end date, keeps the archive for the retention period, then deletes — each step logged', async () => {
    const nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    const res = await nurse.agent.post('/api/v1/involvements', {
      durationMonths: 3,
      person: { familyName: 'Klok', dateOfBirth: '2024-06-01', householdRole: 'child', bsn: randomBsn(), municipalityId: scene.municipality.id },
    });
    const id = res.json().registration.id;
    const now = new Date();

    // Before the end date nothing happens.
    await runRegistrationLifecycle(t.db, addMonths(now, 2), 5);
    expect((await regOf(id))!.endedAt).toBeNull();

    const atEnd = addMonths(now, 3);
    const r1 = await runRegistrationLifecycle(t.db, atEnd, 5);
    expect(r1.ended.end_date).toBeGreaterThanOrEqual(1);
    const ended = (await regOf(id))!;
    expect(ended.endReason).toBe('end_date');
    expect(ended.deleteAfter).toBe(addMonths(atEnd, 60).toISOString().slice(0, 10));
    // Ended registrations no longer give access to the person.
    expect((await nurse.agent.get(`/api/v1/persons/${res.json().person.id}`)).statusCode).toBe(404);

    await runRegistrationLifecycle(t.db, addMonths(atEnd, 59), 5);
    expect(await regOf(id)).toBeDefined();
    const r2 = await runRegistrationLifecycle(t.db, addMonths(atEnd, 60), 5);
    expect(r2.deleted).toBeGreaterThanOrEqual(1);
    expect(await regOf(id)).toBeUndefined();

    const log = await t.db.select().from(accessLog).where(eq(accessLog.objectId, id));
    expect(log.map((l) => [l.eventType, l.application])).toEqual([
      ['create', 'knooppunt-api'],
      ['update', 'knooppunt-jobs'],
      ['delete', 'knooppunt-jobs'],
    ]);
    expect(log[1]!.purpose).toContain('end_date');
  });

  it('ends a child’s registration at 23 but not a parent’s, and ends all of a person’s registrations at death', async () => {
    const nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    const year = new Date().getUTCFullYear();
    const child = await nurse.agent.post('/api/v1/involvements', {
      durationMonths: 24,
      person: { familyName: 'Jong', dateOfBirth: `${year - 22}-01-10`, householdRole: 'child', bsn: randomBsn(), municipalityId: scene.municipality.id },
    });
    // The chosen two years are cut off at the 23rd birthday.
    expect(child.json().registration.endDate).toBe(`${year + 1}-01-10`);
    const mother = await nurse.agent.post('/api/v1/involvements', {
      durationMonths: 24,
      person: { familyName: 'Moeder', dateOfBirth: `${year - 22}-01-10`, householdRole: 'mother', bsn: randomBsn(), municipalityId: scene.municipality.id },
    });
    expect(mother.json().registration.endDate > `${year + 1}-06-01`).toBe(true);
    // Someone corrected the child's birth date: the job still ends the registration at 23.
    await t.db.execute(sql`UPDATE persons SET date_of_birth = ${`${year - 23}-01-01`} WHERE id = ${child.json().person.id}`);
    const r = await runRegistrationLifecycle(t.db, new Date(), 5);
    expect(r.ended.age_23).toBe(1);
    expect((await regOf(child.json().registration.id))!.endReason).toBe('age_23');
    expect((await regOf(mother.json().registration.id))!.endedAt).toBeNull();

    // Death recorded on the person ends the registrations at once, in the same transaction.
    const p = (await nurse.agent.get(`/api/v1/persons/${mother.json().person.id}`)).json().person;
    const dead = await nurse.agent.patch(`/api/v1/persons/${p.id}`, { version: p.version, deceasedOn: new Date().toISOString().slice(0, 10) });
    expect(dead.statusCode).toBe(200);
    expect((await regOf(mother.json().registration.id))!.endReason).toBe('death');
    expect((await nurse.agent.post('/api/v1/involvements', { durationMonths: 6, personId: p.id })).statusCode).toBe(404);
  });

  it('runs as a pg-boss job', async () => {
    const nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    const res = await nurse.agent.post('/api/v1/involvements', {
      durationMonths: 1,
      person: { familyName: 'Wachtrij', dateOfBirth: '2025-01-01', householdRole: 'child', bsn: randomBsn(), municipalityId: scene.municipality.id },
    });
    const id = res.json().registration.id;
    await t.db
      .update(involvementRegistrations)
      .set({ endDate: '2020-01-01' })
      .where(inArray(involvementRegistrations.id, [id]));
    // Any run from here on sees the past end date: the first completed one is the signal (no deadline to miss).
    let ran!: () => void;
    const lifecycleRan = new Promise<void>((r) => (ran = r));
    const jobs = await startJobs(t.deps, () => {}, { pollingIntervalSeconds: 0.5, ran: (q) => q === LIFECYCLE_QUEUE && ran() });
    try {
      await jobs.boss.send(LIFECYCLE_QUEUE, {});
      await lifecycleRan;
      expect((await regOf(id))!.endReason).toBe('end_date');
    } finally {
      await jobs.stop();
    }
  });
});
