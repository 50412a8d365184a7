import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, caseDirectors, cases, emergencyAccess, notifications } from '../../db/schema.js';
import { api, caseScenario } from '../../testing/case-scenario.js';
import { buildMunicipality, buildOrganisation, buildScene, withOrganisation } from '../../testing/factories.js';
import { alsoInvolved, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { runRegieEscalation } from './escalation.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let midwife: Signed;
let jgz: Signed;
let wijkteam: Signed;
let outsider: Signed;
let coordinator: Signed;
let otherCoordinator: Signed;
let elsewhere: Signed;
let admin: Signed;
let foreignAdmin: Signed;
let policy: Signed;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  midwife = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
  jgz = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  wijkteam = await signedInAs(t, await withOrganisation(t.db, scene, 'wijkteam'), 'professional');
  outsider = await signedInAs(t, await withOrganisation(t.db, scene, 'huisartsenpraktijk'), 'professional');
  coordinator = await signedInAs(t, scene, 'coordinator');
  admin = await signedInAs(t, scene, 'admin');
  policy = await signedInAs(t, scene, 'policy');
  // The same region, another municipality: its coordinator and professionals are outsiders here.
  const other = { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id }) };
  otherCoordinator = await signedInAs(t, other, 'coordinator');
  elsewhere = await signedInAs(t, await withOrganisation(t.db, other, 'jgz'), 'professional');
  foreignAdmin = await signedInAs(t, await buildScene(t.db), 'admin');
  s = caseScenario(scene, coordinator);
});
afterAll(() => t.close());

let s: ReturnType<typeof caseScenario>;
const clientOf = (who: Signed, familyName = 'Smeets') => s.clientOf(who, familyName);
const signalAbout = (personId: string, who: Signed = midwife) => s.signalAbout(personId, who);
/** A case opened by the coordinator from the midwife's signal; the midwife is in the care team. */
const openCase = (familyName = 'Smeets') => s.openCase(midwife, familyName);
const consent = (personId: string, organisationId: string, o: Record<string, unknown> = {}) => s.consent(personId, organisationId, o);
const giveConsent = (caseId: string, personId: string, who: Signed, by: Signed = coordinator, o: Record<string, unknown> = {}) =>
  s.giveConsent(caseId, personId, who.user.organisationId!, o, by);
const addToTeam = (caseId: string, who: Signed, o: Record<string, unknown> = {}) => s.addToTeam(caseId, who, o);
const makeDirector = (caseId: string, who: Signed) => s.makeDirector(caseId, who);

const version = async (caseId: string) => (await coordinator.agent.get(api(`/cases/${caseId}`))).json().version as number;

describe('opening a case', () => {
  it('the coordinator opens a case from a signal; the signaller joins the care team; one open case per household', async () => {
    const { caseId, personId, signalId } = await openCase();
    const page = (await coordinator.agent.get(api(`/cases/${caseId}`))).json();
    expect(page).toMatchObject({ phase: 'signaleren', access: { level: 'content', basis: 'coordinator' }, role: 'coordinator', director: null });
    expect(page.client).toEqual({ id: personId, name: 'Lotte Smeets' });
    expect(page.content.careTeam.map((m: { userId: string; source: string }) => [m.userId, m.source])).toEqual([[midwife.user.id, 'signal']]);
    expect(page.content.timeline[0]).toMatchObject({ kind: 'opened', data: { signalId } });
    expect(page.content.timeline[1]).toMatchObject({
      kind: 'signal',
      actorName: midwife.user.displayName,
      data: { signalId, vulnerabilityLevel: 'vulnerable' },
    });
    expect(page.allowedTransitions).toEqual(['verkennen', 'steun_op_maat', 'afgesloten']);

    const again = await coordinator.agent.post(api('/cases'), { signalId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'case_exists', caseId });
    // The signaller may see her signal but cannot open a case from it: triage is the hub's.
    const other = await signalAbout(await clientOf(midwife, 'Bosch'));
    expect((await midwife.agent.post(api('/cases'), { signalId: other })).statusCode).toBe(403);
  });

  it('a professional opens a case for her own client only; a new signal lands on the open case’s timeline', async () => {
    const own = await clientOf(jgz, 'Janssen');
    const res = await jgz.agent.post(api('/cases'), { personId: own });
    expect(res.statusCode).toBe(201);
    const caseId = res.json().id;
    expect((await outsider.agent.post(api('/cases'), { personId: own })).statusCode).toBe(404);
    const signalId = await signalAbout(own, jgz);
    await giveConsent(caseId, own, jgz);
    const page = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(page.content.careTeam[0]).toMatchObject({ userId: jgz.user.id, source: 'opened' });
    expect(page.content.timeline.some((e: { kind: string; data: { signalId?: string } }) => e.kind === 'signal' && e.data.signalId === signalId)).toBe(true);
  });

  it('suggests professionals registered with the household, and finds staff of the municipality by name', async () => {
    const { caseId, personId } = await openCase('Suggestie');
    const reg = await alsoInvolved(t, jgz, personId);
    expect(reg.statusCode, reg.body).toBe(201);
    const involved = (await coordinator.agent.get(api(`/cases/${caseId}/care-team/suggestions`))).json().items;
    expect(involved).toEqual([
      { userId: jgz.user.id, name: jgz.user.displayName, organisationId: jgz.user.organisationId, organisationName: expect.any(String) },
    ]);
    const byName = (
      await coordinator.agent.get(api(`/cases/${caseId}/care-team/suggestions?q=${encodeURIComponent(wijkteam.user.displayName.slice(0, 12))}`))
    ).json().items;
    expect(byName.map((x: { userId: string }) => x.userId)).toContain(wijkteam.user.id);
    const far = (await coordinator.agent.get(api(`/cases/${caseId}/care-team/suggestions?q=${encodeURIComponent(elsewhere.user.displayName)}`))).json().items;
    expect(far).toEqual([]);
    // Joining from a registration is recorded as such.
    await giveConsent(caseId, personId, jgz);
    await addToTeam(caseId, jgz);
    const team = (await coordinator.agent.get(api(`/cases/${caseId}`))).json().content.careTeam;
    expect(team.find((m: { userId: string }) => m.userId === jgz.user.id)).toMatchObject({ source: 'involvement', consent: 'given' });
  });

  it('refuses bad input with field paths and never a 500', async () => {
    expect((await coordinator.agent.post(api('/cases'), { signalId: 'nope' })).statusCode).toBe(400);
    expect((await coordinator.agent.post(api('/cases'), {})).statusCode).toBe(400);
    expect((await coordinator.agent.post(api('/cases'), { signalId: '3b241101-e2bb-4255-8caf-4136c566a962' })).statusCode).toBe(404);
  });
});

