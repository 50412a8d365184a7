import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, referrals } from '../../db/schema.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildScene, buildService, withOrganisation } from '../../testing/factories.js';
import { alsoInvolved, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let coordinator: Signed;
let midwife: Signed;
let jgz: Signed;
let receiver: Signed;
let colleague: Signed;
let outsider: Signed;
let policy: Signed;
let admin: Signed;
let serviceId: string;
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
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  jgz = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  const ggd = await withOrganisation(t.db, scene, 'overig');
  receiver = await signedInAs(t, ggd, 'professional', { intakeRight: true });
  colleague = await signedInAs(t, ggd, 'professional');
  outsider = await signedInAs(t, await withOrganisation(t.db, scene, 'huisartsenpraktijk'), 'professional');
  policy = await signedInAs(t, scene, 'policy');
  admin = await signedInAs(t, scene, 'admin');
  serviceId = (
    await buildService(t.db, { organisationId: ggd.organisation.id, name: 'VoorZorg', responseNormWorkingDays: 3, municipalityIds: [scene.municipality.id] })
  ).id;
  s = caseScenario(scene, coordinator);
});
afterAll(() => t.close());

type Item = { id: string; client: string | null; link: string; [k: string]: unknown };
type Queue = 'intake' | 'proposals' | 'overdueActions' | 'incoming' | 'declined' | 'overdueOutgoing' | 'meetingsThisWeek' | 'matches';
type Work = { counts: Record<string, number> } & Record<Queue, Item[]>;
const work = async (who: Signed) => {
  const res = await who.agent.get(api('/me/work'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Work;
};
const counts = async (who: Signed) => {
  const res = await who.agent.get(api('/me/work/counts'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, number>;
};
const logRows = (who: Signed) =>
  t.db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.userId, who.user.id), eq(accessLog.objectType, 'work_overview')));

const refer = async (caseId: string, personId: string, who: Signed = midwife) => {
  const res = await who.agent.post(api(`/cases/${caseId}/referrals`), {
    personId,
    serviceId,
    purpose: 'Begeleiding tijdens de zwangerschap',
    question: 'Kunnen jullie haar begeleiden?',
    urgency: 'soon',
    handover: { kind: 'introduction_call', at: inDays(3), note: 'Samen bellen' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

describe('my work', () => {
  it('asks for a signed-in staff member past the second factor', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: api('/me/work') });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: api('/me/work/counts') })).statusCode).toBe(401);
  });

  it('shows the coordinator her intake with names, and the signaller and an outsider nothing of it', async () => {
    const personId = await s.clientOf(midwife, 'Intakedijk');
    const signalId = await s.signalAbout(personId, midwife);
    const w = await work(coordinator);
    expect(w.counts.intake).toBeGreaterThanOrEqual(1);
    expect(w.intake).toContainEqual(expect.objectContaining({ id: signalId, client: 'Lotte Intakedijk', link: `/signalen/${signalId}` }));
    expect((await counts(coordinator)).intake).toBe(w.counts.intake);
    // The coordinator's look names the client in the access log, in the overview's own rows.
    expect((await logRows(coordinator)).map((r) => r.subjectPersonId)).toContain(personId);
    for (const who of [midwife, outsider, policy]) {
      const x = await work(who);
      expect(x.counts.intake).toBe(0);
      expect(x.intake).toEqual([]);
    }
  });

  it('names the client of a regie proposal to a care-team member with consent, and hides her from one without', async () => {
    const c = await s.openCase(midwife, 'Regiebeek');
    await s.giveConsent(c.caseId, c.personId, midwife.user.organisationId!);
    await s.addToTeam(c.caseId, jgz, { withoutConsent: true });
    for (const [who, kind] of [
      [midwife, 'case'],
      [jgz, 'process'],
    ] as const) {
      const p = await coordinator.agent.post(api(`/cases/${c.caseId}/directors`), { userId: who.user.id, ...(kind === 'process' ? { kind } : {}) });
      expect(p.statusCode, p.body).toBe(201);
    }
    const mine = await work(midwife);
    expect(mine.counts.proposals).toBe(1);
    expect(mine.proposals).toEqual([expect.objectContaining({ caseId: c.caseId, client: 'Lotte Regiebeek', kind: 'case', link: `/casussen/${c.caseId}` })]);
    const theirs = await work(jgz);
    expect(theirs.counts.proposals).toBe(1);
    // Without consent for her organisation the JGZ nurse learns that a proposal waits, not whom it is about.
    expect(theirs.proposals).toEqual([expect.objectContaining({ caseId: c.caseId, client: null })]);
    expect((await logRows(jgz)).map((r) => r.subjectPersonId)).not.toContain(c.personId);
    expect((await logRows(midwife)).map((r) => r.subjectPersonId)).toContain(c.personId);
    expect((await work(outsider)).proposals).toEqual([]);
    expect((await counts(midwife)).proposals).toBe(1);
  });

  it('lists my overdue plan actions, with their text, and not those of others', async () => {
    const c = await s.openCase(midwife, 'Actieveld');
    await s.giveConsent(c.caseId, c.personId, midwife.user.organisationId!);
    await s.makeDirector(c.caseId, midwife);
    const draft = (await midwife.agent.post(api(`/cases/${c.caseId}/plans`))).json();
    const content = {
      ...draft.content,
      goals: [{ id: 'g1', lifeDomain: 'meedoen', text: 'Schulden op een rij' }],
      actions: [
        { id: 'a1', what: 'Aanmelden bij schuldhulp', goalId: 'g1', ownerKind: 'professional', ownerUserId: midwife.user.id, dueDate: '2026-01-15' },
        { id: 'a2', what: 'Later werk', goalId: 'g1', ownerKind: 'professional', ownerUserId: midwife.user.id, dueDate: '2099-01-01' },
        { id: 'a3', what: 'Post openen', goalId: 'g1', ownerKind: 'family', ownerPersonId: c.personId, dueDate: '2026-01-15' },
      ],
    };
    const saved = await midwife.agent.put(api(`/cases/${c.caseId}/plans/1`), { version: draft.version, content });
    expect(saved.statusCode, saved.body).toBe(200);
    const adopted = await midwife.agent.post(api(`/cases/${c.caseId}/plans/1/adopt`), {
      version: saved.json().version,
      parentsAgreed: true,
      parentsPresent: true,
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const w = await work(midwife);
    expect(w.overdueActions).toContainEqual(
      expect.objectContaining({ id: 'a1', caseId: c.caseId, what: 'Aanmelden bij schuldhulp', dueDate: '2026-01-15', client: 'Lotte Actieveld' }),
    );
    expect(w.overdueActions.map((a) => a.id)).not.toContain('a2');
    expect(w.overdueActions.map((a) => a.id)).not.toContain('a3');
    expect((await work(coordinator)).overdueActions).toEqual([]);
  });

  it('puts an incoming referral before its receiver with the days left, and a decline back with its sender until she refers again', async () => {
    const c = await s.openCase(midwife, 'Verwijsstra');
    await s.giveConsent(c.caseId, c.personId, midwife.user.organisationId!);
    const r = await refer(c.caseId, c.personId);
    const inbox = await work(receiver);
    expect(inbox.counts.incoming).toBeGreaterThanOrEqual(1);
    expect(inbox.incoming).toContainEqual(
      expect.objectContaining({ id: r.id, client: 'Lotte Verwijsstra', serviceName: 'VoorZorg', overdue: false, link: `/verwijzingen/${r.id}` }),
    );
    expect(inbox.incoming.find((x) => x.id === r.id)?.workingDaysLeft).toBe(3);
    // Her colleague without the intake right has no incoming board, and so nothing here.
    expect((await work(colleague)).incoming).toEqual([]);
    expect((await counts(colleague)).incoming).toBe(0);

    const declined = await receiver.agent.post(api(`/referrals/${r.id}/status`), { version: r.version, status: 'declined', declineReason: 'no_capacity' });
    expect(declined.statusCode, declined.body).toBe(200);
    const back = await work(midwife);
    expect(back.counts.declined).toBe(1);
    expect(back.declined).toEqual([
      expect.objectContaining({
        id: r.id,
        caseId: c.caseId,
        client: 'Lotte Verwijsstra',
        organisationName: expect.any(String),
        declineReason: 'no_capacity',
        link: `/casussen/${c.caseId}/verwijzen?opnieuw=${r.id}`,
      }),
    ]);
    expect((await work(receiver)).incoming.some((x) => x.id === r.id)).toBe(false);
    expect((await work(jgz)).declined).toEqual([]);

    await refer(c.caseId, c.personId);
    expect((await work(midwife)).counts.declined).toBe(0);
  });

  it('puts an unanswered referral past its due day before its sender and the coordinator, with the receiver as late', async () => {
    const c = await s.openCase(midwife, 'Termijnhof');
    await s.giveConsent(c.caseId, c.personId, midwife.user.organisationId!);
    const r = await refer(c.caseId, c.personId);
    // Set-up: the norm has passed (the referral was sent days ago).
    await t.db.update(referrals).set({ dueOn: '2026-01-05' }).where(eq(referrals.id, r.id));
    for (const who of [midwife, coordinator]) {
      const w = await work(who);
      expect(w.overdueOutgoing).toContainEqual(expect.objectContaining({ id: r.id, client: 'Lotte Termijnhof', dueOn: '2026-01-05' }));
    }
    expect((await work(jgz)).overdueOutgoing.some((x) => x.id === r.id)).toBe(false);
    const inbox = await work(receiver);
    expect(inbox.incoming.find((x) => x.id === r.id)).toMatchObject({ overdue: true, workingDaysLeft: 0 });
    expect(inbox.counts.incomingOverdue).toBeGreaterThanOrEqual(1);
  });

  it('shows matches on my registrations to both professionals, and meetings of this week to those invited', async () => {
    const personId = await s.clientOf(midwife, 'Matchhoven');
    await alsoInvolved(t, jgz, personId);
    for (const who of [midwife, jgz]) {
      const w = await work(who);
      expect(w.matches).toContainEqual(expect.objectContaining({ client: 'Lotte Matchhoven', link: '/matches' }));
    }
    expect((await work(outsider)).matches).toEqual([]);

    const table = await coordinator.agent.post(api('/meeting-tables'), {
      name: 'RTO Werkweek',
      type: 'rto',
      municipalityId: scene.municipality.id,
      chairId: coordinator.user.id,
      place: 'Gemeentehuis',
      members: [],
    });
    expect(table.statusCode, table.body).toBe(201);
    const soon = await coordinator.agent.post(api(`/meeting-tables/${table.json().id}/meetings`), {
      startsAt: inDays(2, 9),
      endsAt: inDays(2, 11),
      place: 'Zaal 2',
      inviteeIds: [midwife.user.id],
    });
    expect(soon.statusCode, soon.body).toBe(201);
    const later = await coordinator.agent.post(api(`/meeting-tables/${table.json().id}/meetings`), {
      startsAt: inDays(20, 9),
      endsAt: inDays(20, 11),
      place: 'Zaal 2',
      inviteeIds: [midwife.user.id],
    });
    expect(later.statusCode, later.body).toBe(201);
    const w = await work(midwife);
    expect(w.meetingsThisWeek).toEqual([expect.objectContaining({ id: soon.json().id, tableName: 'RTO Werkweek', link: `/overleg/${soon.json().id}` })]);
    expect((await work(coordinator)).counts.meetingsThisWeek).toBe(1);
    expect((await work(jgz)).meetingsThisWeek).toEqual([]);
  });

  it('gives policy officers and admins their notifications only, and logs no look that names nobody', async () => {
    for (const who of [policy, admin]) {
      const w = await work(who);
      const { unreadNotifications: _, ...rest } = w.counts;
      expect(Object.values(rest).every((n) => n === 0)).toBe(true);
      expect(await logRows(who)).toEqual([]);
    }
  });
});
