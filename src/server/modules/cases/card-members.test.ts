import { eq, sql } from 'drizzle-orm';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../../crypto.js';
import { careTeamMembers, mailOutbox, meetingCardInvitees, meetingInvitees, people, users } from '../../db/schema.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildPerson, buildScene, TEST_PASSWORD, withOrganisation } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

// A professional on the smoelenboek without an account is a care-team member like any other, reached by mail
// until she has an account; then her membership is hers, under the same consent rules (ADR 007, ADR 009).
let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let coordinator: Signed;
let admin: Signed;
let s: ReturnType<typeof caseScenario>;
let jgz: Awaited<ReturnType<typeof withOrganisation>>;
let wijkteam: Awaited<ReturnType<typeof withOrganisation>>;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
  admin = await signedInAs(t, scene, 'admin');
  jgz = await withOrganisation(t.db, scene, 'jgz');
  wijkteam = await withOrganisation(t.db, scene, 'wijkteam');
  s = caseScenario(scene, coordinator);
});
afterAll(() => t.close());

/** What an admin does for a professional who has a card: an account with her card's e-mail address. */
async function accountFor(email: string, organisationId: string) {
  const res = await admin.agent.post(api('/admin/users'), {
    email,
    displayName: `Account ${email}`,
    role: 'professional',
    organisationId,
    municipalityIds: [scene.municipality.id],
    password: TEST_PASSWORD,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  // Her second factor, as if she enrolled at her first sign-in.
  const secret = generateSecret();
  await t.db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(t.deps.secretKey, secret), totpEnabledAt: new Date() })
    .where(eq(users.id, id));
  const agent = new Agent(t);
  await agent.signIn(email, TEST_PASSWORD, secret);
  return { id, agent };
}

describe('a care-team member with a smoelenboek card and no account', () => {
  it('is added by her card, mailed without content, and once she has an account she sees the case — consent allowing', async () => {
    const { caseId, personId } = await s.openCase(midwife, 'Vermeulen');
    const nadia = await buildPerson(t.db, { organisationId: jgz.organisation.id, name: 'Nadia Kaart', email: 'nadia.kaart@jgz.test' });
    const wim = await buildPerson(t.db, { organisationId: wijkteam.organisation.id, name: 'Wim Kaart', email: 'wim.kaart@wijkteam.test' });
    await s.giveConsent(caseId, personId, jgz.organisation.id);

    const added = await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { personId: nadia.id, roleInCase: 'JGZ' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({ userId: null, personId: nadia.id });
    // Her organisation has no consent: as for anyone, adding her then needs the explicit confirmation.
    const refused = await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { personId: wim.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('consent_required');
    expect((await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { personId: wim.id, withoutConsent: true })).statusCode).toBe(201);
    expect((await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { personId: nadia.id })).json().error.details).toEqual([
      { path: 'body.personId', code: 'already_in_team' },
    ]);

    const team = (await coordinator.agent.get(api(`/cases/${caseId}`))).json().content.careTeam as {
      personId: string | null;
      userId: string | null;
      hasAccount: boolean;
      name: string;
      email: string;
    }[];
    expect(team.find((m) => m.personId === nadia.id)).toMatchObject({ userId: null, hasAccount: false, name: 'Nadia Kaart', email: 'nadia.kaart@jgz.test' });

    // Reached by mail: one sentence and a link, nothing about the family.
    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'nadia.kaart@jgz.test'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.kind).toBe('case_added');
    expect(mails[0]!.textBody).toContain(`/casussen/${caseId}`);
    expect(mails[0]!.textBody).toContain('nog geen account');
    for (const secret of ['Vermeulen', 'Lotte', 'JGZ', midwife.user.displayName]) expect(mails[0]!.textBody).not.toContain(secret);

    // She gets an account with her card's address: the card is linked, not copied, and the membership is hers.
    const nadiaAccount = await accountFor('nadia.kaart@jgz.test', jgz.organisation.id);
    const cards = await t.db.select().from(people).where(eq(people.userId, nadiaAccount.id));
    expect(cards.map((c) => c.id)).toEqual([nadia.id]);
    const [row] = await t.db.select().from(careTeamMembers).where(eq(careTeamMembers.personId, nadia.id));
    expect(row!.userId).toBe(nadiaAccount.id);
    const page = await nadiaAccount.agent.get(api(`/cases/${caseId}`));
    expect(page.statusCode).toBe(200);
    expect(page.json().access.level).toBe('content');

    // Wim's organisation gave no consent: with his account he sees that the case exists, not what is in it.
    const wimAccount = await accountFor('wim.kaart@wijkteam.test', wijkteam.organisation.id);
    const wimPage = await wimAccount.agent.get(api(`/cases/${caseId}`));
    expect(wimPage.statusCode).toBe(200);
    expect(wimPage.json().access.level).toBe('existence');
    expect(wimPage.json().content).toBeNull();
  });

  it('someone with an account of the same name elsewhere does not inherit the membership', async () => {
    const { caseId } = await s.openCase(midwife, 'Hendriks');
    const card = await buildPerson(t.db, { organisationId: jgz.organisation.id, name: 'Iris Kaart', email: 'iris.kaart@jgz.test' });
    await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { personId: card.id, withoutConsent: true });
    // The same address in another organisation is another person's account: her card is not linked to it.
    const other = await accountFor('iris.kaart@jgz.test', wijkteam.organisation.id);
    expect((await t.db.select().from(people).where(eq(people.id, card.id)))[0]!.userId).toBeNull();
    expect((await other.agent.get(api(`/cases/${caseId}`))).statusCode).toBe(404);
  });

  it('refuses an unknown card, a card without e-mail, and a body naming both or neither', async () => {
    const { caseId } = await s.openCase(midwife, 'Peters');
    const silent = await buildPerson(t.db, { organisationId: jgz.organisation.id, name: 'Zonder Mail' });
    const post = (body: object) => coordinator.agent.post(api(`/cases/${caseId}/care-team`), { withoutConsent: true, ...body });
    expect((await post({ personId: '00000000-0000-4000-8000-000000000000' })).json().error.details).toEqual([{ path: 'body.personId', code: 'unknown_card' }]);
    expect((await post({ personId: silent.id })).json().error.details).toEqual([{ path: 'body.personId', code: 'card_without_email' }]);
    expect((await post({})).json().error.details).toEqual([{ path: 'body.userId', code: 'user_or_card' }]);
    expect((await post({ personId: silent.id, userId: midwife.user.id })).json().error.details).toEqual([{ path: 'body.userId', code: 'user_or_card' }]);
  });

  it('a card with an account behind it adds the account', async () => {
    const { caseId } = await s.openCase(midwife, 'Willems');
    const jgzPro = await signedInAs(t, jgz, 'professional');
    const [card] = await t.db.execute<{ person_id: string }>(sql`SELECT person_id FROM kp_ensure_user_cards(${jgzPro.user.id}::uuid)`).then((r) => r.rows);
    const res = await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { personId: card!.person_id, withoutConsent: true });
    expect(res.json()).toEqual({ userId: jgzPro.user.id, personId: card!.person_id });
  });
});