describe('need-to-know', () => {
  it('anyone outside the care team gets 404 on the case, its parts, search results, counts and lists', async () => {
    const { caseId } = await openCase('Verhoeven');
    for (const who of [outsider, otherCoordinator, elsewhere, admin, policy]) {
      for (const path of [`/cases/${caseId}`, `/cases/${caseId}/timeline`, `/cases/${caseId}/plans`, `/cases/${caseId}/care-team/suggestions`])
        expect((await who.agent.get(api(path))).statusCode, `${path}`).toBe(404);
      expect((await who.agent.post(api(`/cases/${caseId}/notes`), { text: 'x' })).statusCode).toBe(404);
    }
    // Search and counts: the coordinator finds the case, outsiders find nothing and count nothing.
    const found = (await coordinator.agent.get(api('/cases?q=verhoev'))).json();
    expect(found.items.map((x: { id: string }) => x.id)).toContain(caseId);
    for (const who of [outsider, otherCoordinator, elsewhere]) expect((await who.agent.get(api('/cases?q=verhoev'))).json()).toEqual({ total: 0, items: [] });
    expect((await outsider.agent.get(api('/cases/mine'))).json().items).toEqual([]);
    expect((await otherCoordinator.agent.get(api('/cases/board'))).json().items.map((x: { id: string }) => x.id)).not.toContain(caseId);
    expect((await otherCoordinator.agent.get(api(`/cases/board?municipalityId=${scene.municipality.id}`))).statusCode).toBe(404);
    expect((await outsider.agent.get(api('/cases/board'))).statusCode).toBe(404);
    expect((await policy.agent.get(api('/cases/board'))).statusCode).toBe(404);
  });

  it('a care-team member without consent sees the case’s existence and the director’s contact, not its content', async () => {
    const { caseId, personId } = await openCase('De Vries');
    await giveConsent(caseId, personId, midwife);
    await makeDirector(caseId, midwife);
    const refused = await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { userId: jgz.user.id, roleInCase: 'JGZ' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'consent_required', consentState: 'none', details: [{ path: 'body.userId', code: 'consent_none' }] });
    await addToTeam(caseId, jgz, { withoutConsent: true });

    const page = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(page).toMatchObject({ access: { level: 'existence', basis: 'care_team' }, content: null, plan: null, phase: 'signaleren' });
    expect(page.director).toMatchObject({ userId: midwife.user.id, name: midwife.user.displayName });
    const timeline = await jgz.agent.get(api(`/cases/${caseId}/timeline`));
    expect(timeline.statusCode).toBe(403);
    expect(timeline.json().error.code).toBe('consent_missing');
    expect((await jgz.agent.get(api(`/cases/${caseId}/plans`))).statusCode).toBe(403);
    // The coordinator sees the missing consent on the team list.
    const team = (await coordinator.agent.get(api(`/cases/${caseId}`))).json().content.careTeam;
    expect(team.find((m: { userId: string }) => m.userId === jgz.user.id).consent).toBe('none');

    // Consent given: content on the next request. Withdrawn: gone on the next request.
    const consentId = await giveConsent(caseId, personId, jgz);
    expect((await jgz.agent.get(api(`/cases/${caseId}`))).json().access.level).toBe('content');
    expect((await jgz.agent.get(api(`/cases/${caseId}/timeline`))).statusCode).toBe(200);
    const w = await coordinator.agent.post(api(`/cases/${caseId}/consents/${consentId}/withdraw`), { note: 'Moeder wil dit niet meer' });
    expect(w.statusCode).toBe(201);
    const after = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(after.access.level).toBe('existence');
    expect(after.content).toBeNull();

    // Every consent change is on the timeline and in the access log.
    const events = (await coordinator.agent.get(api(`/cases/${caseId}/timeline?kinds=consent`))).json().items;
    expect(events.map((e: { data: { decision: string } }) => e.data.decision)).toEqual(['withdrawn', 'given', 'given']);
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.objectId, caseId), eq(accessLog.purpose, 'casus (coördinator knooppunt): toestemming ingetrokken')));
    expect(logged).toHaveLength(1);
    const consents = (await coordinator.agent.get(api(`/cases/${caseId}`))).json().content.consents;
    expect(consents.find((k: { id: string }) => k.id === consentId)).toMatchObject({ currentState: 'withdrawn', isLatest: false });
  });

  it('nobody grants themselves consent: a record naming the recorder’s own organisation counts only once the director or coordinator confirms it', async () => {
    const { caseId, personId } = await openCase('Zelfgunst');
    await giveConsent(caseId, personId, midwife);
    await makeDirector(caseId, midwife);
    const consentId = await giveConsent(caseId, personId, jgz);
    await addToTeam(caseId, jgz);
    expect((await jgz.agent.get(api(`/cases/${caseId}`))).json().access.level).toBe('content');
    await coordinator.agent.post(api(`/cases/${caseId}/consents/${consentId}/withdraw`), { note: 'Moeder trekt in' });
    expect((await jgz.agent.get(api(`/cases/${caseId}`))).json().access.level).toBe('existence');

    // The member whose consent was withdrawn records a fresh one for her own organisation: it is kept, but waits.
    const self = await jgz.agent.post(api(`/cases/${caseId}/consents`), s.consent(personId, jgz.user.organisationId!));
    expect(self.statusCode).toBe(201);
    const selfId = self.json().ids[0];
    expect(self.json().pendingIds).toEqual([selfId]);
    const still = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(still.access.level).toBe('existence');
    expect(still.content).toBeNull();
    expect((await jgz.agent.get(api(`/cases/${caseId}/timeline`))).statusCode).toBe(403);
    // Nor does it count anywhere else the consent rule is read: the person's details stay closed to her.
    expect((await jgz.agent.get(api(`/persons/${personId}`))).statusCode).toBe(404);

    // She cannot confirm it herself; a colleague outside the direction cannot; the director (another organisation) can.
    expect((await jgz.agent.post(api(`/cases/${caseId}/consents/${selfId}/confirm`), {})).statusCode).toBe(403);
    expect((await outsider.agent.post(api(`/cases/${caseId}/consents/${selfId}/confirm`), {})).statusCode).toBe(404);
    const listed = (await midwife.agent.get(api(`/cases/${caseId}`))).json();
    expect(listed.abilities).toMatchObject({ confirmConsent: true, direct: true });
    expect(listed.content.consents.find((k: { id: string }) => k.id === selfId)).toMatchObject({ pending: true, mayConfirm: true, currentState: 'withdrawn' });
    expect((await midwife.agent.post(api(`/cases/${caseId}/consents/${selfId}/confirm`), {})).statusCode).toBe(200);
    expect((await midwife.agent.post(api(`/cases/${caseId}/consents/${selfId}/confirm`), {})).statusCode).toBe(409);
    expect((await jgz.agent.get(api(`/cases/${caseId}`))).json().access.level).toBe('content');
    const events = (await coordinator.agent.get(api(`/cases/${caseId}/timeline?kinds=consent`))).json().items;
    expect(events[0]).toMatchObject({ kind: 'consent', data: { decision: 'confirmed', consentId: selfId } });

    // The director's own organisation: she records it, so the coordinator confirms, not she herself.
    const own = await midwife.agent.post(api(`/cases/${caseId}/consents`), s.consent(personId, midwife.user.organisationId!, { purpose: 'share_plan' }));
    const ownId = own.json().pendingIds[0];
    expect((await midwife.agent.post(api(`/cases/${caseId}/consents/${ownId}/confirm`), {})).statusCode).toBe(403);
    expect((await coordinator.agent.post(api(`/cases/${caseId}/consents/${ownId}/confirm`), {})).statusCode).toBe(200);
    // A refusal or withdrawal for one's own organisation counts at once.
    const refusal = await jgz.agent.post(api(`/cases/${caseId}/consents`), s.consent(personId, jgz.user.organisationId!, { decision: 'refused' }));
    expect(refusal.json().pendingIds).toEqual([]);
    expect((await jgz.agent.get(api(`/cases/${caseId}`))).json().access.level).toBe('existence');
  });

  it('an expired consent no longer opens the content; consent for the plan only shows the plan', async () => {
    const { caseId, personId } = await openCase('Peters');
    await addToTeam(caseId, jgz, { withoutConsent: true });
    await giveConsent(caseId, personId, jgz, coordinator, { validFrom: '2025-01-01', validUntil: '2025-12-31' });
    const page = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(page.access.level).toBe('existence');
    expect(
      (await coordinator.agent.get(api(`/cases/${caseId}`))).json().content.careTeam.find((m: { userId: string }) => m.userId === jgz.user.id).consent,
    ).toBe('expired');
    await giveConsent(caseId, personId, jgz, coordinator, { purpose: 'share_plan' });
    const plan = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(plan.access.level).toBe('plan');
    expect(plan.content).toBeNull();
    expect(plan.plan).toMatchObject({ current: null, draft: null });
    expect((await jgz.agent.get(api(`/cases/${caseId}/plans`))).statusCode).toBe(200);
    expect((await jgz.agent.get(api(`/cases/${caseId}/timeline`))).statusCode).toBe(403);
  });

  it('a written consent keeps its form for download; a refusal keeps content closed; a spoken consent has no form', async () => {
    const { caseId, personId } = await openCase('Formulier');
    await addToTeam(caseId, jgz, { withoutConsent: true });
    const pdf = Buffer.from('%PDF-1.4\n% toestemmingsformulier\n');
    const spoken = await coordinator.agent.post(
      api(`/cases/${caseId}/consents`),
      consent(personId, jgz.user.organisationId!, { form: { name: 'toestemming.pdf', type: 'application/pdf', base64: pdf.toString('base64') } }),
    );
    expect(spoken.json().error.details).toEqual([{ path: 'body.form', code: 'form_needs_written' }]);
    await giveConsent(caseId, personId, jgz, coordinator, { decision: 'refused' });
    expect((await jgz.agent.get(api(`/cases/${caseId}`))).json().access.level).toBe('existence');
    const id = await giveConsent(caseId, personId, midwife, coordinator, {
      how: 'written',
      form: { name: 'toestemming.pdf', type: 'application/pdf', base64: pdf.toString('base64') },
    });
    const page = (await coordinator.agent.get(api(`/cases/${caseId}`))).json();
    expect(page.content.consents.find((k: { id: string }) => k.id === id)).toMatchObject({ hasForm: true, how: 'written' });
    expect(page.content.consents.find((k: { organisationId: string }) => k.organisationId === jgz.user.organisationId)).toMatchObject({
      decision: 'refused',
      currentState: 'refused',
    });
    const form = await midwife.agent.get(api(`/cases/${caseId}/consents/${id}/form`));
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toBe('application/pdf');
    expect(form.rawPayload.equals(pdf)).toBe(true);
    // Without consent of one's own: no forms either.
    expect((await jgz.agent.get(api(`/cases/${caseId}/consents/${id}/form`))).statusCode).toBe(403);
    expect((await outsider.agent.get(api(`/cases/${caseId}/consents/${id}/form`))).statusCode).toBe(404);
  });

  it('validates consent: who may give it, periods, referral detail, recipients', async () => {
    const { caseId, personId } = await openCase('Hendriks');
    const child = await midwife.agent.post(api(`/persons/${personId}/members`), {
      givenName: 'Sem',
      familyName: 'Hendriks',
      dateOfBirth: '2020-03-03',
      householdRole: 'child',
      municipalityId: scene.municipality.id,
    });
    expect(child.statusCode, child.body).toBe(201);
    const bad = async (body: Record<string, unknown>) => {
      const res = await coordinator.agent.post(api(`/cases/${caseId}/consents`), body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`);
    };
    expect(await bad(consent(child.json().id, jgz.user.organisationId!))).toEqual(['body.givenByPersonId:too_young_to_consent']);
    expect(await bad(consent(personId, jgz.user.organisationId!, { validFrom: '2026-05-01', validUntil: '2026-04-01' }))).toContain(
      'body.validUntil:before_start',
    );
    expect(await bad(consent(personId, jgz.user.organisationId!, { purpose: 'referral' }))).toContain('body.purposeDetail:required');
    expect(
      await bad(consent(personId, jgz.user.organisationId!, { recipients: [{ organisationId: jgz.user.organisationId, userId: midwife.user.id }] })),
    ).toEqual(['body.recipients.0.userId:not_in_organisation']);
    expect(await bad(consent(personId, jgz.user.organisationId!, { recipients: [] }))).toContain('body.recipients:required');
  });

  it('consent can name an organisation before anyone of it is in the care team; it applies when a member joins; one decision is one timeline line', async () => {
    const { caseId, personId } = await openCase('Vooraf');
    const ggz = await buildOrganisation(t.db, { regionId: scene.region.id, name: `GGZ Vooraf ${caseId.slice(0, 6)}`, type: 'ggz' });
    const foreign = await buildOrganisation(t.db, { regionId: (await buildScene(t.db)).region.id, name: `GGZ Vooraf ver ${caseId.slice(0, 6)}` });
    // Without a name: the care team's organisations; with one: any of the region (not of another region).
    const pick = async (q?: string) =>
      (await coordinator.agent.get(api(`/cases/${caseId}/consent-organisations${q ? `?q=${encodeURIComponent(q)}` : ''}`))).json().items;
    expect(await pick()).toEqual([{ id: midwife.user.organisationId, name: expect.any(String), inCareTeam: true }]);
    const found = await pick('GGZ Vooraf');
    expect(found[0]).toMatchObject({ id: midwife.user.organisationId, inCareTeam: true });
    expect(found).toContainEqual({ id: ggz.id, name: ggz.name, inCareTeam: false });
    expect(found.map((x: { id: string }) => x.id)).not.toContain(foreign.id);
    // Someone outside the case gets nothing to pick from.
    expect((await outsider.agent.get(api(`/cases/${caseId}/consent-organisations?q=GGZ`))).statusCode).toBe(404);

    // The parents consent for the GGZ, the JGZ and the midwife's practice at once: one line on the timeline.
    const res = await coordinator.agent.post(
      api(`/cases/${caseId}/consents`),
      consent(personId, ggz.id, {
        recipients: [{ organisationId: ggz.id }, { organisationId: jgz.user.organisationId }, { organisationId: midwife.user.organisationId }],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const events = (await coordinator.agent.get(api(`/cases/${caseId}/timeline?kinds=consent`))).json().items;
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ decision: 'given', purpose: 'case_discussion', consentIds: res.json().ids });
    expect(events[0].data.recipients.map((r: { name: string }) => r.name)).toContain(ggz.name);
    expect(events[0].data.recipients).toHaveLength(3);

    // A JGZ nurse joins later: no question about consent, and she sees the content at once.
    const add = await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { userId: jgz.user.id, roleInCase: 'JGZ' });
    expect(add.statusCode, add.body).toBe(201);
    const page = (await jgz.agent.get(api(`/cases/${caseId}`))).json();
    expect(page.access.level).toBe('content');
    // What she may not do comes with the reason, for the page to say (policy.caseAbilityReasons).
    expect(page.abilityReasons).toEqual({
      direct: 'not_director',
      confirmConsent: 'not_director',
      nameProcessDirector: 'coordinator_only',
      changePhase: 'not_director',
    });
    expect((await coordinator.agent.get(api(`/cases/${caseId}`))).json().abilityReasons).toEqual({ refer: 'not_in_care_team' });
    expect(page.content.careTeam.find((m: { userId: string }) => m.userId === jgz.user.id)).toMatchObject({ consent: 'given' });
    // An organisation of another region is not one consent can name here.
    const far = await coordinator.agent.post(api(`/cases/${caseId}/consents`), consent(personId, foreign.id));
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details).toEqual([{ path: 'body.recipients.0.organisationId', code: 'unknown_organisation' }]);
  });
});

describe('phases', () => {
  it('every transition records who, when and why; refusals answer 409 with the allowed phases', async () => {
    const { caseId, personId } = await openCase('Willems');
    await giveConsent(caseId, personId, midwife);
    // A care-team member who is not the director changes no phase.
    const member = await midwife.agent.post(api(`/cases/${caseId}/phase`), { version: await version(caseId), to: 'verkennen' });
    expect(member.statusCode).toBe(409);
    expect(member.json().error).toMatchObject({ code: 'transition_not_allowed', allowed: [] });

    const skip = await coordinator.agent.post(api(`/cases/${caseId}/phase`), { version: await version(caseId), to: 'steun_op_maat' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error).toMatchObject({ details: [{ path: 'body.reason', code: 'reason_required' }] });
    const stale = await coordinator.agent.post(api(`/cases/${caseId}/phase`), {
      version: 0,
      to: 'steun_op_maat',
      reason: 'Vraag is helder: alleen schuldhulp',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const ok = await coordinator.agent.post(api(`/cases/${caseId}/phase`), {
      version: await version(caseId),
      to: 'steun_op_maat',
      reason: 'Vraag is helder: alleen schuldhulp',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const back = await coordinator.agent.post(api(`/cases/${caseId}/phase`), { version: ok.json().version, to: 'verkennen' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.allowed).toEqual(['signaleren', 'afgesloten']);

    // Closing needs a reason and an evaluation; a closed case is read-only.
    const v = ok.json().version;
    expect((await coordinator.agent.post(api(`/cases/${caseId}/phase`), { version: v, to: 'afgesloten' })).json().error.details[0].path).toBe(
      'body.closeReason',
    );
    expect(
      (await coordinator.agent.post(api(`/cases/${caseId}/phase`), { version: v, to: 'afgesloten', closeReason: 'goals_reached' })).json().error.details[0]
        .path,
    ).toBe('body.evaluationNote');
    const closed = await coordinator.agent.post(api(`/cases/${caseId}/phase`), {
      version: v,
      to: 'afgesloten',
      closeReason: 'goals_reached',
      evaluationNote: 'Schulden geregeld, moeder redt het zelf.',
    });
    expect(closed.statusCode).toBe(200);
    expect((await coordinator.agent.post(api(`/cases/${caseId}/notes`), { text: 'Nog iets' })).json().error.code).toBe('case_closed');
    expect(
      (await midwife.agent.post(api(`/cases/${caseId}/phase`), { version: closed.json().version, to: 'steun_op_maat', reason: 'Opnieuw zorgen' })).statusCode,
    ).toBe(409);

    // Only the coordinator reopens, with a reason, to the phase before closing.
    const reopened = await coordinator.agent.post(api(`/cases/${caseId}/phase`), {
      version: closed.json().version,
      to: 'steun_op_maat',
      reason: 'Nieuwe schuldeiser gemeld',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const page = (await coordinator.agent.get(api(`/cases/${caseId}`))).json();
    expect(page).toMatchObject({ phase: 'steun_op_maat', closeReason: null, closedAt: null });
    const phases = (await coordinator.agent.get(api(`/cases/${caseId}/timeline?kinds=phase`))).json().items;
    expect(phases.map((e: { data: { from: string; to: string } }) => `${e.data.from}>${e.data.to}`)).toEqual([
      'afgesloten>steun_op_maat',
      'steun_op_maat>afgesloten',
      'signaleren>steun_op_maat',
    ]);
    expect(phases[2]).toMatchObject({ actorName: coordinator.user.displayName, data: { reason: 'Vraag is helder: alleen schuldhulp' } });
  });
});

describe('regie', () => {
  it('the proposed director must accept; until then the previous one stays responsible', async () => {
    const { caseId, personId } = await openCase('Claessen');
    await giveConsent(caseId, personId, midwife);
    await giveConsent(caseId, personId, jgz);
    await addToTeam(caseId, jgz);
    // Only care-team members (or the municipality's coordinators) can be proposed; outsiders cannot propose.
    expect((await coordinator.agent.post(api(`/cases/${caseId}/directors`), { userId: outsider.user.id })).json().error.details[0].code).toBe(
      'not_in_care_team',
    );
    expect((await jgz.agent.post(api(`/cases/${caseId}/directors`), { userId: jgz.user.id })).statusCode).toBe(403);
    await makeDirector(caseId, midwife);
    expect((await coordinator.agent.get(api(`/cases/${caseId}`))).json()).toMatchObject({ director: { userId: midwife.user.id }, withoutDirectorSince: null });

    // Hand-over: the director proposes JGZ; the midwife stays director until JGZ accepts.
    const p = await midwife.agent.post(api(`/cases/${caseId}/directors`), { userId: jgz.user.id, note: 'JGZ ziet het gezin wekelijks' });
    expect(p.statusCode).toBe(201);
    expect((await coordinator.agent.get(api(`/cases/${caseId}`))).json().director.userId).toBe(midwife.user.id);
    expect((await midwife.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {})).statusCode).toBe(403);
    const mine = (await jgz.agent.get(api('/cases/mine'))).json().items.find((x: { id: string }) => x.id === caseId);
    expect(mine).toMatchObject({ nextStep: 'answer_regie_proposal', proposal: { id: p.json().id, kind: 'case' } });
    const [note] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, jgz.user.id), eq(notifications.kind, 'regie_proposed'), eq(notifications.caseId, caseId)));
    expect(note).toBeDefined();
    expect((await jgz.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {})).statusCode).toBe(200);
    const page = (await coordinator.agent.get(api(`/cases/${caseId}`))).json();
    expect(page.director.userId).toBe(jgz.user.id);
    expect(page.content.directors.map((d: { userId: string; status: string }) => [d.userId, d.status])).toEqual([
      [jgz.user.id, 'current'],
      [midwife.user.id, 'ended'],
    ]);
    const history = await t.db.select().from(caseDirectors).where(eq(caseDirectors.caseId, caseId));
    expect(history.map((d) => d.status).sort()).toEqual(['current', 'ended']);
    // Answered twice: the second gets a conflict.
    expect((await jgz.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {})).statusCode).toBe(409);
  });

  it('only the coordinator names a process director; the case director sends the case back to the hub with a reason', async () => {
    const { caseId, personId } = await openCase('Procesregie');
    await giveConsent(caseId, personId, midwife);
    await giveConsent(caseId, personId, jgz);
    await addToTeam(caseId, jgz);
    await makeDirector(caseId, midwife);
    expect((await midwife.agent.post(api(`/cases/${caseId}/directors`), { userId: jgz.user.id, kind: 'process' })).statusCode).toBe(403);
    const p = await coordinator.agent.post(api(`/cases/${caseId}/directors`), { userId: jgz.user.id, kind: 'process' });
    expect(p.statusCode).toBe(201);
    expect((await jgz.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {})).statusCode).toBe(200);
    const page = (await coordinator.agent.get(api(`/cases/${caseId}`))).json();
    // The process director does not replace the case director.
    expect(page.director.userId).toBe(midwife.user.id);
    expect(
      page.content.directors
        .filter((d: { status: string }) => d.status === 'current')
        .map((d: { kind: string }) => d.kind)
        .sort(),
    ).toEqual(['case', 'process']);

    const v = page.version;
    const forward = await midwife.agent.post(api(`/cases/${caseId}/phase`), { version: v, to: 'verkennen' });
    expect(forward.statusCode).toBe(200);
    const noReason = await midwife.agent.post(api(`/cases/${caseId}/phase`), { version: forward.json().version, to: 'signaleren' });
    expect(noReason.json().error.details).toEqual([{ path: 'body.reason', code: 'reason_required' }]);
    const back = await midwife.agent.post(api(`/cases/${caseId}/phase`), {
      version: forward.json().version,
      to: 'signaleren',
      reason: 'Vraag blijkt breder: terug naar het knooppunt',
    });
    expect(back.statusCode).toBe(200);
    // Closing is possible for the director; reopening is not.
    expect((await midwife.agent.get(api(`/cases/${caseId}`))).json().allowedTransitions).toEqual(['verkennen', 'steun_op_maat', 'afgesloten']);
  });

  it('concurrent proposals and acceptances leave exactly one current director (database constraint)', async () => {
    const { caseId, personId } = await openCase('Gerards');
    await giveConsent(caseId, personId, jgz);
    await giveConsent(caseId, personId, wijkteam);
    await addToTeam(caseId, jgz);
    await addToTeam(caseId, wijkteam);
    const proposals = await Promise.all(
      [jgz, wijkteam, midwife].map((who) => coordinator.agent.post(api(`/cases/${caseId}/directors`), { userId: who.user.id })),
    );
    expect(proposals.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(proposals.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'proposal_pending')).toBe(true);
    const winner = proposals.find((r) => r.statusCode === 201)!.json().id;
    const [row] = await t.db.select().from(caseDirectors).where(eq(caseDirectors.id, winner));
    const accepter = [jgz, wijkteam, midwife].find((s) => s.user.id === row!.userId)!;
    const accepts = await Promise.all([1, 2, 3].map(() => accepter.agent.post(api(`/cases/${caseId}/directors/${winner}/accept`), {})));
    expect(accepts.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);

    // The database itself refuses a second current director, whatever the application does.
    const second = t.db.insert(caseDirectors).values({ caseId, userId: wijkteam.user.id, kind: 'case', status: 'current' });
    const third = t.db.insert(caseDirectors).values({ caseId, userId: midwife.user.id, kind: 'case', status: 'current' });
    const results = await Promise.allSettled([second, third]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const current = await t.db
      .select()
      .from(caseDirectors)
      .where(and(eq(caseDirectors.caseId, caseId), eq(caseDirectors.status, 'current')));
    expect(current).toHaveLength(1);
  });

  it('a case without an accepted director escalates after five Dutch working days, holidays excluded, once', async () => {
    const { caseId } = await openCase('Kerstmis');
    // Clock started on Tuesday 22 December 2026: Christmas (Fri 25) and the weekend do not count.
    await t.db
      .update(cases)
      .set({ withoutDirectorSince: new Date('2026-12-22T10:00:00Z') })
      .where(eq(cases.id, caseId));
    await runRegieEscalation(t.db, new Date('2026-12-30T12:00:00Z'), 5);
    expect((await t.db.select().from(cases).where(eq(cases.id, caseId)))[0]!.regieEscalatedAt).toBeNull();
    await runRegieEscalation(t.db, new Date('2026-12-31T12:00:00Z'), 5);
    const [row] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.regieEscalatedAt).toEqual(new Date('2026-12-31T12:00:00Z'));
    const notes = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'regie_escalated')));
    expect(notes.map((n) => n.userId)).toEqual([coordinator.user.id]);
    await runRegieEscalation(t.db, new Date('2027-01-04T12:00:00Z'), 5);
    expect(
      await t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'regie_escalated'))),
    ).toHaveLength(1);
    const board = (await coordinator.agent.get(api('/cases/board?escalated=true'))).json();
    expect(board.items.map((x: { id: string }) => x.id)).toContain(caseId);
    expect(board.counts.escalated).toBeGreaterThanOrEqual(1);
  });

  it('nothing is half-written when a write fails in the middle (forced failure in the transaction)', async () => {
    const { caseId, personId } = await openCase('Faalpunt');
    await giveConsent(caseId, personId, jgz);
    await addToTeam(caseId, jgz);
    const p = await coordinator.agent.post(api(`/cases/${caseId}/directors`), { userId: jgz.user.id });
    // The timeline insert comes after the director rows and the case are updated: make exactly it fail.
    await t.db.execute(sql`CREATE FUNCTION test_fail_regie() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.data->>'action' = 'accepted' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$`);
    await t.db.execute(sql`CREATE TRIGGER test_fail_regie BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION test_fail_regie()`);
    try {
      const res = await jgz.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {});
      expect(res.statusCode).toBe(500);
    } finally {
      await t.db.execute(sql`DROP TRIGGER test_fail_regie ON case_events`);
      await t.db.execute(sql`DROP FUNCTION test_fail_regie()`);
    }
    const [c] = await t.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c!.directorId).toBeNull();
    const [proposal] = await t.db.select().from(caseDirectors).where(eq(caseDirectors.id, p.json().id));
    expect(proposal!.status).toBe('proposed');
    expect((await jgz.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {})).statusCode).toBe(200);
  });
});

describe('break the glass', () => {
  it('a professional of the municipality gets two hours with a reason; logged, notified, reviewed; then it ends', async () => {
    const { caseId, personId } = await openCase('Noodgeval');
    await giveConsent(caseId, personId, midwife);
    await makeDirector(caseId, midwife);
    expect((await outsider.agent.get(api(`/cases/${caseId}`))).statusCode).toBe(404);
    const short = await outsider.agent.post(api(`/cases/${caseId}/emergency-access`), { reason: 'nodig' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0]).toMatchObject({ path: 'body.reason', code: 'reason_too_short' });
    // Someone working elsewhere, or an admin of another region, cannot break the glass here.
    for (const who of [elsewhere, foreignAdmin, otherCoordinator])
      expect((await who.agent.post(api(`/cases/${caseId}/emergency-access`), { reason: 'Acute zorg op de huisartsenpost' })).statusCode).toBe(404);

    const g = await outsider.agent.post(api(`/cases/${caseId}/emergency-access`), { reason: 'Acute zorg op de huisartsenpost, moeder onwel' });
    expect(g.statusCode).toBe(201);
    const minutes = (new Date(g.json().expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(118);
    expect(minutes).toBeLessThanOrEqual(120);
    const page = (await outsider.agent.get(api(`/cases/${caseId}`))).json();
    expect(page.access).toEqual({ level: 'content', basis: 'emergency' });
    const log = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.objectId, caseId), eq(accessLog.userId, outsider.user.id)));
    expect(log.map((l) => l.eventType)).toEqual(expect.arrayContaining(['emergency_access']));
    // Her reads under the grant are emergency access; the 404 before it is logged as a refused attempt.
    expect(log.filter((l) => l.outcome === 'success').every((l) => l.eventType === 'emergency_access')).toBe(true);
    expect(log.filter((l) => l.outcome === 'denied').map((l) => l.eventType)).toEqual(['read']);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'emergency_access')));
    expect(told.map((n) => n.userId).sort()).toEqual([coordinator.user.id, midwife.user.id].sort());

    // The coordinator reviews afterwards; the director cannot.
    const grants = (await coordinator.agent.get(api(`/cases/${caseId}`))).json().content.emergency;
    expect(grants[0]).toMatchObject({ userId: outsider.user.id, review: null });
    expect((await midwife.agent.post(api(`/cases/${caseId}/emergency-access/${g.json().id}/review`), { review: 'approved' })).statusCode).toBe(404);
    const reviewed = await coordinator.agent.post(api(`/cases/${caseId}/emergency-access/${g.json().id}/review`), {
      review: 'improper',
      note: 'Geen acute situatie',
    });
    expect(reviewed.json()).toMatchObject({ review: 'improper' });
    expect((await coordinator.agent.post(api(`/cases/${caseId}/emergency-access/${g.json().id}/review`), { review: 'approved' })).statusCode).toBe(404);

    // Expired: back to 404.
    await t.db
      .update(emergencyAccess)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emergencyAccess.id, g.json().id));
    expect((await outsider.agent.get(api(`/cases/${caseId}`))).statusCode).toBe(404);
  });

  it('an admin of the region sees a case only after giving a reason, logged as emergency access', async () => {
    const { caseId } = await openCase('Beheer');
    expect((await admin.agent.get(api(`/cases/${caseId}`))).statusCode).toBe(404);
    expect((await admin.agent.post(api(`/cases/${caseId}/emergency-access`), { reason: 'Klacht van cliënt onderzoeken (FG-verzoek 12)' })).statusCode).toBe(
      201,
    );
    expect((await admin.agent.get(api(`/cases/${caseId}`))).json().access.basis).toBe('emergency');
    expect((await policy.agent.post(api(`/cases/${caseId}/emergency-access`), { reason: 'Ik wil graag meekijken hier' })).statusCode).toBe(404);
  });
});

describe('family plan', () => {
  async function planCase() {
    const { caseId, personId } = await openCase('Plan');
    await giveConsent(caseId, personId, midwife);
    await makeDirector(caseId, midwife);
    return { caseId, personId };
  }

  it('the director drafts, saves with versions, adopts with the parents; adopted versions never change', async () => {
    const { caseId, personId } = await planCase();
    const d = await midwife.agent.post(api(`/cases/${caseId}/plans`));
    expect(d.statusCode).toBe(201);
    const draft = d.json();
    expect(draft).toMatchObject({ number: 1, status: 'draft' });
    expect(draft.content.members).toEqual([{ personId, name: 'Lotte Plan', role: 'mother' }]);
    expect(draft.content.professionals.map((p: { userId: string }) => p.userId)).toEqual([midwife.user.id]);
    // A care-team member who is not the director cannot edit.
    expect((await jgz.agent.post(api(`/cases/${caseId}/plans`))).statusCode).toBe(404);

    const content = {
      ...draft.content,
      strengths: 'Lotte is vindingrijk',
      goals: [{ id: 'g1', lifeDomain: 'meedoen', text: 'Ik wil mijn schulden op een rij' }],
      actions: [
        { id: 'a1', what: 'Aanmelden bij schuldhulp', goalId: 'g1', ownerKind: 'professional', ownerUserId: midwife.user.id, dueDate: '2026-01-15' },
        { id: 'a2', what: 'Post openen en sorteren', goalId: 'g1', ownerKind: 'family', ownerPersonId: personId, dueDate: '2030-01-01' },
      ],
      evaluationDates: ['2027-03-01'],
    };
    const bad = await midwife.agent.put(api(`/cases/${caseId}/plans/1`), {
      version: draft.version,
      content: { ...content, actions: [{ ...content.actions[0], ownerUserId: outsider.user.id }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ path: 'body.content.actions.0.ownerUserId', code: 'not_in_care_team' }]);
    const invalid = await midwife.agent.put(api(`/cases/${caseId}/plans/1`), {
      version: draft.version,
      content: { ...content, goals: [{ id: 'g1', lifeDomain: 'x', text: '' }] },
    });
    expect(invalid.statusCode).toBe(400);
    const saved = await midwife.agent.put(api(`/cases/${caseId}/plans/1`), { version: draft.version, content });
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await midwife.agent.put(api(`/cases/${caseId}/plans/1`), { version: draft.version, content });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'version_conflict',
      currentVersion: saved.json().version,
      current: { strengths: 'Lotte is vindingrijk' },
    });

    const adopted = await midwife.agent.post(api(`/cases/${caseId}/plans/1/adopt`), {
      version: saved.json().version,
      parentsAgreed: true,
      parentsPresent: true,
    });
    expect(adopted.statusCode).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted', parentsAgreed: true, parentsPresent: true });
    expect((await midwife.agent.put(api(`/cases/${caseId}/plans/1`), { version: adopted.json().version, content })).json().error.details[0].code).toBe(
      'plan_adopted',
    );
    await expect(t.db.execute(sql`UPDATE family_plans SET content = '{}'::jsonb WHERE case_id = ${caseId}`)).rejects.toThrow();

    // The owner's overdue action shows on her dashboard.
    const mine = (await midwife.agent.get(api('/cases/mine'))).json().items.find((x: { id: string }) => x.id === caseId);
    expect(mine).toMatchObject({ isDirector: true, nextStep: 'overdue_actions', overdueCount: 1 });
    expect(mine.myActions.map((a: { id: string }) => a.id)).toEqual(['a1']);

    // A second version starts from the first; the comparison names what changed.
    const v2 = (await midwife.agent.post(api(`/cases/${caseId}/plans`))).json();
    expect(v2).toMatchObject({ number: 2, status: 'draft', content: { strengths: 'Lotte is vindingrijk' } });
    const changed = {
      ...v2.content,
      actions: [{ ...v2.content.actions[0], status: 'done' }, v2.content.actions[1]],
      goals: [...v2.content.goals, { id: 'g2', lifeDomain: 'mentaal_welbevinden', text: 'Beter slapen' }],
    };
    const s2 = await midwife.agent.put(api(`/cases/${caseId}/plans/2`), { version: v2.version, content: changed });
    await midwife.agent.post(api(`/cases/${caseId}/plans/2/adopt`), { version: s2.json().version, parentsAgreed: true, parentsPresent: true });
    const cmp = (await midwife.agent.get(api(`/cases/${caseId}/plans/compare?from=1&to=2`))).json();
    expect(cmp.diff.goals).toEqual([{ kind: 'added', after: { id: 'g2', lifeDomain: 'mentaal_welbevinden', text: 'Beter slapen' } }]);
    expect(cmp.diff.actions).toHaveLength(1);
    expect(cmp.diff.actions[0]).toMatchObject({ kind: 'changed', before: { status: 'open' }, after: { status: 'done' } });
    const plans = (await coordinator.agent.get(api(`/cases/${caseId}`))).json().plan;
    expect(plans.current.number).toBe(2);
    expect(plans.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const events = (await coordinator.agent.get(api(`/cases/${caseId}/timeline?kinds=plan`))).json().items;
    expect(events.map((e: { data: { action: string; number: number } }) => `${e.data.action}${e.data.number}`)).toEqual([
      'adopted2',
      'draft2',
      'adopted1',
      'draft1',
    ]);
  });

  it('a plan is adopted with the parents only: without them present and agreeing it stays a draft, and the answer says why (ADR 016)', async () => {
    const { caseId } = await planCase();
    const draft = (await midwife.agent.post(api(`/cases/${caseId}/plans`))).json();
    const refuse = async (parents: { parentsAgreed: boolean; parentsPresent: boolean }) => {
      const res = await midwife.agent.post(api(`/cases/${caseId}/plans/1/adopt`), { version: draft.version, ...parents });
      expect(res.statusCode).toBe(400);
      return res.json().error.details;
    };
    expect(await refuse({ parentsAgreed: false, parentsPresent: false })).toEqual([
      { path: 'body.parentsPresent', code: 'parents_not_present' },
      { path: 'body.parentsAgreed', code: 'parents_not_agreed' },
    ]);
    expect(await refuse({ parentsAgreed: true, parentsPresent: false })).toEqual([{ path: 'body.parentsPresent', code: 'parents_not_present' }]);
    expect(await refuse({ parentsAgreed: false, parentsPresent: true })).toEqual([{ path: 'body.parentsAgreed', code: 'parents_not_agreed' }]);
    const still = (await midwife.agent.get(api(`/cases/${caseId}/plans/1`))).json();
    expect(still).toMatchObject({ status: 'draft', adoptedAt: null, parentsAgreed: null });
    const events = (await coordinator.agent.get(api(`/cases/${caseId}/timeline?kinds=plan`))).json().items;
    expect(events.map((e: { data: { action: string } }) => e.data.action)).toEqual(['draft']);
    const ok = await midwife.agent.post(api(`/cases/${caseId}/plans/1/adopt`), { version: draft.version, parentsAgreed: true, parentsPresent: true });
    expect(ok.json()).toMatchObject({ status: 'adopted', parentsAgreed: true, parentsPresent: true });
  });

  it('prints an adopted plan as what it is: with the parents, or (before ADR 016) without their agreement — never "agreed" when it was not', async () => {
    const { caseId } = await planCase();
    const draft = (await midwife.agent.post(api(`/cases/${caseId}/plans`))).json();
    await midwife.agent.post(api(`/cases/${caseId}/plans/1/adopt`), { version: draft.version, parentsAgreed: true, parentsPresent: true });
    const text = async (lang: string) => (await midwife.agent.get(api(`/cases/${caseId}/plans/1/pdf?lang=${lang}`))).rawPayload.toString('latin1');
    expect(await text('nl')).toContain('Samen met de ouders vastgesteld');
    expect(await text('en')).toContain('Adopted together with the parents');
    // A version adopted before the rule, without the parents' agreement: written as the old code did, in one statement.
    const v2 = (await midwife.agent.post(api(`/cases/${caseId}/plans`))).json();
    await t.db.execute(
      sql`UPDATE family_plans SET status = 'adopted', adopted_at = now(), adopted_by_id = ${midwife.user.id}, parents_agreed = false, parents_present = true WHERE case_id = ${caseId} AND number = ${v2.number}`,
    );
    const nl = (await midwife.agent.get(api(`/cases/${caseId}/plans/${v2.number}/pdf?lang=nl`))).rawPayload.toString('latin1');
    expect(nl).toContain('Vastgesteld zonder akkoord van de ouders');
    expect(nl).not.toContain('ouders zijn akkoord');
    const en = (await midwife.agent.get(api(`/cases/${caseId}/plans/${v2.number}/pdf?lang=en`))).rawPayload.toString('latin1');
    expect(en).toContain('Adopted without the parents');
    expect(en).not.toContain('agreed on');
  });

  it('prints the plan as a PDF in Dutch and English, logged as an export', async () => {
    const { caseId } = await planCase();
    await midwife.agent.post(api(`/cases/${caseId}/plans`));
    const nl = await midwife.agent.get(api(`/cases/${caseId}/plans/1/pdf`));
    expect(nl.statusCode).toBe(200);
    expect(nl.headers['content-type']).toBe('application/pdf');
    expect(nl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(nl.rawPayload.toString('latin1')).toContain('(Ons gezinsplan: Concept, versie 1)');
    const en = await midwife.agent.get(api(`/cases/${caseId}/plans/1/pdf?lang=en`));
    expect(en.rawPayload.toString('latin1')).toContain('(Our family plan: Draft, version 1)');
    expect((await outsider.agent.get(api(`/cases/${caseId}/plans/1/pdf`))).statusCode).toBe(404);
    const exports = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.objectId, caseId), eq(accessLog.eventType, 'export')));
    expect(exports).toHaveLength(2);
  });
});

describe('work lists', () => {
  it('the coordinator’s board counts open cases per phase and those without a director; filters narrow the list', async () => {
    const { caseId } = await openCase('Bordman');
    const board = (await coordinator.agent.get(api(`/cases/board?municipalityId=${scene.municipality.id}`))).json();
    expect(board.counts.phases.signaleren).toBeGreaterThanOrEqual(1);
    expect(board.counts.withoutDirector).toBeGreaterThanOrEqual(1);
    expect(board.items.find((x: { id: string }) => x.id === caseId)).toMatchObject({ phase: 'signaleren', directorName: null, teamSize: 1 });
    const [open] = await t.db
      .execute<{ n: string }>(sql`SELECT count(*) AS n FROM cases WHERE municipality_id = ${scene.municipality.id} AND phase = 'signaleren'`)
      .then((r) => r.rows);
    expect(board.counts.phases.signaleren).toBe(Number(open!.n));
    const filtered = (await coordinator.agent.get(api('/cases/board?phase=steun_op_maat'))).json();
    expect(filtered.items.every((x: { phase: string }) => x.phase === 'steun_op_maat')).toBe(true);
    const without = (await coordinator.agent.get(api('/cases/board?withoutDirector=true'))).json();
    expect(without.items.every((x: { directorName: string | null }) => x.directorName === null)).toBe(true);
    expect(without.items.map((x: { id: string }) => x.id)).toContain(caseId);
  });
});
