import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedReferralTransitions,
  awaitsAnswer,
  checkReferralChange,
  isFinal,
  isOverdue,
  medianWeeks,
  needsNewReferral,
  REFERRAL_STATUSES,
  type ReferralStatus,
  referralInputSchema,
  responseDueOn,
  responsibleParty,
} from './referrals.js';

describe('referral state machine (closed loop)', () => {
  it('allows exactly the documented steps for the receiver, and refuses every other one with the allowed list', () => {
    const allowed: [ReferralStatus, ReferralStatus][] = [
      ['sent', 'received'],
      ['sent', 'accepted'],
      ['sent', 'declined'],
      ['sent', 'client_withdrew'],
      ['received', 'accepted'],
      ['received', 'declined'],
      ['received', 'client_withdrew'],
      ['accepted', 'waiting_list'],
      ['accepted', 'first_contact'],
      ['accepted', 'help_started'],
      ['accepted', 'client_withdrew'],
      ['accepted', 'could_not_contact'],
      ['waiting_list', 'first_contact'],
      ['waiting_list', 'help_started'],
      ['waiting_list', 'client_withdrew'],
      ['waiting_list', 'could_not_contact'],
      ['first_contact', 'help_started'],
      ['first_contact', 'client_withdrew'],
      ['help_started', 'completed'],
      ['help_started', 'client_withdrew'],
    ];
    const key = (a: string, b: string) => `${a}>${b}`;
    const set = new Set(allowed.map(([a, b]) => key(a, b)));
    for (const from of REFERRAL_STATUSES)
      for (const to of REFERRAL_STATUSES) {
        const r = checkReferralChange({ from, to, side: 'receiver', declineReason: 'no_capacity', expectedStart: '2027-01-04' });
        if (set.has(key(from, to))) expect(r, key(from, to)).toEqual({ ok: true });
        else expect(r, key(from, to)).toEqual({ ok: false, error: 'transition_not_allowed', allowed: allowedReferralTransitions(from, 'receiver') });
      }
  });

  it('lets the sender only record that the client withdrew, before the help is finished', () => {
    for (const from of REFERRAL_STATUSES) {
      const allowed = allowedReferralTransitions(from, 'sender');
      expect(allowed).toEqual(isFinal(from) ? [] : ['client_withdrew']);
    }
    expect(checkReferralChange({ from: 'sent', to: 'accepted', side: 'sender' })).toMatchObject({
      ok: false,
      error: 'transition_not_allowed',
      allowed: ['client_withdrew'],
    });
  });

  it('needs a reason to decline and an expected start for the waiting list', () => {
    expect(checkReferralChange({ from: 'sent', to: 'declined', side: 'receiver' })).toEqual({
      ok: false,
      error: 'decline_reason_required',
      path: 'body.declineReason',
    });
    expect(checkReferralChange({ from: 'accepted', to: 'waiting_list', side: 'receiver' })).toEqual({
      ok: false,
      error: 'expected_start_required',
      path: 'body.expectedStart',
    });
  });

  it('needs an explanation to decline for another reason', () => {
    expect(checkReferralChange({ from: 'sent', to: 'declined', side: 'receiver', declineReason: 'other', note: '  ' })).toEqual({
      ok: false,
      error: 'decline_explanation_required',
      path: 'body.note',
    });
    expect(checkReferralChange({ from: 'sent', to: 'declined', side: 'receiver', declineReason: 'other', note: 'Alleen voor Heerlen' })).toEqual({ ok: true });
    expect(checkReferralChange({ from: 'sent', to: 'declined', side: 'receiver', declineReason: 'no_capacity' })).toEqual({ ok: true });
  });

  it('gives responsibility back to the referrer after a decline or when the client could not be reached', () => {
    expect(responsibleParty('sent')).toBe('sender');
    expect(responsibleParty('accepted')).toBe('receiver');
    expect(responsibleParty('waiting_list')).toBe('receiver');
    expect(responsibleParty('declined')).toBe('sender');
    expect(responsibleParty('could_not_contact')).toBe('sender');
    expect(responsibleParty('completed')).toBe('nobody');
    expect(needsNewReferral('declined')).toBe(true);
    expect(needsNewReferral('completed')).toBe(false);
  });

  it('ends every path in a final status, and nothing leaves a final status', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (choices) => {
        let s: ReferralStatus = 'sent';
        for (const c of choices) {
          const next = allowedReferralTransitions(s, 'receiver');
          if (!next.length) break;
          s = next[c % next.length]!;
        }
        if (isFinal(s)) expect(allowedReferralTransitions(s, 'receiver')).toEqual([]);
        expect(awaitsAnswer(s)).toBe(s === 'sent' || s === 'received');
      }),
    );
  });
});

