import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseDueOn } from '../../../domain/referrals.js';
import { accessLog, cases, mailOutbox, notifications, organisations, referrals, services } from '../../db/schema.js';
import { amsterdamToday, api, caseScenario } from '../../testing/case-scenario.js';
import { buildMunicipality, buildScene, buildService, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { runReferralEscalation } from './referrals.service.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let jgz: Signed;
let coordinator: Signed;
let receiver: Signed;
let receiver2: Signed;
let colleague: Signed;
let intakeElsewhere: Signed;
let outsider: Signed;
let policy: Signed;
let voorzorg: { id: string; organisationId: string; name: string };
let s: ReturnType<typeof caseScenario>;
const URL = 'http://knooppunt.test';

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  jgz = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
  const ggd = await withOrganisation(t.db, scene, 'overig');
  receiver = await signedInAs(t, ggd, 'professional', { intakeRight: true });
  receiver2 = await signedInAs(t, ggd, 'professional', { intakeRight: true });
  // The receiving organisation's staff without the intake right, and its intake in another municipality.
  colleague = await signedInAs(t, ggd, 'professional');
  intakeElsewhere = await signedInAs(t, { ...ggd, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) }, 'professional', {
    intakeRight: true,
  });
  outsider = await signedInAs(t, await withOrganisation(t.db, scene, 'huisartsenpraktijk'), 'professional');
  policy = await signedInAs(t, scene, 'policy');
  await t.db.update(organisations).set({ email: 'intake@voorzorg.test' }).where(eq(organisations.id, ggd.organisation.id));
  voorzorg = await buildService(t.db, {
    organisationId: ggd.organisation.id,
    name: 'VoorZorg',
    responseNormWorkingDays: 3,
    municipalityIds: [scene.municipality.id],
  });
  s = caseScenario(scene, coordinator);
});
afterAll(() => t.close());

/** A moment `n` days from now, as the form sends it: a hand-over is always planned ahead. */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const input = (personId: string, o: Record<string, unknown> = {}) => ({
  personId,
  serviceId: voorzorg.id,
  purpose: 'Intensieve begeleiding tijdens de zwangerschap',
  question: 'Kunnen jullie Lotte begeleiden? Zij is 24 weken zwanger en heeft schulden.',
  urgency: 'soon',
  handover: { kind: 'joint_visit', at: inDays(30), note: 'Samen op huisbezoek' },
  ...o,
});

/** A case where the midwife is in the care team with consent for case discussion: she may refer. */
async function caseWithReferrer(familyName = 'Smeets') {
  const c = await s.openCase(midwife, familyName);
  await s.giveConsent(c.caseId, c.personId, midwife.user.organisationId!);
  return c;
}

async function refer(c: { caseId: string; personId: string }, o: Record<string, unknown> = {}, who: Signed = midwife) {
  const res = await who.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId, o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}

const statusOf = async (id: string) => (await t.db.select().from(referrals).where(eq(referrals.id, id)))[0]!;

