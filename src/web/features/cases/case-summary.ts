import type { TFunction } from 'i18next';
import type { Me } from '../../lib/api';
import type { CasePage, ConsentState } from './api';

/** Per organisation of the care team or named in a consent: the state of consent for case discussion today. */
export function consentByOrganisation(c: CasePage) {
  const out = new Map<string, { name: string; state: ConsentState; pending: boolean }>();
  for (const m of c.content?.careTeam ?? []) out.set(m.organisationId, { name: m.organisationName, state: 'none', pending: false });
  for (const k of c.content?.consents ?? [])
    if (k.isLatest && k.purpose === 'case_discussion' && !k.userId)
      out.set(k.organisationId, { name: k.organisationName, state: k.currentState, pending: k.pending });
  return [...out.entries()].map(([id, v]) => ({ id, ...v }));
}

/** The one thing to do next on this case for this viewer (the director's steps for whoever directs it), with its tab. */
export function nextStep(c: CasePage, me: Me, t: TFunction): { text: string; tab: string } | null {
  if (c.phase === 'afgesloten' || !c.content) return null;
  const proposals = c.content.directors.filter((d) => d.status === 'proposed');
  const mine = proposals.find((d) => d.userId === me.user.id);
  if (mine) return { text: t('cases.next.answerProposal'), tab: 'team' };
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  const overdueOf = (mineOnly: boolean) =>
    (c.plan?.current?.content.actions ?? []).filter(
      (a) => (a.status === 'open' || a.status === 'in_progress') && a.dueDate && a.dueDate < today && (!mineOnly || a.ownerUserId === me.user.id),
    ).length;
  // A member who does not direct the case: only what is hers to do (her overdue actions); the rest is the director's.
  if (!c.abilities.direct) {
    const n = overdueOf(true);
    return n ? { text: t('cases.next.myOverdue', { count: n }), tab: 'plan' } : null;
  }
  if (!c.content.consents.length) return { text: t('cases.next.recordConsent'), tab: 'team' };
  if (!c.director)
    return proposals.length
      ? { text: t('cases.next.awaitDirector', { name: proposals[0]!.name }), tab: 'team' }
      : { text: t('cases.next.proposeDirector'), tab: 'team' };
  const plan = c.plan;
  if (plan && !plan.current && !plan.draft) return { text: t('cases.next.firstPlan'), tab: 'plan' };
  if (plan?.draft) return { text: t('cases.next.adoptDraft', { number: plan.draft.number }), tab: 'plan' };
  const overdue = overdueOf(false);
  if (overdue) return { text: t('cases.next.overdue', { count: overdue }), tab: 'plan' };
  return null;
}
