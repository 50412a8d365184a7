import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import { mayNameClientInNotification, notificationRecipient } from './notifications.js';

describe('notifications', () => {
  it('are read by their staff recipient only; client accounts have none here', () => {
    expect(notificationRecipient(actor({ userId: 'u7' }))).toBe('u7');
    expect(outcome(() => notificationRecipient(actor({ userId: 'u7', kind: 'client' })))).toBe('not_found');
  });

  it('name the client by the rule of the page they link to', () => {
    const f = (o: Partial<Parameters<typeof mayNameClientInNotification>[1]>) => ({ basis: 'referral' as const, municipalityId: 'm1', party: false, ...o });
    // A side of the referral, the signaller, a match's professional: yes; someone who is not a party: no.
    for (const basis of ['referral', 'signal', 'match'] as const) {
      expect(mayNameClientInNotification(actor(), f({ basis, party: true }))).toBe(true);
      expect(mayNameClientInNotification(actor(), f({ basis, party: false }))).toBe(false);
    }
    // A case: only the coordinator of its municipality (a member may lack consent); a meeting: never.
    expect(mayNameClientInNotification(actor(), f({ basis: 'case', party: true }))).toBe(false);
    expect(mayNameClientInNotification(actor({ role: 'coordinator' }), f({ basis: 'case' }))).toBe(true);
    expect(mayNameClientInNotification(actor({ role: 'coordinator', municipalityIds: ['m2'] }), f({ basis: 'case' }))).toBe(false);
    expect(mayNameClientInNotification(actor({ role: 'coordinator' }), f({ basis: 'meeting', party: true }))).toBe(false);
    expect(mayNameClientInNotification(actor({ kind: 'client' }), f({ party: true }))).toBe(false);
  });
});
