import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, households, involvementRegistrations, mailOutbox, matches, notifications, persons } from '../../db/schema.js';
import { buildMunicipality, buildScene, buildService, randomBsn, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let nurse: Signed;
let coordinator: Signed;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  nurse = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
});
afterAll(() => t.close());

const person = (o: Record<string, unknown> = {}) => ({
  givenName: 'Sanne',
  familyName: 'de Vries',
  dateOfBirth: '1998-04-12',
  postcode: '6461 AB',
  municipalityId: scene.municipality.id,
  ...o,
});
const register = (s: Signed, body: Record<string, unknown>) => s.agent.post('/api/v1/involvements', { durationMonths: 12, ...body });
const counts = async () => ({
  persons: (await t.db.select({ n: count() }).from(persons))[0]!.n,
  households: (await t.db.select({ n: count() }).from(households))[0]!.n,
  registrations: (await t.db.select({ n: count() }).from(involvementRegistrations))[0]!.n,
});

describe('registering involvement', () => {
  it('creates the person once, is idempotent, and matches a second professional on the same BSN', async () => {
    const bsn = randomBsn();
    const first = await register(midwife, { person: person({ bsn }) });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ personCreated: true, matchCount: 0 });
    const again = await register(midwife, { person: person({ bsn }) });
    expect(again.statusCode).toBe(200);
    expect(again.json().registration.id).toBe(first.json().registration.id);

    const second = await register(nurse, { person: person({ bsn, givenName: 'S.' }) });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ personCreated: false, matchCount: 1 });
    expect(second.json().person.id).toBe(first.json().person.id);

    for (const who of [midwife, nurse]) {
      const list = (await who.agent.get('/api/v1/matches')).json().items;
      const m = list.find((x: { person: { id: string } }) => x.person.id === first.json().person.id);
      const other = who === midwife ? nurse : midwife;
      expect(m.other).toMatchObject({ userId: other.user.id, name: other.user.displayName });
      expect(m.samePerson).toBe(true);
      expect(Object.keys(m.other).sort()).toEqual(['email', 'jobTitle', 'name', 'organisationName', 'phone', 'userId']);
      const notes = await t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, who.user.id), eq(notifications.matchId, m.id)));
      expect(notes).toHaveLength(1);
    }
    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'match'));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([midwife.user.email, nurse.user.email].sort());
    for (const m of mails) {
      expect(m.textBody).toContain('log in om te zien met wie'.replace('log', 'Log'));
      expect(`${m.subject} ${m.textBody}`).not.toMatch(/Vries|Sanne|1998|6461/);
      expect(m.textBody).not.toContain(midwife.user.displayName);
      expect(m.textBody).not.toContain(nurse.user.displayName);
    }
  });

  it('matches on the household: partner and mother registered by different professionals', async () => {
    const mother = await register(midwife, { person: person({ bsn: randomBsn(), familyName: 'Bakker' }) });
    const partnerBsn = randomBsn();
    const added = await midwife.agent.post(`/api/v1/persons/${mother.json().person.id}/members`, {
      givenName: 'Tom',
      familyName: 'Bakker',
      dateOfBirth: '1995-01-01',
      householdRole: 'partner',
      bsn: partnerBsn,
      municipalityId: scene.municipality.id,
      relations: [{ toPersonId: mother.json().person.id, type: 'partner_of' }],
    });
    expect(added.statusCode).toBe(201);
    const res = await register(nurse, { person: person({ bsn: partnerBsn, givenName: 'Tom', familyName: 'Bakker', dateOfBirth: '1995-01-01' }) });
    expect(res.json()).toMatchObject({ personCreated: false, matchCount: 1 });
    const m = (await midwife.agent.get('/api/v1/matches')).json().items.find((x: { person: { id: string } }) => x.person.id === mother.json().person.id);
    expect(m).toMatchObject({ samePerson: false, other: { userId: nurse.user.id } });
  });

  it('never matches unrelated persons who share a name and birth date; the duplicate check discloses nothing', async () => {
    const a = await register(midwife, { person: person({ familyName: 'Jansen', address: 'Kerkstraat 12a', postcode: '1111 AA' }) });
    expect(a.statusCode).toBe(201);
    const dup = await register(nurse, { person: person({ familyName: 'jansen', postcode: '9999 ZZ' }) });
    expect(dup.statusCode).toBe(409);
    // Only that someone with these details may be known: no id, name, postcode, municipality or count.
    expect(dup.json().error).toEqual({
      code: 'possible_duplicate',
      message: expect.any(String),
      details: [{ path: 'body.person', code: 'possible_duplicate' }],
      requestId: expect.any(String),
    });
    expect(JSON.stringify(dup.json())).not.toMatch(new RegExp(`${a.json().person.id}|1111|Sanne`));
    // The check is in the access log with the record it touched, although the request changed nothing.
    const shown = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, nurse.user.id), eq(accessLog.subjectPersonId, a.json().person.id)));
    expect(shown.map((l) => [l.eventType, l.objectType, l.purpose])).toEqual([['search', 'identity_check', 'identiteitscontrole bij registratie']]);

    const separate = await register(nurse, { person: person({ familyName: 'Jansen', postcode: '9999 ZZ' }), confirmNewPerson: true });
    expect(separate.statusCode).toBe(201);
    expect(separate.json()).toMatchObject({ personCreated: true, matchCount: 0 });
    expect(separate.json().person.id).not.toBe(a.json().person.id);
    // …and the coordinator finds the pair on the duplicates list.
    const dups = (await coordinator.agent.get('/api/v1/persons/duplicates')).json().items;
    expect(dups).toContainEqual({
      a: expect.objectContaining({ id: a.json().person.id }),
      b: expect.objectContaining({ id: separate.json().person.id }),
      reason: 'same_date_of_birth',
    });

    // Re-posting a known id is not a way in: a person one does not see is 404.
    const other = await signedInAs(t, await withOrganisation(t.db, scene, 'wijkteam'), 'professional');
    expect((await register(other, { personId: a.json().person.id })).statusCode).toBe(404);
    // A wrong house number links to nobody; the right postcode and house number link to her.
    const wrong = await register(other, { person: person({ familyName: 'JANSEN', address: 'Kerkstraat 14', postcode: '1111AA' }) });
    expect(wrong.statusCode).toBe(409);
    const picked = await register(other, { person: person({ familyName: 'JANSEN', address: 'Kerkstraat 12 A', postcode: '1111aa' }) });
    expect(picked.statusCode).toBe(201);
    expect(picked.json()).toMatchObject({ personCreated: false, matchCount: 1, person: { id: a.json().person.id } });
  });

  it('two professionals registering the same new person at the same moment give one person and exactly one match', async () => {
    for (let round = 0; round < 5; round++) {
      const bsn = randomBsn();
      const a = await signedInAs(t, await withOrganisation(t.db, scene, 'kraamzorg'), 'professional');
      const b = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
      const [ra, rb] = await Promise.all([register(a, { person: person({ bsn }) }), register(b, { person: person({ bsn }) })]);
      expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
      expect(ra.json().person.id).toBe(rb.json().person.id);
      expect(ra.json().matchCount + rb.json().matchCount).toBe(1);
      const [row] = await t.db.select({ n: count() }).from(matches).where(eq(matches.householdId, ra.json().person.householdId));
      expect(row?.n).toBe(1);
    }
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ person: person({ bsn: '123456789' }) }, 'body.person.bsn', 'invalid_bsn'],
      [{ person: person({ bsn: '000000000' }) }, 'body.person.bsn', 'invalid_bsn'],
      [{ person: person({ dateOfBirth: '2030-01-01' }) }, 'body.person.dateOfBirth', 'birth_in_future'],
      [{ person: person({ dateOfBirth: '1890-01-01' }) }, 'body.person.dateOfBirth', 'age_over_120'],
      [{ person: person({ householdRole: 'child', dateOfBirth: '2026-03-01', dueDate: '2025-01-01' }) }, 'body.person.dateOfBirth', 'birth_far_from_due_date'],
      [{ person: person({ dateOfBirth: '2026-03-01', dueDate: '2027-01-01' }) }, 'body.person.dueDate', 'due_date_before_mother_could_be_pregnant'],
      [{ person: person({ contactPhone: '12' }) }, 'body.person.contactPhone', 'invalid_phone'],
      [{ person: person({ dateOfBirth: null, dueDate: '2029-01-01', householdRole: 'unborn' }) }, 'body.person.dueDate', 'due_date_too_far'],
      [{ person: person({ municipalityId: '00000000-0000-4000-8000-000000000000' }) }, 'body.person.municipalityId', 'unknown_municipality'],
      [{ person: person(), durationMonths: 25 }, 'body.durationMonths', 'max_24_months'],
      [{ person: person({ postcode: '0123 AB' }) }, 'body.person.postcode', 'invalid_postcode'],
      [
        { person: person({ dateOfBirth: `${new Date().getUTCFullYear() - 24}-01-01`, householdRole: 'child' }) },
        'body.person.dateOfBirth',
        'person_23_or_older',
      ],
    ];
    for (const [body, path, code] of cases) {
      const res = await register(midwife, { ...body, confirmNewPerson: true });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a known BSN given with another birth date (a typo that passes the elfproef)', async () => {
    const bsn = randomBsn();
    await register(midwife, { person: person({ bsn }) });
    const res = await register(nurse, { person: person({ bsn, dateOfBirth: '2001-01-01' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.person.bsn', code: 'bsn_does_not_match_birth_date' }]);
  });
});

describe('who may see a person', () => {
  it('the registrant and the coordinator of the municipality; nobody else (404), and every read and search is logged', async () => {
    const bsn = randomBsn();
    const reg = await register(midwife, { person: person({ bsn, familyName: 'Zichtbaar' }) });
    const id = reg.json().person.id;
    const elsewhere = await buildMunicipality(t.db, { regionId: scene.region.id });
    const otherCoordinator = await signedInAs(t, { ...scene, municipality: elsewhere }, 'coordinator');
    const stranger = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    const admin = await signedInAs(t, scene, 'admin');
    const policy = await signedInAs(t, scene, 'policy');

    const ok = await midwife.agent.get(`/api/v1/persons/${id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().person).toMatchObject({ bsn, familyName: 'Zichtbaar', registeredByMe: true });
    expect((await coordinator.agent.get(`/api/v1/persons/${id}`)).json().person).toMatchObject({ registeredByMe: false });
    for (const who of [otherCoordinator, stranger, admin, policy]) expect((await who.agent.get(`/api/v1/persons/${id}`)).statusCode).toBe(404);

    // Search is exact and scoped: the stranger finds nothing by BSN, the registrant does.
    expect((await midwife.agent.post('/api/v1/persons/search', { bsn })).json().items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await stranger.agent.post('/api/v1/persons/search', { bsn })).json().items).toEqual([]);
    expect((await midwife.agent.post('/api/v1/persons/search', { familyName: 'zichtbaar', date: '1998-04-12' })).json().items).toHaveLength(1);
    const noBrowse = await midwife.agent.post('/api/v1/persons/search', { familyName: 'Zichtbaar' });
    expect(noBrowse.statusCode).toBe(400);
    expect(noBrowse.json().error.details).toContainEqual({ path: 'body.date', code: 'required' });
    expect((await admin.agent.post('/api/v1/persons/search', { bsn })).statusCode).toBe(404);

    const logged = await t.db.select().from(accessLog).where(eq(accessLog.subjectPersonId, id));
    const kinds = logged.map((l) => `${l.eventType}:${l.userId === midwife.user.id ? 'midwife' : l.userId === coordinator.user.id ? 'coord' : 'other'}`);
    expect(kinds).toEqual(expect.arrayContaining(['create:midwife', 'read:midwife', 'read:coord', 'search:midwife']));
    const strangerSearch = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, stranger.user.id), eq(accessLog.eventType, 'search')));
    expect(strangerSearch).toHaveLength(1);

    // Withdrawing ends the entitlement at once.
    expect((await midwife.agent.post(`/api/v1/involvements/${reg.json().registration.id}/withdraw`)).statusCode).toBe(200);
    expect((await midwife.agent.get(`/api/v1/persons/${id}`)).statusCode).toBe(404);
    // Only the registrant withdraws their own registration.
    const reg2 = await register(nurse, { person: person({ bsn }) });
    expect((await midwife.agent.post(`/api/v1/involvements/${reg2.json().registration.id}/withdraw`)).statusCode).toBe(404);
  });

  it('keeps names and BSNs out of the application log and out of URLs', async () => {
    const bsn = randomBsn();
    await register(midwife, { person: person({ bsn, familyName: 'Geheimnaam' }) });
    await midwife.agent.post('/api/v1/persons/search', { bsn });
    const text = t.logs.join('');
    expect(text).not.toContain(bsn);
    expect(text).not.toContain('Geheimnaam');
  });
});

describe('informing and matches follow-up', () => {
  it('addresses the letter by age and records that the family was informed', async () => {
    const year = new Date().getUTCFullYear();
    const cases: [string, string[]][] = [
      [`${year - 5}-01-01`, ['parents']],
      [`${year - 14}-01-01`, ['parents', 'young_person']],
      [`${year - 17}-01-01`, ['young_person']],
    ];
    for (const [dob, whom] of cases) {
      const reg = await register(nurse, { person: person({ bsn: randomBsn(), dateOfBirth: dob, givenName: 'Noor', householdRole: 'child' }) });
      const letter = await nurse.agent.get(`/api/v1/involvements/${reg.json().registration.id}/informing-letter?lang=nl`);
      expect(letter.json().recipients).toEqual(whom);
      expect(letter.json().body).toContain('geen vraag om toestemming');
      const en = await nurse.agent.get(`/api/v1/involvements/${reg.json().registration.id}/informing-letter?lang=en`);
      expect(en.json().body).toContain('not a request for consent');
      expect((await midwife.agent.get(`/api/v1/involvements/${reg.json().registration.id}/informing-letter`)).statusCode).toBe(404);
    }
    const reg = await register(nurse, { person: person({ bsn: randomBsn() }) });
    const today = new Date().toISOString().slice(0, 10);
    const done = await nurse.agent.post(`/api/v1/involvements/${reg.json().registration.id}/informed`, { informedOn: today, whom: ['parents'], how: 'letter' });
    expect(done.json()).toMatchObject({ informedWhom: ['parents'], informedHow: 'letter' });
    const bad = await nurse.agent.post(`/api/v1/involvements/${reg.json().registration.id}/informed`, {
      informedOn: '2099-01-01',
      whom: ['parents'],
      how: 'letter',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists unfollowed matches to the coordinator after the configured working days, until followed up', async () => {
    const bsn = randomBsn();
    await register(midwife, { person: person({ bsn }) });
    await register(nurse, { person: person({ bsn }) });
    const m = (await nurse.agent.get('/api/v1/matches')).json().items[0];
    const fresh = (await coordinator.agent.get('/api/v1/matches/unfollowed')).json().items;
    expect(fresh.map((x: { id: string }) => x.id)).not.toContain(m.id);
    await t.db.execute(sql`UPDATE matches SET created_at = now() - interval '30 days' WHERE id = ${m.id}`);
    const old = (await coordinator.agent.get('/api/v1/matches/unfollowed')).json().items;
    expect(
      old
        .find((x: { id: string }) => x.id === m.id)
        .professionals.map((p: { userId: string }) => p.userId)
        .sort(),
    ).toEqual([midwife.user.id, nurse.user.id].sort());
    expect((await nurse.agent.get('/api/v1/matches/unfollowed')).statusCode).toBe(404);

    const outsider = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    expect((await outsider.agent.post(`/api/v1/matches/${m.id}/follow-up`, { version: m.version, centralContactUserId: nurse.user.id })).statusCode).toBe(404);
    const notParty = await nurse.agent.post(`/api/v1/matches/${m.id}/follow-up`, { version: m.version, centralContactUserId: outsider.user.id });
    expect(notParty.json().error.details).toEqual([{ path: 'body.centralContactUserId', code: 'not_a_party' }]);
    const ok = await nurse.agent.post(`/api/v1/matches/${m.id}/follow-up`, { version: m.version, centralContactUserId: nurse.user.id });
    expect(ok.json()).toMatchObject({ centralContactUserId: nurse.user.id });
    expect((await midwife.agent.post(`/api/v1/matches/${m.id}/follow-up`, { version: m.version, centralContactUserId: midwife.user.id })).statusCode).toBe(409);
    const after = (await coordinator.agent.get('/api/v1/matches/unfollowed')).json().items;
    expect(after.map((x: { id: string }) => x.id)).not.toContain(m.id);
  });
});

describe('matches on the hub board', () => {
  it('counts a municipality’s unfollowed matches by the household’s municipality, which the match follows when the household moves', async () => {
    const bsn = randomBsn();
    await register(midwife, { person: person({ bsn }) });
    await register(nurse, { person: person({ bsn }) });
    const m = (await nurse.agent.get('/api/v1/matches')).json().items[0];
    await t.db.execute(sql`UPDATE matches SET created_at = now() - interval '30 days' WHERE id = ${m.id}`);
    const unfollowed = async () =>
      (await coordinator.agent.get(`/api/v1/cases/board?municipalityId=${scene.municipality.id}`)).json().counts.unfollowedMatches as number;
    const before = await unfollowed();
    expect(before).toBeGreaterThanOrEqual(1);
    // The match took its household's municipality on insert (migration 0032) …
    const [row] = await t.db.select({ municipalityId: matches.municipalityId, householdId: matches.householdId }).from(matches).where(eq(matches.id, m.id));
    expect(row!.municipalityId).toBe(scene.municipality.id);
    // … and follows the household to another municipality: it leaves this board's count.
    const elsewhere = await buildMunicipality(t.db, { regionId: scene.region.id });
    await t.db.update(households).set({ municipalityId: elsewhere.id }).where(eq(households.id, row!.householdId));
    expect(await unfollowed()).toBe(before - 1);
    const [moved] = await t.db.select({ municipalityId: matches.municipalityId }).from(matches).where(eq(matches.id, m.id));
    expect(moved!.municipalityId).toBe(elsewhere.id);
    // Nobody sets another municipality on a match by hand.
    await t.db.update(matches).set({ municipalityId: scene.municipality.id }).where(eq(matches.id, m.id));
    const [kept] = await t.db.select({ municipalityId: matches.municipalityId }).from(matches).where(eq(matches.id, m.id));
    expect(kept!.municipalityId).toBe(elsewhere.id);
    await t.db.update(households).set({ municipalityId: scene.municipality.id }).where(eq(households.id, row!.householdId));
    expect(await unfollowed()).toBe(before);
  });
});

describe('notifications', () => {
  it('lists the user’s own notifications with the unread count; only the owner marks one read', async () => {
    const bsn = randomBsn();
    const a = await signedInAs(t, await withOrganisation(t.db, scene, 'kraamzorg'), 'professional');
    const b = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
    await register(a, { person: person({ bsn }) });
    await register(b, { person: person({ bsn }) });
    const list = (await a.agent.get('/api/v1/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'match', readAt: null });
    expect(Object.keys(list.items[0]).sort()).toEqual([
      'caseId',
      'context',
      'createdAt',
      'id',
      'kind',
      'matchId',
      'meetingId',
      'readAt',
      'referralId',
      'signalId',
    ]);
    // A match names its client and the other professional to both of its professionals (as the match page does).
    expect(list.items[0].context).toMatchObject({ client: 'Sanne de Vries', sender: b.user.displayName });
    expect((await b.agent.post(`/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
    expect((await a.agent.post(`/api/v1/notifications/${list.items[0].id}/read`)).statusCode).toBe(204);
    expect((await a.agent.get('/api/v1/notifications')).json().unread).toBe(0);
    await b.agent.post('/api/v1/notifications/read-all');
    expect((await b.agent.get('/api/v1/notifications')).json().unread).toBe(0);
  });
});

describe('nobody gains access by saying so (ADR 015)', () => {
  it('registers only where she works or her organisation serves; elsewhere a known person is as if she did not exist, and the attempt is logged', async () => {
    const bsn = randomBsn();
    const elsewhere = await buildMunicipality(t.db, { regionId: scene.region.id });
    const otherMidwife = await signedInAs(t, await withOrganisation(t.db, { ...scene, municipality: elsewhere }, 'verloskunde'), 'professional');
    const there = await register(otherMidwife, { person: person({ bsn, municipalityId: elsewhere.id, address: 'Dorpsstraat 3', contactPhone: '0612345678' }) });
    expect(there.statusCode).toBe(201);
    const theirs = there.json().person.id;

    // The nurse knows (or guesses) the BSN: she works in another municipality, and her organisation serves none there.
    const attempt = await register(nurse, { person: person({ bsn, municipalityId: scene.municipality.id }) });
    expect(attempt.statusCode).toBe(404);
    expect(attempt.json().error.code).toBe('not_found');
    expect((await register(nurse, { personId: theirs })).statusCode).toBe(404);
    expect((await nurse.agent.get(`/api/v1/persons/${theirs}`)).statusCode).toBe(404);
    const denied = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, nurse.user.id), eq(accessLog.outcome, 'denied'), eq(accessLog.subjectPersonId, theirs)));
    expect(denied.length).toBeGreaterThanOrEqual(2);
    // A new person in a municipality outside her area is a field error on what she typed.
    const outside = await register(nurse, { person: person({ bsn: randomBsn(), municipalityId: elsewhere.id }), confirmNewPerson: true });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details).toEqual([{ path: 'body.person.municipalityId', code: 'outside_your_area' }]);

    // Once her organisation serves that municipality on the sociale kaart, she may register there.
    await buildService(t.db, { organisationId: nurse.user.organisationId!, municipalityIds: [elsewhere.id] });
    const served = await register(nurse, { person: person({ bsn, municipalityId: elsewhere.id }) });
    expect(served.statusCode).toBe(201);
    expect(served.json()).toMatchObject({ personCreated: false, matchCount: 1, person: { id: theirs, restricted: true, dateOfBirth: null } });
  });

  it('a registrant sees what her own organisation recorded plus the match; other organisations’ details need a case with consent or the coordinator', async () => {
    const bsn = randomBsn();
    const first = await register(midwife, {
      person: person({ bsn, familyName: 'Details', address: 'Kerkstraat 8', contactPhone: '+31612345678', contactEmail: 'sanne@example.test' }),
    });
    const id = first.json().person.id;
    const unborn = await midwife.agent.post(`/api/v1/persons/${id}/members`, {
      familyName: 'Details',
      householdRole: 'unborn',
      dueDate: new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10),
      municipalityId: scene.municipality.id,
      relations: [],
    });
    expect(unborn.statusCode).toBe(201);

    const second = await register(nurse, { person: person({ bsn, familyName: 'Details' }) });
    expect(second.json()).toMatchObject({ personCreated: false, matchCount: 1, person: { id, restricted: true, dateOfBirth: null } });
    const seen = (await nurse.agent.get(`/api/v1/persons/${id}`)).json();
    expect(seen.person).toMatchObject({
      id,
      familyName: 'Details',
      restricted: true,
      bsn: null,
      address: null,
      postcode: null,
      contactPhone: null,
      contactEmail: null,
      dateOfBirth: null,
      registeredByMe: true,
      abilities: { edit: false, openCase: true, register: true, asCoordinator: false },
    });
    // The unborn child the midwife added stays hidden from her.
    expect(seen.household.members.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(JSON.stringify(seen)).not.toMatch(new RegExp(`${bsn}|Kerkstraat|612345678|sanne@|${unborn.json().id}`));
    // Her lists and matches show no more than that.
    const mine = (await nurse.agent.get('/api/v1/involvements/mine')).json().items.find((r: { person: { id: string } }) => r.person.id === id);
    expect(mine.person).toMatchObject({ restricted: true, dateOfBirth: null });
    const match = (await nurse.agent.get('/api/v1/matches')).json().items.find((m: { person: { id: string } }) => m.person.id === id);
    expect(match.other).toMatchObject({ userId: midwife.user.id, name: midwife.user.displayName });
    // She may not overwrite what another organisation recorded.
    expect((await nurse.agent.patch(`/api/v1/persons/${id}`, { version: seen.person.version, address: 'Elders 1' })).statusCode).toBe(403);

    // The midwife (her own organisation recorded it) and the coordinator see everything.
    expect((await midwife.agent.get(`/api/v1/persons/${id}`)).json().person).toMatchObject({ bsn, restricted: false, address: 'Kerkstraat 8' });
    const coord = (await coordinator.agent.get(`/api/v1/persons/${id}`)).json();
    expect(coord.person).toMatchObject({ bsn, restricted: false, abilities: { edit: true, openCase: true, register: false, asCoordinator: true } });
    expect(coord.household.members).toHaveLength(2);

    // A case whose consent covers her organisation opens the details to her.
    const opened = await coordinator.agent.post('/api/v1/cases', { personId: id });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    await coordinator.agent.post(`/api/v1/cases/${caseId}/consents`, {
      givenByPersonId: id,
      recipients: [{ organisationId: nurse.user.organisationId }],
      purpose: 'case_discussion',
      decision: 'given',
      validFrom: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }),
      how: 'spoken',
    });
    const added = await coordinator.agent.post(`/api/v1/cases/${caseId}/care-team`, { userId: nurse.user.id, roleInCase: 'JGZ' });
    expect(added.statusCode, added.body).toBe(201);
    const full = (await nurse.agent.get(`/api/v1/persons/${id}`)).json();
    expect(full.person).toMatchObject({ bsn, restricted: false, address: 'Kerkstraat 8' });
    expect(full.household.members).toHaveLength(2);
    // Every client the page showed is named in the access log.
    const rows = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, nurse.user.id), eq(accessLog.purpose, 'dossier inzien'), eq(accessLog.subjectPersonId, unborn.json().id)));
    expect(rows).toHaveLength(1);
  });

  it('limits identity checks per user and hour, so that guessing does not pay', async () => {
    const limited = await createTestApp({ IDENTITY_CHECKS_PER_HOUR: '3' });
    try {
      const s2 = await buildScene(limited.db);
      const guesser = await signedInAs(limited, await withOrganisation(limited.db, s2, 'jgz'), 'professional');
      const body = (i: number) => ({
        durationMonths: 6,
        person: { familyName: `Gok${'ABCDEFGH'[i]}`, dateOfBirth: '1999-01-01', municipalityId: s2.municipality.id },
      });
      for (let i = 0; i < 3; i++) expect((await guesser.agent.post('/api/v1/involvements', body(i))).statusCode).toBe(201);
      const fourth = await guesser.agent.post('/api/v1/involvements', body(4));
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error.code).toBe('too_many_attempts');
      // Another professional is not affected.
      const other = await signedInAs(limited, await withOrganisation(limited.db, s2, 'kraamzorg'), 'professional');
      expect((await other.agent.post('/api/v1/involvements', body(5))).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
