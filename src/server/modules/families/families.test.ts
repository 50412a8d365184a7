import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, involvementRegistrations, persons } from '../../db/schema.js';
import { caseScenario } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, randomBsn, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let coordinator: Signed;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
});
afterAll(() => t.close());

const inFiveMonths = () => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + 5);
  return d.toISOString().slice(0, 10);
};
async function registerMother(who: Signed, o: Record<string, unknown> = {}) {
  const res = await who.agent.post('/api/v1/involvements', {
    durationMonths: 12,
    person: { givenName: 'Fatima', familyName: 'El Amrani', dateOfBirth: '1996-02-03', bsn: randomBsn(), municipalityId: scene.municipality.id, ...o },
  });
  expect(res.statusCode).toBe(201);
  return res.json().person as { id: string; householdId: string };
}

describe('households', () => {
  it('adds the unborn child, records the birth keeping the same record, and refuses impossible data', async () => {
    const mother = await registerMother(midwife);
    const due = inFiveMonths();
    const unborn = await midwife.agent.post(`/api/v1/persons/${mother.id}/members`, {
      familyName: 'El Amrani',
      householdRole: 'unborn',
      dueDate: due,
      municipalityId: scene.municipality.id,
      relations: [],
    });
    expect(unborn.statusCode).toBe(201);
    const baby = unborn.json();
    expect(baby).toMatchObject({ householdRole: 'unborn', dueDate: due, dateOfBirth: null, householdId: mother.householdId });

    const withBirth = await midwife.agent.post(`/api/v1/persons/${mother.id}/members`, {
      familyName: 'X',
      householdRole: 'unborn',
      dueDate: due,
      dateOfBirth: '2026-01-01',
      municipalityId: scene.municipality.id,
    });
    expect(withBirth.json().error.details).toContainEqual({ path: 'body.dateOfBirth', code: 'unborn_has_no_birth_date' });
    const badRelation = await midwife.agent.post(`/api/v1/persons/${mother.id}/members`, {
      familyName: 'Y',
      dateOfBirth: '1990-01-01',
      householdRole: 'partner',
      municipalityId: scene.municipality.id,
      relations: [{ toPersonId: '00000000-0000-4000-8000-000000000000', type: 'partner_of' }],
    });
    expect(badRelation.json().error.details).toEqual([{ path: 'body.relations.0.toPersonId', code: 'not_in_household' }]);

    const v = (await midwife.agent.get(`/api/v1/persons/${baby.id}`)).json().person.version;
    const tooEarly = await midwife.agent.post(`/api/v1/persons/${baby.id}/birth`, { version: v, dateOfBirth: '2020-01-01', givenName: 'Amira' });
    expect(tooEarly.json().error.details).toContainEqual({ path: 'body.dateOfBirth', code: 'birth_far_from_due_date' });
    // Born today, a few months early but possible.
    const today = new Date().toISOString().slice(0, 10);
    const born = await midwife.agent.post(`/api/v1/persons/${baby.id}/birth`, { version: v, dateOfBirth: today, givenName: 'Amira' });
    expect(born.statusCode).toBe(200);
    expect(born.json()).toMatchObject({ id: baby.id, householdRole: 'child', dateOfBirth: today, givenName: 'Amira', dueDate: due });
    expect((await midwife.agent.post(`/api/v1/persons/${baby.id}/birth`, { version: born.json().version, dateOfBirth: today })).statusCode).toBe(409);

    const page = (await midwife.agent.get(`/api/v1/persons/${mother.id}`)).json();
    expect(page.household.members.map((m: { id: string }) => m.id)).toEqual([mother.id, baby.id]);
  });

  it("registers a pregnant woman with her own due date, and edits her without tripping over the unborn child's rule", async () => {
    const due = inFiveMonths();
    const mother = await registerMother(midwife, { dateOfBirth: '1999-04-12', dueDate: due });
    const person = (await midwife.agent.get(`/api/v1/persons/${mother.id}`)).json().person;
    expect(person).toMatchObject({ dateOfBirth: '1999-04-12', dueDate: due });
    const edit = await midwife.agent.patch(`/api/v1/persons/${mother.id}`, { version: person.version, contactPhone: '06 12345678' });
    expect(edit.statusCode).toBe(200);
    // Her due date is still checked as a pregnancy's: not more than ten months ahead.
    const far = await midwife.agent.patch(`/api/v1/persons/${mother.id}`, { version: edit.json().version, dueDate: '2099-01-01' });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details).toEqual([expect.objectContaining({ path: 'body.dueDate', code: 'due_date_too_far' })]);
  });

  it('detects concurrent edits with the version', async () => {
    const mother = await registerMother(midwife);
    const v = (await midwife.agent.get(`/api/v1/persons/${mother.id}`)).json().person.version;
    expect((await midwife.agent.patch(`/api/v1/persons/${mother.id}`, { version: v, contactPhone: '06 12345678' })).statusCode).toBe(200);
    const stale = await midwife.agent.patch(`/api/v1/persons/${mother.id}`, { version: v, contactNote: 'Liever bellen na 10 uur' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const after = (await midwife.agent.get(`/api/v1/persons/${mother.id}`)).json().person;
    expect(after).toMatchObject({ contactPhone: '06 12345678', contactNote: null, givenName: 'Fatima' });
  });

  it('a professional who is not involved cannot add members or edit (404)', async () => {
    const mother = await registerMother(midwife);
    const other = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    expect((await other.agent.patch(`/api/v1/persons/${mother.id}`, { version: 1, contactNote: 'x' })).statusCode).toBe(404);
    expect(
      (await other.agent.post(`/api/v1/persons/${mother.id}/members`, { familyName: 'Z', dateOfBirth: '1990-01-01', municipalityId: scene.municipality.id }))
        .statusCode,
    ).toBe(404);
  });
});

describe('the client page and the household case', () => {
  it('a care-team member reaches the case from the client page; a registrant outside the team learns only that it runs', async () => {
    const s = caseScenario(scene, coordinator);
    const bsn = randomBsn();
    const mother = await registerMother(midwife, { familyName: 'Zorgteam', dateOfBirth: '1995-05-05', bsn });
    const opened = await midwife.agent.post('/api/v1/cases', { personId: mother.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    // The midwife opened it: she is in the care team and goes straight there.
    const own = (await midwife.agent.get(`/api/v1/persons/${mother.id}`)).json().person;
    expect(own.activeCase).toEqual({ id: caseId });
    expect(own.abilities).toMatchObject({ goToCase: true, openCase: false });

    // A JGZ nurse registers her own involvement: she sees that a case runs, not which, and cannot open a second.
    const nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    const reg = await nurse.agent.post('/api/v1/involvements', {
      durationMonths: 6,
      person: { familyName: 'Zorgteam', dateOfBirth: '1995-05-05', bsn, municipalityId: scene.municipality.id },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const personId = reg.json().person.id as string;
    expect(personId).toBe(mother.id);
    const outside = (await nurse.agent.get(`/api/v1/persons/${personId}`)).json().person;
    expect(outside.activeCase).toEqual({ id: null });
    expect(outside.abilities).toMatchObject({ goToCase: false, openCase: false });
    const tried = await nurse.agent.post('/api/v1/cases', { personId });
    expect(tried.statusCode).toBe(409);
    expect(tried.json().error.caseId).toBeUndefined();

    // Once she is in the care team, the client page takes her to the case (and so does "open a case").
    await s.addToTeam(caseId, nurse, { withoutConsent: true });
    const member = (await nurse.agent.get(`/api/v1/persons/${personId}`)).json().person;
    expect(member.activeCase).toEqual({ id: caseId });
    expect(member.abilities.goToCase).toBe(true);
    expect((await nurse.agent.post('/api/v1/cases', { personId })).json().error).toMatchObject({ code: 'case_exists', caseId });
  });
});

describe('merging duplicates', () => {
  it('never proposes merging a mother with her unborn child, who share a family name and a due date', async () => {
    const due = inFiveMonths();
    const mother = await registerMother(midwife, { familyName: 'Moederkind', dateOfBirth: '1998-03-03', dueDate: due });
    const unborn = await midwife.agent.post(`/api/v1/persons/${mother.id}/members`, {
      familyName: 'Moederkind',
      householdRole: 'unborn',
      dueDate: due,
      municipalityId: scene.municipality.id,
    });
    expect(unborn.statusCode).toBe(201);
    // A second record of the same unborn child (another organisation, no BSN yet) is a real candidate.
    const other = await signedInAs(t, await withOrganisation(t.db, scene, 'kraamzorg'), 'professional');
    const again = await other.agent.post('/api/v1/involvements', {
      durationMonths: 6,
      confirmNewPerson: true,
      person: { familyName: 'Moederkind', householdRole: 'unborn', dueDate: due, municipalityId: scene.municipality.id },
    });
    expect(again.statusCode).toBe(201);
    const ids = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join();
    const dups = (await coordinator.agent.get('/api/v1/persons/duplicates')).json().items as { a: { id: string }; b: { id: string }; reason: string }[];
    const involving = dups.filter((p) => [p.a.id, p.b.id].includes(mother.id));
    expect(involving).toEqual([]);
    expect(dups.map(ids)).toContain([unborn.json().id, again.json().person.id].sort().join());
    expect(dups.find((p) => p.b.id === again.json().person.id)?.reason).toBe('same_due_date');
  });

  it('the coordinator merges two records of one person: registrations move, doubles end, a merge event is logged', async () => {
    const nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    const a = await registerMother(midwife, { bsn: null, familyName: 'Dubbel', dateOfBirth: '1999-09-09' });
    // The nurse confirms a new record although the candidate was shown: now there are two.
    const b = await nurse.agent.post('/api/v1/involvements', {
      durationMonths: 12,
      confirmNewPerson: true,
      person: {
        givenName: 'Fleur',
        familyName: 'Dubbel',
        dateOfBirth: '1999-09-09',
        address: 'Kerkstraat 4',
        postcode: '6461 AB',
        municipalityId: scene.municipality.id,
      },
    });
    const bId = b.json().person.id;
    // The midwife also ended up registered on both: she held the second record's postcode and house number.
    const linked = await midwife.agent.post('/api/v1/involvements', {
      durationMonths: 6,
      person: { familyName: 'dubbel', dateOfBirth: '1999-09-09', address: 'Kerkstraat 4', postcode: '6461AB', municipalityId: scene.municipality.id },
    });
    expect(linked.json().person.id).toBe(bId);

    const dups = (await coordinator.agent.get('/api/v1/persons/duplicates')).json().items;
    expect(dups).toContainEqual({ a: expect.objectContaining({ id: a.id }), b: expect.objectContaining({ id: bId }), reason: 'same_date_of_birth' });
    expect((await midwife.agent.get('/api/v1/persons/duplicates')).statusCode).toBe(404);
    expect((await midwife.agent.post(`/api/v1/persons/${a.id}/merge`, { mergeId: bId })).statusCode).toBe(404);
    const elsewhere = await signedInAs(t, { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'coordinator');
    expect((await elsewhere.agent.post(`/api/v1/persons/${a.id}/merge`, { mergeId: bId })).statusCode).toBe(404);

    const merged = await coordinator.agent.post(`/api/v1/persons/${a.id}/merge`, { mergeId: bId });
    expect(merged.statusCode).toBe(200);
    const [gone] = await t.db.select().from(persons).where(eq(persons.id, bId));
    expect(gone!.mergedIntoId).toBe(a.id);
    expect((await nurse.agent.get(`/api/v1/persons/${bId}`)).statusCode).toBe(404);
    // The nurse's registration now points at the kept record and gives access to it.
    expect((await nurse.agent.get(`/api/v1/persons/${a.id}`)).statusCode).toBe(200);
    const midwifeRegs = await t.db
      .select()
      .from(involvementRegistrations)
      .where(and(eq(involvementRegistrations.userId, midwife.user.id), eq(involvementRegistrations.personId, a.id)));
    expect(midwifeRegs.map((r) => r.endReason).sort()).toEqual(['merged', null].sort());
    const events = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.eventType, 'merge'), eq(accessLog.userId, coordinator.user.id)));
    expect(events.map((e) => e.subjectPersonId).sort()).toEqual([a.id, bId].sort());
  });
});
