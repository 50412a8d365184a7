import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../lib/api';
import type { CasePage } from './api';
import { consentByOrganisation, nextStep } from './case-summary';

/** The summary head's rules: consent per organisation and the next step, for whoever looks. */
const t = ((key: string, o?: Record<string, unknown>) => (o ? `${key} ${JSON.stringify(o)}` : key)) as unknown as TFunction;
const me = (id: string) => ({ user: { id } }) as unknown as Me;

function page(
  o: { direct?: boolean; director?: boolean; consents?: unknown[]; directors?: unknown[]; plan?: CasePage['plan']; phase?: CasePage['phase'] } = {},
) {
  return {
    phase: o.phase ?? 'verkennen',
    abilities: { direct: o.direct ?? true },
    director: o.director ? { userId: 'd', name: 'Noor' } : null,
    plan: o.plan ?? { current: null, draft: null, versions: [] },
    content: {
      careTeam: [
        { userId: 'a', organisationId: 'jgz', organisationName: 'JGZ' },
        { userId: 'b', organisationId: 'vk', organisationName: 'Verloskunde' },
      ],
      consents: o.consents ?? [],
      directors: o.directors ?? [],
    },
  } as unknown as CasePage;
}
const consent = (organisationId: string, currentState: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  organisationName: organisationId.toUpperCase(),
  purpose: 'case_discussion',
  userId: null,
  isLatest: true,
  currentState,
  pending: false,
  ...extra,
});
const action = (ownerUserId: string, dueDate: string) => ({
  id: ownerUserId + dueDate,
  what: 'x',
  ownerKind: 'professional',
  ownerUserId,
  dueDate,
  status: 'open',
});
const plan = (actions: unknown[], draft = false) =>
  ({ current: { number: 1, content: { actions } }, draft: draft ? { number: 2 } : null, versions: [] }) as unknown as CasePage['plan'];

describe('consent per organisation', () => {
  it('lists every team organisation (none until recorded) and organisations named before anyone of them joined', () => {
    const c = page({
      consents: [
        consent('jgz', 'given'),
        consent('ggz', 'given'),
        consent('vk', 'refused', { isLatest: false }),
        consent('jgz', 'given', { purpose: 'share_plan' }),
      ],
    });
    expect(consentByOrganisation(c).map((x) => `${x.id}:${x.state}`)).toEqual(['jgz:given', 'vk:none', 'ggz:given']);
  });
  it('a record naming one professional does not speak for the organisation; a pending one is marked so', () => {
    const c = page({ consents: [consent('jgz', 'given', { userId: 'a' }), consent('vk', 'given', { pending: true })] });
    expect(consentByOrganisation(c).map((x) => `${x.id}:${x.state}:${x.pending}`)).toEqual(['jgz:none:false', 'vk:given:true']);
  });
});

describe('the next step', () => {
  it('for whoever directs: consent, then a director, then the plan, then overdue actions', () => {
    expect(nextStep(page(), me('c'), t)?.text).toBe('cases.next.recordConsent');
    const withConsent = { consents: [consent('jgz', 'given')] };
    expect(nextStep(page(withConsent), me('c'), t)).toEqual({ text: 'cases.next.proposeDirector', tab: 'team' });
    expect(nextStep(page({ ...withConsent, directors: [{ userId: 'a', name: 'Noor', status: 'proposed' }] }), me('c'), t)?.text).toContain(
      'cases.next.awaitDirector',
    );
    expect(nextStep(page({ ...withConsent, director: true }), me('c'), t)).toEqual({ text: 'cases.next.firstPlan', tab: 'plan' });
    expect(nextStep(page({ ...withConsent, director: true, plan: plan([], true) }), me('c'), t)?.text).toContain('cases.next.adoptDraft');
    expect(nextStep(page({ ...withConsent, director: true, plan: plan([action('a', '2020-01-01'), action('b', '2099-01-01')]) }), me('c'), t)?.text).toBe(
      'cases.next.overdue {"count":1}',
    );
    expect(nextStep(page({ ...withConsent, director: true, plan: plan([action('b', '2099-01-01')]) }), me('c'), t)).toBeNull();
  });
  it('the person proposed answers first, whoever she is', () => {
    expect(nextStep(page({ direct: false, directors: [{ userId: 'a', name: 'Noor', status: 'proposed' }] }), me('a'), t)?.text).toBe(
      'cases.next.answerProposal',
    );
  });
  it('a member who does not direct gets only her own overdue actions, never the director’s steps', () => {
    const c = page({ direct: false, director: true, plan: plan([action('a', '2020-01-01'), action('b', '2020-01-01'), action('b', '2020-02-01')], true) });
    expect(nextStep(c, me('b'), t)?.text).toBe('cases.next.myOverdue {"count":2}');
    expect(nextStep(page({ direct: false }), me('b'), t)).toBeNull();
  });
  it('a closed case has no next step', () => {
    expect(nextStep(page({ phase: 'afgesloten' }), me('c'), t)).toBeNull();
  });
});
