import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDirectors, cases, doubleDiscussionWarnings, familyPlans, mailOutbox } from '../../db/schema.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let coordinator: Signed;
let chair: Signed;
let midwife: Signed;
let jgz: Signed;
let wijkteam: Signed;
let outsider: Signed;
let otherCoordinator: Signed;
let s: ReturnType<typeof caseScenario>;

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  coordinator = await signedInAs(t, scene, 'coordinator');
  chair = await signedInAs(t, await withOrganisation(t.db, scene, 'cjg'), 'professional');
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  jgz = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  wijkteam = await signedInAs(t, await withOrganisation(t.db, scene, 'wijkteam'), 'professional');
  outsider = await signedInAs(t, await withOrganisation(t.db, scene, 'huisartsenpraktijk'), 'professional');
  // Another municipality of the same deployment, with its own coordinator and table.
  const other = { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) };
  otherCoordinator = await signedInAs(t, other, 'coordinator');
  s = caseScenario(scene, coordinator);
});
afterAll(() => t.close());

async function table(by: Signed = coordinator, o: Record<string, unknown> = {}) {
  const res = await by.agent.post(api('/meeting-tables'), {
    name: `RTO Kerkrade ${Math.random().toString(36).slice(2, 7)}`,
    type: 'rto',
    municipalityId: scene.municipality.id,
    chairId: chair.user.id,
    place: 'Gemeentehuis Kerkrade',
    members: [{ organisationId: wijkteam.user.organisationId }],
    ...o,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

let slot = 1;
async function meeting(tableId: string, by: Signed = chair, o: Record<string, unknown> = {}) {
  slot += 1;
  const res = await by.agent.post(api(`/meeting-tables/${tableId}/meetings`), {
    startsAt: inDays(slot, 9),
    endsAt: inDays(slot, 11),
    place: 'Gemeentehuis Kerkrade, zaal 2',
    inviteeIds: [midwife.user.id, jgz.user.id, wijkteam.user.id],
    ...o,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A case with consent for case discussion for the midwife's and the JGZ's organisations (not the wijkteam's). */
async function caseWithTeam(familyName: string) {
  const c = await s.openCase(midwife, familyName);
  await s.giveConsent(c.caseId, c.personId, midwife.user.organisationId!);
  await s.giveConsent(c.caseId, c.personId, jgz.user.organisationId!);
  await s.addToTeam(c.caseId, jgz);
  return c;
}

describe('meeting tables and scheduling', () => {
  it('lets the coordinator create a table; a professional may not; unknown chairs are named', async () => {
    await table();
    expect(
      (await midwife.agent.post(api('/meeting-tables'), { name: 'Eigen tafel', type: 'mdo', municipalityId: scene.municipality.id, chairId: midwife.user.id }))
        .statusCode,
    ).toBe(403);
    const bad = await coordinator.agent.post(api('/meeting-tables'), {
      name: 'MDO',
      type: 'mdo',
      municipalityId: scene.municipality.id,
      chairId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.chairId');
  });

  it('sends every invitee an e-mail with an iCalendar invitation that parses back, without any family in it', async () => {
    const tableId = await table();
    const before = (await t.db.select().from(mailOutbox)).length;
    const id = await meeting(tableId);
    const mails = (await t.db.select().from(mailOutbox)).slice(before);
    const toInvitees = mails.filter((m) => [midwife, jgz, wijkteam, chair].some((w) => w.user.email === m.toAddress));
    expect(toInvitees).toHaveLength(4);
    for (const m of toInvitees) {
      expect(m.ics).toBeTruthy();
      const cal = new ICAL.Component(ICAL.parse(m.ics!));
      expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
      const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
      expect(event.summary).toMatch(/^RTO Kerkrade/);
      expect(event.location).toBe('Gemeentehuis Kerkrade, zaal 2');
      expect(event.startDate.toJSDate().getTime()).toBe(new Date(inDays(slot, 9)).getTime());
      expect(event.endDate.toJSDate().getTime()).toBe(new Date(inDays(slot, 11)).getTime());
      expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toContain(`mailto:${midwife.user.email.toLowerCase()}`);
      expect(m.textBody).toContain(`/overleg/${id}`);
    }
    // The wijkteam is also a standing member organisation: its own address would get one too when it has one.
    expect((await outsider.agent.get(api(`/meetings/${id}`))).statusCode).toBe(404);
  });

  it('refuses times in the past, an end before the start, and a second meeting of the same chair at the same time', async () => {
    const tableId = await table();
    const post = (body: Record<string, unknown>) => chair.agent.post(api(`/meeting-tables/${tableId}/meetings`), { place: 'Zaal 1', inviteeIds: [], ...body });
    const past = await post({ startsAt: inDays(-1), endsAt: inDays(-1, 12) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([expect.objectContaining({ path: 'body.startsAt', code: 'in_past' })]);
    const backwards = await post({ startsAt: inDays(40, 12), endsAt: inDays(40, 11) });
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: 'body.endsAt', code: 'end_before_start' })]);
    const noPlace = await chair.agent.post(api(`/meeting-tables/${tableId}/meetings`), { startsAt: inDays(41, 9), endsAt: inDays(41, 10), place: '' });
    expect(noPlace.json().error.details[0].path).toBe('body.place');

    expect((await post({ startsAt: inDays(42, 9), endsAt: inDays(42, 11) })).statusCode).toBe(201);
    // Another table, the same chair, overlapping by half an hour.
    const other = await table();
    const overlap = await chair.agent.post(api(`/meeting-tables/${other}/meetings`), { startsAt: inDays(42, 10), endsAt: inDays(42, 12), place: 'Zaal 2' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.details[0]).toMatchObject({ path: 'body.startsAt', code: 'chair_overlap' });
    // Back to back is fine.
    expect(
      (await chair.agent.post(api(`/meeting-tables/${other}/meetings`), { startsAt: inDays(42, 11), endsAt: inDays(42, 12), place: 'Zaal 2' })).statusCode,
    ).toBe(201);
  });
});

describe('the agenda: consent per participant', () => {
  it('shows the case to participants whose organisation has consent, and "geen toestemming" to the others', async () => {
    const c = await caseWithTeam('Bakker');
    const tableId = await table();
    const id = await meeting(tableId);
    const add = await coordinator.agent.post(api(`/meetings/${id}/items`), { kind: 'case', caseId: c.caseId, parentsInvited: true });
    expect(add.statusCode, add.body).toBe(201);

    const seenBy = async (who: Signed) => (await who.agent.get(api(`/meetings/${id}`))).json().items[0];
    expect(await seenBy(midwife)).toMatchObject({ title: 'Casus 1: Lotte Bakker', masked: false, caseId: c.caseId, parentsInvited: true });
    expect(await seenBy(wijkteam)).toMatchObject({ title: 'Casus 1 (geen toestemming voor uw organisatie)', masked: true, caseId: null, minutes: null });
    const item = await seenBy(coordinator);
    const hear = Object.fromEntries(item.consent.map((x: { organisationId: string; mayHear: boolean }) => [x.organisationId, x.mayHear]));
    expect(hear).toMatchObject({ [midwife.user.organisationId!]: true, [jgz.user.organisationId!]: true, [wijkteam.user.organisationId!]: false });
    // The wijkteam's page does not contain the family's name anywhere.
    expect((await wijkteam.agent.get(api(`/meetings/${id}`))).body).not.toContain('Bakker');
  });

  it('lets the coordinator and the case director put a case on the agenda; other care-team members may not', async () => {
    const c = await caseWithTeam('Claes');
    const id = await meeting(await table());
    expect((await midwife.agent.post(api(`/meetings/${id}/items`), { kind: 'case', caseId: c.caseId })).statusCode).toBe(403);
    await s.makeDirector(c.caseId, jgz);
    expect((await jgz.agent.post(api(`/meetings/${id}/items`), { kind: 'case', caseId: c.caseId })).statusCode).toBe(201);
    const again = await jgz.agent.post(api(`/meetings/${id}/items`), { kind: 'case', caseId: c.caseId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].code).toBe('already_on_agenda');
    // Free items are for the chair and the coordinator.
    expect((await jgz.agent.post(api(`/meetings/${id}/items`), { kind: 'free', title: 'Mededelingen' })).statusCode).toBe(403);
    expect((await chair.agent.post(api(`/meetings/${id}/items`), { kind: 'free', title: 'Mededelingen' })).statusCode).toBe(201);
  });

  it('warns about a household already on an open agenda at another table — name and chair only — and records what was done', async () => {
    const c = await caseWithTeam('Dekker');
    const first = await meeting(await table());
    expect((await coordinator.agent.post(api(`/meetings/${first}/items`), { kind: 'case', caseId: c.caseId })).statusCode).toBe(201);
    // A table in another municipality of the deployment; its coordinator cannot add this case (not hers), ours can.
    const otherTable = await table(coordinator, { name: 'Ondersteuningsteam Plus De Regenboog', type: 'ondersteuningsteam_plus' });
    const second = await meeting(otherTable);
    // The page can ask first, when the case is chosen.
    const check = await coordinator.agent.get(api(`/meetings/${second}/double-discussion?caseId=${c.caseId}`));
    expect(check.json().elsewhere).toEqual([expect.objectContaining({ chairName: chair.user.displayName })]);
    expect((await coordinator.agent.get(api(`/meetings/${first}/double-discussion?caseId=${c.caseId}`))).json().elsewhere).toEqual([]);
    expect((await wijkteam.agent.get(api(`/meetings/${second}/double-discussion?caseId=${c.caseId}`))).statusCode).toBe(404);
    const warned = await coordinator.agent.post(api(`/meetings/${second}/items`), { kind: 'case', caseId: c.caseId });
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.code).toBe('double_discussion');
    expect(warned.json().error.elsewhere).toEqual([
      expect.objectContaining({ tableName: expect.stringMatching(/^RTO Kerkrade/), chairName: chair.user.displayName }),
    ]);
    expect(warned.body).not.toContain('Dekker');
    const confirmed = await coordinator.agent.post(api(`/meetings/${second}/items`), { kind: 'case', caseId: c.caseId, confirmDoubleDiscussion: true });
    expect(confirmed.statusCode).toBe(201);
    const log = await t.db.select().from(doubleDiscussionWarnings).where(eq(doubleDiscussionWarnings.caseId, c.caseId));
    expect(log.map((w) => w.outcome).sort()).toEqual(['confirmed', 'warned']);
    expect((await otherCoordinator.agent.post(api(`/meetings/${second}/items`), { kind: 'case', caseId: c.caseId })).statusCode).toBe(404);
  });

  it('takes an anonymised consultation without identifying data; only its owner links it to the real case later', async () => {
    const c = await caseWithTeam('Evers');
    const id = await meeting(await table());
    const add = await midwife.agent.post(api(`/meetings/${id}/items`), {
      kind: 'anonymous',
      pseudonym: 'Moeder A',
      summary: 'Jonge moeder, 30 weken zwanger, weinig netwerk, schulden. Welke hulp past?',
    });
    expect(add.statusCode, add.body).toBe(201);
    const item = (await wijkteam.agent.get(api(`/meetings/${id}`))).json().items[0];
    expect(item).toMatchObject({ kind: 'anonymous', title: 'Anonieme casusbespreking: Moeder A', masked: false, isOwner: false, linkedCaseId: null });
    expect((await wijkteam.agent.post(api(`/agenda-items/${item.id}/link`), { caseId: c.caseId })).statusCode).toBe(404);
    expect((await midwife.agent.post(api(`/agenda-items/${item.id}/link`), { caseId: c.caseId })).statusCode).toBe(200);
    expect((await midwife.agent.get(api(`/meetings/${id}`))).json().items[0].linkedCaseId).toBe(c.caseId);
    // The case's timeline shows the link.
    const timeline = await midwife.agent.get(api(`/cases/${c.caseId}/timeline?kinds=meeting`));
    expect(timeline.json().items[0].data).toMatchObject({ action: 'linked', pseudonym: 'Moeder A' });
  });
});

describe('minutes', () => {
  it('requires "casusregie ligt bij", syncs the case director, turns actions into plan actions, freezes the minutes and asks the parents', async () => {
    const c = await caseWithTeam('Franssen');
    await s.makeDirector(c.caseId, midwife);
    const tableId = await table();
    const id = await meeting(tableId);
    const item = await coordinator.agent.post(api(`/meetings/${id}/items`), { kind: 'case', caseId: c.caseId, parentsInvited: true });
    const itemId = item.json().id as string;
    const version = () => chair.agent.get(api(`/meetings/${id}`)).then((r) => r.json().version as number);

    // Without minutes recording regie, the chair cannot adopt.
    const early = await chair.agent.post(api(`/meetings/${id}/adopt`), { version: await version() });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ path: 'items.1.regieHolderId', code: 'regie_required' });

    // The chair's organisation has no consent for this family: she cannot write its minutes; the coordinator can.
    const minutes = {
      version: 0,
      summary: 'Besproken met moeder erbij.',
      decisions: 'JGZ neemt de casusregie over.',
      actions: [
        { what: 'Aanmelden bij VoorZorg', ownerKind: 'professional', ownerUserId: jgz.user.id, dueDate: '2027-01-15' },
        { what: 'Afspraak bij de schuldhulp maken', ownerKind: 'family', ownerPersonId: c.personId },
      ],
      regieHolderId: jgz.user.id,
      parentsPresent: true,
    };
    expect((await chair.agent.put(api(`/agenda-items/${itemId}/minutes`), minutes)).json().error.code).toBe('consent_missing');
    const notInTeam = await coordinator.agent.put(api(`/agenda-items/${itemId}/minutes`), { ...minutes, regieHolderId: wijkteam.user.id });
    expect(notInTeam.statusCode).toBe(400);
    expect(notInTeam.json().error.details[0].path).toBe('body.regieHolderId');
    const saved = await coordinator.agent.put(api(`/agenda-items/${itemId}/minutes`), minutes);
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await coordinator.agent.put(api(`/agenda-items/${itemId}/minutes`), minutes);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    // Only the chair adopts.
    expect((await coordinator.agent.post(api(`/meetings/${id}/adopt`), { version: await version() })).statusCode).toBe(403);
    expect((await midwife.agent.post(api(`/meetings/${id}/adopt`), { version: await version() })).statusCode).toBe(403);
    const adopted = await chair.agent.post(api(`/meetings/${id}/adopt`), { version: await version() });
    expect(adopted.statusCode, adopted.body).toBe(200);

    // The case director is now the JGZ nurse, with history; the midwife's assignment ended.
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.caseId));
    expect(row!.directorId).toBe(jgz.user.id);
    const current = await t.db
      .select()
      .from(caseDirectors)
      .where(and(eq(caseDirectors.caseId, c.caseId), eq(caseDirectors.status, 'current'), eq(caseDirectors.kind, 'case')));
    expect(current.map((d) => d.userId)).toEqual([jgz.user.id]);
    const regie = await midwife.agent.get(api(`/cases/${c.caseId}/timeline?kinds=regie`));
    expect(regie.json().items[0].data).toMatchObject({ action: 'set_in_meeting', userId: jgz.user.id, previousUserId: midwife.user.id });

    // The actions are in the family plan's draft.
    const [draft] = await t.db
      .select()
      .from(familyPlans)
      .where(and(eq(familyPlans.caseId, c.caseId), eq(familyPlans.status, 'draft')));
    expect(draft!.content.actions.map((a) => [a.what, a.ownerUserId ?? a.ownerPersonId, a.dueDate])).toEqual([
      ['Aanmelden bij VoorZorg', jgz.user.id, '2027-01-15'],
      ['Afspraak bij de schuldhulp maken', c.personId, null],
    ]);

    // Adopted minutes are immutable — through the API and in the database — and corrected by addenda.
    const late = await coordinator.agent.put(api(`/agenda-items/${itemId}/minutes`), { ...minutes, version: 1 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details[0].code).toBe('minutes_adopted');
    await expect(t.db.execute(sql`UPDATE agenda_minutes SET summary = 'gewijzigd' WHERE item_id = ${itemId}`)).rejects.toThrow();
    expect((await chair.agent.post(api(`/meetings/${id}/addenda`), { itemId, text: 'Correctie: de afspraak is op 16 januari.' })).statusCode).toBe(201);
    const afterwards = await midwife.agent.get(api(`/meetings/${id}`));
    expect(afterwards.json()).toMatchObject({ status: 'adopted', addenda: [expect.objectContaining({ text: 'Correctie: de afspraak is op 16 januari.' })] });
    expect(afterwards.json().items[0].minutes).toMatchObject({ regieHolderName: jgz.user.displayName, decisions: 'JGZ neemt de casusregie over.' });
    // Entitled participants only: the wijkteam sees neither minutes nor addenda of this item.
    const masked = (await wijkteam.agent.get(api(`/meetings/${id}`))).json();
    expect(masked.items[0].minutes).toBeNull();
    expect(masked.addenda).toEqual([]);

    // The parents were present: one link to three questions; answered once; aggregated per table.
    const [link] = adopted.json().experienceLinks;
    const tokenPath = new URL(link.link).pathname.replace('/ervaring/', '');
    const form = await t.app.inject({ method: 'GET', url: api(`/public/experience/${tokenPath}`) });
    expect(form.json()).toMatchObject({ answered: false, answers: ['yes', 'partly', 'no'] });
    const answer = () =>
      t.app.inject({
        method: 'POST',
        url: api(`/public/experience/${tokenPath}`),
        payload: { heard: 'yes', clearWhoHelps: 'partly', better: 'Minder mensen aan tafel.' },
      });
    expect((await answer()).statusCode).toBe(204);
    expect((await answer()).statusCode).toBe(410);
    const tableView = await coordinator.agent.get(api(`/meeting-tables/${tableId}`));
    expect(tableView.json().experiences).toEqual({ responses: 1, heard: { yes: 1, partly: 0, no: 0 }, clearWhoHelps: { yes: 0, partly: 1, no: 0 } });
    expect((await wijkteam.agent.get(api(`/meeting-tables/${tableId}`))).json().experiences).toBeNull();
  });

  it('closes the agenda items on adoption, so the household no longer counts as discussed elsewhere', async () => {
    const c = await caseWithTeam('Gerards');
    const id = await meeting(await table());
    const item = await coordinator.agent.post(api(`/meetings/${id}/items`), { kind: 'case', caseId: c.caseId });
    const v0 = { version: 0, regieHolderId: midwife.user.id };
    expect((await coordinator.agent.put(api(`/agenda-items/${item.json().id}/minutes`), v0)).statusCode).toBe(200);
    const version = (await chair.agent.get(api(`/meetings/${id}`))).json().version;
    expect((await chair.agent.post(api(`/meetings/${id}/adopt`), { version })).statusCode).toBe(200);
    const next = await meeting(await table());
    expect((await coordinator.agent.post(api(`/meetings/${next}/items`), { kind: 'case', caseId: c.caseId })).statusCode).toBe(201);
  });
});

describe('who may do what, as the policy decides it', () => {
  it('tells each participant what she may do: the chair runs and adopts, an invitee only proposes', async () => {
    const tableId = await table();
    const id = await meeting(tableId);
    const asChair = (await chair.agent.get(api(`/meetings/${id}`))).json();
    expect(asChair.abilities).toEqual({
      run: true,
      addFreeItem: true,
      addCaseItem: true,
      addAnonymousItem: true,
      writeMinutes: true,
      adoptMinutes: true,
      addAddendum: true,
      cancel: true,
    });
    const asInvitee = (await wijkteam.agent.get(api(`/meetings/${id}`))).json();
    expect(asInvitee.abilities).toMatchObject({
      run: false,
      addFreeItem: false,
      writeMinutes: false,
      adoptMinutes: false,
      cancel: false,
      addAnonymousItem: true,
    });
    expect((await coordinator.agent.get(api(`/meetings/${id}`))).json().abilities).toMatchObject({ run: true, adoptMinutes: false });
    expect((await chair.agent.get(api(`/meeting-tables/${tableId}`))).json().abilities).toEqual({ scheduleMeeting: true, seeExperiences: true });
    expect((await wijkteam.agent.get(api(`/meeting-tables/${tableId}`))).json().abilities).toEqual({ scheduleMeeting: false, seeExperiences: false });
    expect((await coordinator.agent.get(api('/meeting-tables'))).json().abilities).toEqual({ createTable: true });
    expect((await midwife.agent.get(api('/meeting-tables'))).json().abilities).toEqual({ createTable: false });
  });

  it('refuses what the abilities leave out: scheduling, cancelling and addenda by others, and tables of other municipalities', async () => {
    const tableId = await table();
    const schedule = (by: Signed) =>
      by.agent.post(api(`/meeting-tables/${tableId}/meetings`), { startsAt: inDays(60, 9), endsAt: inDays(60, 10), place: 'Zaal 3' });
    expect((await schedule(wijkteam)).statusCode).toBe(403);
    expect((await schedule(otherCoordinator)).statusCode).toBe(404);
    expect((await otherCoordinator.agent.get(api(`/meeting-tables/${tableId}`))).statusCode).toBe(404);
    expect((await otherCoordinator.agent.get(api('/meeting-tables'))).json().items.map((x: { id: string }) => x.id)).not.toContain(tableId);
    expect((await otherCoordinator.agent.get(api(`/meeting-tables/staff?municipalityId=${scene.municipality.id}&q=ab`))).statusCode).toBe(404);
    const id = await meeting(tableId);
    expect((await otherCoordinator.agent.get(api(`/meetings/${id}`))).statusCode).toBe(404);
    expect((await wijkteam.agent.post(api(`/meetings/${id}/cancel`))).statusCode).toBe(403);
    const item = await chair.agent.post(api(`/meetings/${id}/items`), { kind: 'free', title: 'Mededelingen' });
    expect((await wijkteam.agent.put(api(`/agenda-items/${item.json().id}/minutes`), { version: 0, summary: 'x' })).statusCode).toBe(403);
    expect((await chair.agent.post(api(`/meetings/${id}/adopt`), { version: (await chair.agent.get(api(`/meetings/${id}`))).json().version })).statusCode).toBe(
      200,
    );
    expect((await wijkteam.agent.post(api(`/meetings/${id}/addenda`), { text: 'Correctie op het verslag' })).statusCode).toBe(403);
    expect((await chair.agent.post(api(`/meetings/${id}/addenda`), { text: 'Correctie op het verslag' })).statusCode).toBe(201);
  });
});