describe('referring from a case', () => {
  it('sends a referral with the norm of the service, tells the receiving organisation without content, and shows it on both sides', async () => {
    const c = await caseWithReferrer();
    const mailsBefore = (await t.db.select().from(mailOutbox)).length;
    const r = await refer(c);
    expect(r.status).toBe('sent');
    const row = await statusOf(r.id);
    expect(row.normWorkingDays).toBe(3);
    expect(row.dueOn).toBe(responseDueOn(amsterdamToday(), 3));

    // The receiving organisation: in-app for its intake there, and a mail to its own address — with a link, no name.
    const notes = await t.db.select().from(notifications).where(eq(notifications.referralId, r.id));
    expect(new Set(notes.map((n) => n.userId))).toEqual(new Set([receiver.user.id, receiver2.user.id]));
    const mails = (await t.db.select().from(mailOutbox)).slice(mailsBefore);
    expect(mails.map((m) => m.toAddress)).toContain('intake@voorzorg.test');
    for (const m of mails) {
      expect(m.textBody).toContain(`/verwijzingen/${r.id}`);
      expect(m.textBody).not.toContain('Lotte');
      expect(m.textBody).not.toContain('Smeets');
    }

    // The sender sees the referral on the case; the receiver on the incoming board, with whom to contact.
    const list = await midwife.agent.get(api(`/cases/${c.caseId}/referrals`));
    expect(list.json().items).toMatchObject([{ id: r.id, status: 'sent', responsible: 'sender', awaitingAnswer: true, serviceName: 'VoorZorg' }]);
    const board = await receiver.agent.get(api('/referrals/incoming'));
    expect(board.statusCode).toBe(200);
    expect(board.json().items.find((x: { id: string }) => x.id === r.id)).toMatchObject({ personName: 'Lotte Smeets', status: 'sent', overdue: false });

    // Paged by due day; the counts give the whole view.
    await refer(c);
    const first = (await receiver.agent.get(api('/referrals/incoming?perPage=1'))).json();
    const second = (await receiver.agent.get(api('/referrals/incoming?perPage=1&page=2'))).json();
    expect(first).toMatchObject({ page: 1, perPage: 1, counts: { open: 2, new: 2 } });
    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    const tooMany = await receiver.agent.get(api('/referrals/incoming?perPage=1000'));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].path).toBe('querystring.perPage');
  });

  it('notifications carry their context in the app: the client for the sides of the referral, never for a care-team member without consent', async () => {
    const c = await caseWithReferrer('Contextrijk');
    const r = await refer(c);
    const mine = (await receiver.agent.get(api('/notifications'))).json().items.find((n: { referralId: string | null }) => n.referralId === r.id);
    expect(mine.context).toMatchObject({ sender: midwife.user.displayName, senderOrganisation: expect.any(String), subject: 'VoorZorg' });
    expect(mine.context.client).toContain('Contextrijk');
    // Naming the client is a read: the access log names her.
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, receiver.user.id), eq(accessLog.objectType, 'notification'), eq(accessLog.subjectPersonId, c.personId)));
    expect(logged.length).toBeGreaterThan(0);
    // Added to the care team without consent for her organisation: told of the case, not whose it is.
    await s.addToTeam(c.caseId, outsider, { withoutConsent: true });
    const added = (await outsider.agent.get(api('/notifications'))).json().items.find((n: { caseId: string | null }) => n.caseId === c.caseId);
    expect(added.kind).toBe('case_added');
    expect(added.context.client).toBeNull();
  });

  it('answers 404 to anyone who is neither receiver nor on the sending side, and keeps policy officers out', async () => {
    const c = await caseWithReferrer();
    const r = await refer(c);
    // Incoming referrals only for those who handle intake, where they work: colleagues of the receiving
    // organisation without the intake right, and its intake in another municipality, see nothing of it.
    for (const who of [colleague, intakeElsewhere]) {
      expect((await who.agent.get(api(`/referrals/${r.id}`))).statusCode).toBe(404);
      expect((await who.agent.post(api(`/referrals/${r.id}/status`), { version: 1, status: 'accepted' })).statusCode).toBe(404);
      const board = (await who.agent.get(api('/referrals/incoming'))).json();
      expect(board.items.some((x: { id: string }) => x.id === r.id)).toBe(false);
      expect(board.counts.open).toBe(0);
    }
    const denied = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, colleague.user.id), eq(accessLog.outcome, 'denied')));
    expect(denied).toContainEqual(expect.objectContaining({ objectType: 'referral', objectId: r.id, subjectPersonId: c.personId }));
    // Once she answers one (the named receiver), that one is hers even without the right.
    const answered = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: 1, status: 'accepted' });
    expect(answered.statusCode).toBe(200);
    await t.db.update(referrals).set({ answeredById: colleague.user.id }).where(eq(referrals.id, r.id));
    expect((await colleague.agent.get(api(`/referrals/${r.id}`))).statusCode).toBe(200);
    expect((await colleague.agent.get(api('/referrals/incoming'))).json().items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect((await outsider.agent.get(api(`/referrals/${r.id}`))).statusCode).toBe(404);
    expect((await outsider.agent.post(api(`/referrals/${r.id}/status`), { version: 1, status: 'accepted' })).statusCode).toBe(404);
    expect((await policy.agent.get(api(`/referrals/${r.id}`))).statusCode).toBe(404);
    expect((await outsider.agent.get(api('/referrals/incoming'))).json().items.some((x: { id: string }) => x.id === r.id)).toBe(false);
    // A care-team member without consent does not see the case's referrals either.
    await s.addToTeam(c.caseId, jgz, { withoutConsent: true });
    expect((await jgz.agent.get(api(`/referrals/${r.id}`))).statusCode).toBe(404);
    expect((await jgz.agent.get(api(`/cases/${c.caseId}/referrals`))).json().error.code).toBe('consent_missing');
  });

  it('lets only the case director and care-team members with consent refer', async () => {
    const c = await s.openCase(midwife);
    // In the care team but without consent: 403, honestly.
    const noConsent = await midwife.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId));
    expect(noConsent.statusCode).toBe(403);
    expect(noConsent.json().error.code).toBe('consent_missing');
    // The coordinator sees the case but does not refer: that is the work of those who work with the family.
    expect((await coordinator.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId))).statusCode).toBe(403);
    // Outside the case: 404.
    expect((await outsider.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId))).statusCode).toBe(404);
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, c.caseId))).toHaveLength(0);
  });

  it('validates with field paths: a person outside the household, an unknown service, a joint visit without a time', async () => {
    const c = await caseWithReferrer();
    const other = await s.clientOf(midwife, 'Anders');
    const bad = async (body: Record<string, unknown>) => {
      const res = await midwife.agent.post(api(`/cases/${c.caseId}/referrals`), body);
      expect(res.statusCode).toBe(400);
      return res.json().error.details.map((d: { path: string; code?: string }) => d.path);
    };
    expect(await bad(input(other))).toEqual(['body.personId']);
    expect(await bad(input(c.personId, { serviceId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['body.serviceId']);
    expect(await bad(input(c.personId, { handover: { kind: 'joint_visit' } }))).toEqual(['body.handover.at']);
  });

  it('attaches case content only when consent covers the receiving organisation; a withdrawal hides it at once', async () => {
    const c = await caseWithReferrer();
    const note = await midwife.agent.post(api(`/cases/${c.caseId}/notes`), { text: 'Lotte heeft een netwerk van twee vriendinnen.' });
    expect(note.statusCode, note.body).toBe(204);
    const timeline = await midwife.agent.get(api(`/cases/${c.caseId}/timeline?kinds=note`));
    const eventId = timeline.json().items[0].id as string;
    const attachments = [{ kind: 'note', eventId }];

    const refused = await midwife.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId, { attachments }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'attachment_consent_missing', details: [{ path: 'body.attachments' }] });
    expect(await t.db.select().from(referrals).where(eq(referrals.caseId, c.caseId))).toHaveLength(0);

    const consentId = await s.giveConsent(c.caseId, c.personId, voorzorg.organisationId, { purpose: 'referral', purposeDetail: 'VoorZorg' });
    const r = await refer(c, { attachments });
    const seen = await receiver.agent.get(api(`/referrals/${r.id}`));
    expect(seen.json().attachments).toEqual([expect.objectContaining({ kind: 'note', text: 'Lotte heeft een netwerk van twee vriendinnen.' })]);

    const w = await coordinator.agent.post(api(`/cases/${c.caseId}/consents/${consentId}/withdraw`), { note: 'Lotte trekt toestemming in.' });
    expect(w.statusCode, w.body).toBe(201);
    const after = await receiver.agent.get(api(`/referrals/${r.id}`));
    expect(after.json()).toMatchObject({ attachments: [], attachmentsWithheld: 1 });
  });
});