describe('a meeting invitee with a smoelenboek card and no account', () => {
  it('is invited by mail with the .ics, listed on the meeting, and becomes an invitee with her account', async () => {
    const chair = await signedInAs(t, await withOrganisation(t.db, scene, 'cjg'), 'professional');
    const table = await coordinator.agent.post(api('/meeting-tables'), {
      name: 'RTO Kaartjes',
      type: 'rto',
      municipalityId: scene.municipality.id,
      chairId: chair.user.id,
      place: 'Gemeentehuis',
      members: [],
    });
    expect(table.statusCode, table.body).toBe(201);
    const card = await buildPerson(t.db, { organisationId: jgz.organisation.id, name: 'Romy Kaart', email: 'romy.kaart@jgz.test' });
    const silent = await buildPerson(t.db, { organisationId: jgz.organisation.id, name: 'Geen Adres' });
    const start = new Date(Date.now() + 9 * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    const body = { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7_200_000).toISOString(), place: 'Zaal 3', inviteeIds: [] };
    const refused = await chair.agent.post(api(`/meeting-tables/${table.json().id}/meetings`), { ...body, inviteePersonIds: [silent.id] });
    expect(refused.json().error.details).toEqual([{ path: 'body.inviteePersonIds.0', code: 'card_without_email' }]);
    const res = await chair.agent.post(api(`/meeting-tables/${table.json().id}/meetings`), { ...body, inviteePersonIds: [card.id] });
    expect(res.statusCode, res.body).toBe(201);
    const meetingId = res.json().id as string;

    const page = (await chair.agent.get(api(`/meetings/${meetingId}`))).json();
    expect(page.cardInvitees).toEqual([{ personId: card.id, name: 'Romy Kaart', organisationName: jgz.organisation.name }]);
    expect(page.organisations.map((o: { id: string }) => o.id)).toContain(jgz.organisation.id);
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'romy.kaart@jgz.test'));
    expect(mail!.kind).toBe('meeting_invitation');
    expect(mail!.ics!.replace(/\r\n[ \t]/g, '')).toContain('romy.kaart@jgz.test');
    expect(mail!.textBody).toContain(`/overleg/${meetingId}`);
    expect(mail!.textBody).toContain('nog geen account');

    const romy = await accountFor('romy.kaart@jgz.test', jgz.organisation.id);
    expect(await t.db.select().from(meetingCardInvitees).where(eq(meetingCardInvitees.personId, card.id))).toEqual([]);
    const moved = await t.db.select().from(meetingInvitees).where(eq(meetingInvitees.userId, romy.id));
    expect(moved.map((r) => r.meetingId)).toEqual([meetingId]);
    expect((await romy.agent.get(api(`/meetings/${meetingId}`))).statusCode).toBe(200);
  });
});
