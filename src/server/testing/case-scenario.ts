import { expect } from 'vitest';
import type { buildScene } from './factories.js';
import { randomBsn } from './factories.js';
import type { signedInAs } from './harness.js';

type Signed = Awaited<ReturnType<typeof signedInAs>>;
type Scene = Awaited<ReturnType<typeof buildScene>>;

export const api = (path: string) => `/api/v1${path}`;
export const amsterdamToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/**
 * Steps through the real API that many integration tests need: a professional's client, a signal about her, a case
 * the coordinator opens from it, consent, care-team membership and regie.
 */
export function caseScenario(scene: Scene, coordinator: Signed) {
  async function clientOf(who: Signed, familyName = 'Smeets') {
    const res = await who.agent.post(api('/involvements'), {
      durationMonths: 12,
      person: { givenName: 'Lotte', familyName, dateOfBirth: '2001-05-05', bsn: randomBsn(), municipalityId: scene.municipality.id },
    });
    expect(res.statusCode).toBe(201);
    return res.json().person.id as string;
  }

  async function signalAbout(personId: string, who: Signed) {
    const res = await who.agent.post(api(`/persons/${personId}/signals`), {
      lifeDomains: ['mentaal_welbevinden'],
      riskFactors: ['debts'],
      vulnerabilityLevel: 'vulnerable',
      clientView: 'Zij wil hulp bij geldzaken.',
      discussedWithFamily: true,
      consentToShare: true,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  /** A case opened by the coordinator from the signaller's signal; the signaller is in the care team. */
  async function openCase(signaller: Signed, familyName = 'Smeets') {
    const personId = await clientOf(signaller, familyName);
    const signalId = await signalAbout(personId, signaller);
    const res = await coordinator.agent.post(api('/cases'), { signalId });
    expect(res.statusCode).toBe(201);
    return { caseId: res.json().id as string, personId, signalId };
  }

  const consent = (personId: string, organisationId: string, o: Record<string, unknown> = {}) => ({
    givenByPersonId: personId,
    recipients: [{ organisationId }],
    purpose: 'case_discussion',
    decision: 'given',
    validFrom: amsterdamToday(),
    how: 'spoken',
    ...o,
  });

  async function giveConsent(caseId: string, personId: string, organisationId: string, o: Record<string, unknown> = {}, by: Signed = coordinator) {
    const res = await by.agent.post(api(`/cases/${caseId}/consents`), consent(personId, organisationId, o));
    expect(res.statusCode, res.body).toBe(201);
    return res.json().ids[0] as string;
  }

  async function addToTeam(caseId: string, who: Signed, o: Record<string, unknown> = {}) {
    const res = await coordinator.agent.post(api(`/cases/${caseId}/care-team`), { userId: who.user.id, roleInCase: 'JGZ-verpleegkundige', ...o });
    expect(res.statusCode, res.body).toBe(201);
  }

  async function makeDirector(caseId: string, who: Signed, kind: 'case' | 'process' = 'case') {
    const p = await coordinator.agent.post(api(`/cases/${caseId}/directors`), { userId: who.user.id, ...(kind === 'process' ? { kind } : {}) });
    expect(p.statusCode, p.body).toBe(201);
    const a = await who.agent.post(api(`/cases/${caseId}/directors/${p.json().id}/accept`), {});
    expect(a.statusCode, a.body).toBe(200);
  }

  return { clientOf, signalAbout, openCase, consent, giveConsent, addToTeam, makeDirector };
}