describe('the closed loop', () => {
  it('reading never changes state: the receiver confirms receipt explicitly, and the referrer hears of every step', async () => {
    const c = await caseWithReferrer();
    const r = await refer(c);
    const seen = await receiver.agent.get(api(`/referrals/${r.id}`));
    expect(seen.json()).toMatchObject({ status: 'sent', side: 'receiver', allowed: ['received', 'accepted', 'declined', 'client_withdrew'] });
    expect(seen.json().abilities).toEqual({ changeStatus: true, confirmReceipt: true, openCase: false, referAgain: false });
    expect((await midwife.agent.get(api(`/referrals/${r.id}`))).json().abilities).toEqual({
      changeStatus: true,
      confirmReceipt: false,
      openCase: true,
      referAgain: false,
    });
    expect((await receiver.agent.get(api(`/referrals/${r.id}`))).json().version).toBe(seen.json().version);
    expect((await statusOf(r.id)).status).toBe('sent');
    const told = () =>
      t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.referralId, r.id), eq(notifications.userId, midwife.user.id)));
    expect(await told()).toEqual([]);
    // A write without the CSRF token is refused.
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: api(`/referrals/${r.id}/status`),
      headers: { cookie: `kp_session=${receiver.agent.cookie}`, 'content-type': 'application/json' },
      payload: { version: seen.json().version, status: 'received' },
    });
    expect(noCsrf.statusCode).toBe(403);
    let v = seen.json().version as number;
    const step = async (body: Record<string, unknown>, who: Signed = receiver) => {
      const res = await who.agent.post(api(`/referrals/${r.id}/status`), { version: v, ...body });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
    };
    await step({ status: 'received' });
    expect((await told()).map((n) => n.kind)).toEqual(['referral_update']);
    await step({ status: 'accepted' });
    // The waiting list needs an expected start.
    const noDate = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: v, status: 'waiting_list' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.details[0].path).toBe('body.expectedStart');
    await step({ status: 'waiting_list', expectedStart: inDays(60).slice(0, 10) });
    await step({ status: 'help_started' });
    await step({ status: 'completed', note: 'Traject afgerond' });
    // Help started is the case's first contact and start of support, for the monitor (kept by a trigger).
    const [milestones] = await t.db.select({ contact: cases.firstContactAt, support: cases.supportStartedAt }).from(cases).where(eq(cases.id, c.caseId));
    expect(milestones!.contact).not.toBeNull();
    expect(milestones!.support).toEqual(milestones!.contact);

    const updates = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.referralId, r.id), eq(notifications.userId, midwife.user.id)));
    expect(updates.map((n) => n.kind)).toEqual(Array(5).fill('referral_update'));
    const mine = await midwife.agent.get(api(`/referrals/${r.id}`));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().side).toBe('sender');
    expect(mine.json().history.map((h: { to: string }) => h.to)).toEqual(['sent', 'received', 'accepted', 'waiting_list', 'help_started', 'completed']);
    expect(mine.json().history[3].expectedStart).toBe(inDays(60).slice(0, 10));
    expect(mine.json().responsible).toBe('nobody');

    // From a final status nothing moves: 409 with the (empty) allowed list.
    const late = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: v, status: 'accepted' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'transition_not_allowed', allowed: [] });
  });

  it('needs a reason to decline; the sender may only record that the client withdrew', async () => {
    const c = await caseWithReferrer();
    const r = await refer(c);
    const accept = await midwife.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'accepted' });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error).toMatchObject({ code: 'transition_not_allowed', allowed: ['client_withdrew'] });
    const noReason = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'declined' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.declineReason');
    const declined = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'declined', declineReason: 'no_capacity' });
    expect(declined.statusCode).toBe(200);
    expect((await statusOf(r.id)).declineReason).toBe('no_capacity');
    const history = (await midwife.agent.get(api(`/referrals/${r.id}`))).json().history;
    expect(history.at(-1)).toMatchObject({ to: 'declined', declineReason: 'no_capacity', actorName: receiver.user.displayName });
  });

  it('gives a declined referral back to the referrer, who refers again with the earlier referral linked', async () => {
    const c = await caseWithReferrer('Teruggave');
    const r = await refer(c);
    // "Another reason" needs an explanation, as a field error on the note.
    const unexplained = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'declined', declineReason: 'other' });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().error.details).toEqual([expect.objectContaining({ path: 'body.note', code: 'decline_explanation_required' })]);
    const declined = await receiver.agent.post(api(`/referrals/${r.id}/status`), {
      version: r.version,
      status: 'declined',
      declineReason: 'other',
      note: 'Wij werken alleen in Heerlen-Noord',
    });
    expect(declined.statusCode).toBe(200);

    // Responsibility is the referrer's again, and her home list flags it.
    const page = (await midwife.agent.get(api(`/referrals/${r.id}`))).json();
    expect(page).toMatchObject({ responsible: 'sender', needsNewReferral: true, declineNote: 'Wij werken alleen in Heerlen-Noord', followUp: null });
    expect(page.abilities.referAgain).toBe(true);
    const declinedOnHome = async (who: Signed) => (await who.agent.get(api('/me/work'))).json().declined.map((x: { id: string }) => x.id);
    expect(await declinedOnHome(midwife)).toContain(r.id);
    // Not on someone else's home page, and the receiver cannot refer again.
    expect(await declinedOnHome(jgz)).not.toContain(r.id);
    expect((await receiver.agent.get(api(`/referrals/${r.id}`))).json().abilities.referAgain).toBe(false);

    // She refers again, to another service, linked to the declined one.
    const other = await buildService(t.db, { organisationId: voorzorg.organisationId, name: 'Nu Niet Zwanger', municipalityIds: [scene.municipality.id] });
    const again = await refer(c, { serviceId: other.id, previousReferralId: r.id });
    const before = (await midwife.agent.get(api(`/referrals/${r.id}`))).json();
    expect(before.followUp).toMatchObject({ id: again.id, serviceName: 'Nu Niet Zwanger', status: 'sent' });
    expect(before.abilities.referAgain).toBe(false);
    expect((await midwife.agent.get(api(`/referrals/${again.id}`))).json().previousReferral).toMatchObject({ id: r.id, status: 'declined' });
    expect(await declinedOnHome(midwife)).not.toContain(r.id);
    // Once only; and only from a referral in vain, of this case, for the same person.
    const twice = await midwife.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId, { previousReferralId: r.id }));
    expect(twice.statusCode).toBe(409);
    const fromOpen = await midwife.agent.post(api(`/cases/${c.caseId}/referrals`), input(c.personId, { previousReferralId: again.id }));
    expect(fromOpen.json().error.details).toEqual([expect.objectContaining({ path: 'body.previousReferralId', code: 'not_declined' })]);
    const elsewhere = await caseWithReferrer('AndereCasus');
    const foreign = await midwife.agent.post(api(`/cases/${elsewhere.caseId}/referrals`), input(elsewhere.personId, { previousReferralId: r.id }));
    expect(foreign.json().error.details).toEqual([expect.objectContaining({ path: 'body.previousReferralId', code: 'unknown_referral' })]);
  });

  it('refuses a warm hand-over planned in the past and a waiting-list start before today', async () => {
    const c = await caseWithReferrer('Verleden');
    const past = await midwife.agent.post(
      api(`/cases/${c.caseId}/referrals`),
      input(c.personId, { handover: { kind: 'joint_visit', at: new Date(Date.now() - 2 * 86_400_000).toISOString() } }),
    );
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details).toEqual([expect.objectContaining({ path: 'body.handover.at', code: 'date_in_past' })]);
    const r = await refer(c);
    const accepted = (await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'accepted' })).json();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const wl = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: accepted.version, status: 'waiting_list', expectedStart: yesterday });
    expect(wl.statusCode).toBe(400);
    expect(wl.json().error.details).toEqual([expect.objectContaining({ path: 'body.expectedStart', code: 'date_in_past' })]);
    expect((await statusOf(r.id)).status).toBe('accepted');
  });

  it('lets one of two people accepting at once succeed; the other gets a clear conflict', async () => {
    for (let round = 0; round < 3; round++) {
      const c = await caseWithReferrer(`Gelijktijdig${round}`);
      const r = await refer(c);
      const both = await Promise.all(
        [receiver, receiver2].map((who) => who.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'accepted' })),
      );
      expect(both.map((x) => x.statusCode).sort()).toEqual([200, 409]);
      expect(both.find((x) => x.statusCode === 409)!.json().error.code).toBe('version_conflict');
      const events = await t.db.execute(sql`SELECT count(*)::int AS n FROM referral_events WHERE referral_id = ${r.id} AND to_status = 'accepted'`);
      expect(events.rows[0]!.n).toBe(1);
    }
  });

  it('updates the waiting time on the sociale kaart from actual referrals, only when the organisation allows it', async () => {
    const c = await caseWithReferrer();
    const svc = await buildService(t.db, { organisationId: voorzorg.organisationId, name: 'Stevig Ouderschap', waitingWeeks: 10 });
    const run = async () => {
      const r = await refer(c, { serviceId: svc.id });
      let v = r.version;
      for (const status of ['accepted', 'waiting_list']) {
        const res = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: v, status, expectedStart: '2099-01-01' });
        expect(res.statusCode, res.body).toBe(200);
        v = res.json().version;
      }
      // Sent 21 days ago, help started now: three weeks.
      await t.db
        .update(referrals)
        .set({ sentAt: new Date(Date.now() - 21 * 86_400_000) })
        .where(eq(referrals.id, r.id));
      const res = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: v, status: 'help_started' });
      expect(res.statusCode, res.body).toBe(200);
      return (await t.db.select().from(services).where(eq(services.id, svc.id)))[0]!;
    };
    expect((await run()).waitingWeeks).toBe(10);
    await t.db.update(organisations).set({ shareWaitingTimes: true }).where(eq(organisations.id, voorzorg.organisationId));
    const after = await run();
    expect(after.waitingWeeks).toBe(3);
    expect(after.waitingStatedOn).toBe(amsterdamToday());
    await t.db.update(organisations).set({ shareWaitingTimes: false }).where(eq(organisations.id, voorzorg.organisationId));
  });
});