describe('response-time norm in Dutch working days', () => {
  it('skips weekends', () => {
    expect(responseDueOn('2027-01-08', 1)).toBe('2027-01-11'); // Friday → Monday
    expect(responseDueOn('2027-01-04', 5)).toBe('2027-01-11'); // Monday → next Monday
  });

  it("skips King's Day: sent on Monday 26 April 2027 with a norm of 1 is due on Wednesday 28 April", () => {
    expect(responseDueOn('2027-04-26', 1)).toBe('2027-04-28');
  });

  it('skips Christmas and New Year: sent on Wednesday 23 December 2026', () => {
    // 24 Dec (Thu) 1, [25 and 26 Dec holidays, weekend], 28 (Mon) 2, 29 3, 30 4, 31 5 → due Thursday 31 December.
    expect(responseDueOn('2026-12-23', 5)).toBe('2026-12-31');
    // One more working day jumps over New Year's Day and the weekend.
    expect(responseDueOn('2026-12-23', 6)).toBe('2027-01-04');
  });

  it('is overdue only after the due day and only while waiting for an answer', () => {
    expect(isOverdue('sent', '2027-01-11', '2027-01-11')).toBe(false);
    expect(isOverdue('sent', '2027-01-11', '2027-01-12')).toBe(true);
    expect(isOverdue('received', '2027-01-11', '2027-01-12')).toBe(true);
    expect(isOverdue('accepted', '2027-01-11', '2027-01-12')).toBe(false);
    expect(isOverdue('declined', '2027-01-11', '2027-01-12')).toBe(false);
  });

  it('never gives a due day on a weekend, and a larger norm is never earlier', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), (d, n) => {
        const sent = d.toISOString().slice(0, 10);
        const due = responseDueOn(sent, n);
        const dow = new Date(`${due}T00:00:00Z`).getUTCDay();
        expect(dow).not.toBe(0);
        expect(dow).not.toBe(6);
        expect(responseDueOn(sent, n + 1) > due).toBe(true);
      }),
    );
  });
});

describe('referral input', () => {
  const base = {
    personId: '00000000-0000-4000-8000-000000000001',
    serviceId: '00000000-0000-4000-8000-000000000002',
    purpose: 'Intensieve huisbezoeken',
    question: 'Kunnen jullie Iris begeleiden tijdens de zwangerschap?',
    handover: { kind: 'introduction_call' },
  };
  it('needs a date and time for a joint visit', () => {
    const r = referralInputSchema.safeParse({ ...base, handover: { kind: 'joint_visit' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['handover', 'at']);
    expect(referralInputSchema.safeParse({ ...base, handover: { kind: 'joint_visit', at: '2027-01-05T10:00:00+01:00' } }).success).toBe(true);
  });
  it('asks for a real question', () => {
    const r = referralInputSchema.safeParse({ ...base, question: 'hulp' });
    expect(r.error?.issues[0]).toMatchObject({ path: ['question'], message: 'question_too_short' });
  });
});

describe('waiting time from referral outcomes', () => {
  it('is the median in whole weeks, or nothing without data', () => {
    expect(medianWeeks([])).toBeNull();
    expect(medianWeeks([14, 21, 70])).toBe(3);
    expect(medianWeeks([7, 21])).toBe(2);
  });
});