describe('response-time norm and escalation', () => {
  /** Pretends a referral was sent on `sentOn` (a Dutch date) with the norm of its service. */
  async function sentOn(id: string, day: string, norm: number) {
    await t.db
      .update(referrals)
      .set({ sentAt: new Date(`${day}T09:00:00+01:00`), dueOn: responseDueOn(day, norm), normWorkingDays: norm })
      .where(eq(referrals.id, id));
  }

  it("escalates an unanswered referral once, after its due day — counting past King's Day and Christmas", async () => {
    const c = await caseWithReferrer('Escalatie');
    await s.addToTeam(c.caseId, jgz, { withoutConsent: true });
    await s.makeDirector(c.caseId, jgz, 'process');
    const kingsDay = await refer(c);
    const christmas = await refer(c);
    await sentOn(kingsDay.id, '2027-04-26', 1); // Monday; Tuesday 27 April is King's Day → due Wednesday 28 April
    await sentOn(christmas.id, '2026-12-23', 5); // → due Thursday 31 December

    // Other tests' referrals fall due too: follow these two.
    const escalated = async (id: string) => (await statusOf(id)).escalatedAt !== null;
    await runReferralEscalation(t.db, URL, new Date('2026-12-31T16:00:00+01:00'));
    expect(await escalated(christmas.id)).toBe(false);
    await runReferralEscalation(t.db, URL, new Date('2027-01-01T08:00:00+01:00'));
    expect(await escalated(christmas.id)).toBe(true);
    await runReferralEscalation(t.db, URL, new Date('2027-04-28T16:00:00+02:00'));
    expect(await escalated(kingsDay.id)).toBe(false);
    await runReferralEscalation(t.db, URL, new Date('2027-04-29T08:00:00+02:00'));
    expect(await escalated(kingsDay.id)).toBe(true);
    // Once only: a later run finds nothing left to escalate.
    expect(await runReferralEscalation(t.db, URL, new Date('2027-05-10T08:00:00+02:00'))).toBe(0);

    const escalations = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.referralId, kingsDay.id), eq(notifications.kind, 'referral_escalated')));
    const to = new Set(escalations.map((n) => n.userId));
    for (const who of [receiver, receiver2, coordinator, jgz, midwife]) expect(to.has(who.user.id), who.user.displayName).toBe(true);
    expect(to.has(outsider.user.id)).toBe(false);
    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'referral_escalated'));
    expect(mails.some((m) => m.toAddress === 'intake@voorzorg.test' && m.textBody.includes(kingsDay.id))).toBe(true);
    const history = (await midwife.agent.get(api(`/referrals/${kingsDay.id}`))).json().history;
    expect(history.at(-1)).toMatchObject({ escalated: true });
  });

  it('shows overdue referrals on the receiving board and on the dashboards of the coordinator, the sender and the process director', async () => {
    const c = await caseWithReferrer('Achterstallig');
    const r = await refer(c);
    await sentOn(r.id, '2026-01-05', 3);
    const board = await receiver.agent.get(api('/referrals/incoming?view=overdue'));
    expect(board.json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    // The board shows the due day and, against the norm, how many working days are left (negative: late).
    const late = board.json().items.find((x: { id: string }) => x.id === r.id);
    expect(late).toMatchObject({ dueOn: '2026-01-08', awaitingAnswer: true });
    expect(late.workingDaysLeft).toBeLessThan(0);
    const fresh = await refer(c);
    const open = (await receiver.agent.get(api('/referrals/incoming?view=new&perPage=500'))).json().items.find((x: { id: string }) => x.id === fresh.id);
    expect(open.workingDaysLeft).toBe(3);
    expect(board.json().counts.overdue).toBeGreaterThanOrEqual(1);
    for (const who of [coordinator, midwife]) {
      const list = await who.agent.get(api('/referrals/overdue'));
      expect(list.json().items.find((x: { id: string }) => x.id === r.id)).toMatchObject({ overdue: true, responsible: 'sender' });
    }
    expect((await outsider.agent.get(api('/referrals/overdue'))).json().items).toEqual([]);
    // Answering takes it off every overdue list.
    const v = (await statusOf(r.id)).version;
    expect((await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: v, status: 'accepted' })).statusCode).toBe(200);
    expect((await coordinator.agent.get(api('/referrals/overdue'))).json().items.some((x: { id: string }) => x.id === r.id)).toBe(false);
  });
});
