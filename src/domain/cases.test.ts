import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  BREAK_GLASS_DEFAULT_MINUTES,
  breakGlassActive,
  CASE_PHASES,
  type CaseActor,
  type CasePhase,
  type ConsentRecord,
  checkTransition,
  consentNeedsConfirmation,
  consentState,
  isActivePhase,
  mayShare,
  regieEscalationDue,
  whoConsents,
} from './cases.js';

const ACTORS: CaseActor[] = ['coordinator', 'case_director', 'care_team'];

describe('case phase state machine', () => {
  it('allows exactly the documented transitions, and refuses every other one with the allowed list', () => {
    const allowed: [CasePhase, CasePhase][] = [
      ['signaleren', 'verkennen'],
      ['signaleren', 'steun_op_maat'],
      ['signaleren', 'afgesloten'],
      ['verkennen', 'steun_op_maat'],
      ['verkennen', 'signaleren'],
      ['verkennen', 'afgesloten'],
      ['steun_op_maat', 'signaleren'],
      ['steun_op_maat', 'afgesloten'],
    ];
    for (const from of CASE_PHASES)
      for (const to of CASE_PHASES) {
        const ok = allowed.some(([f, t]) => f === from && t === to);
        const r = checkTransition({ from, to, actor: 'case_director', reason: 'omdat', closeReason: 'goals_reached', evaluationNote: 'doelen gehaald' });
        expect(r.ok, `${from} → ${to}`).toBe(ok);
        if (!r.ok) expect(r).toMatchObject({ code: 'transition_not_allowed', allowed: allowedTransitions(from, 'case_director') });
      }
  });

  it('asks why for skipping Verkennen, sending back to the hub and reopening; a reason and an evaluation for closing', () => {
    expect(checkTransition({ from: 'signaleren', to: 'steun_op_maat', actor: 'coordinator' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(checkTransition({ from: 'signaleren', to: 'steun_op_maat', actor: 'coordinator', reason: 'Eén duidelijke vraag' })).toEqual({ ok: true });
    expect(checkTransition({ from: 'steun_op_maat', to: 'signaleren', actor: 'case_director', reason: '  ' })).toMatchObject({ code: 'reason_required' });
    expect(checkTransition({ from: 'verkennen', to: 'afgesloten', actor: 'case_director', evaluationNote: 'x' })).toMatchObject({
      code: 'close_reason_required',
    });
    expect(checkTransition({ from: 'verkennen', to: 'afgesloten', actor: 'case_director', closeReason: 'moved_away' })).toMatchObject({
      code: 'evaluation_required',
    });
    expect(checkTransition({ from: 'signaleren', to: 'verkennen', actor: 'coordinator' })).toEqual({ ok: true });
  });

  it('only the coordinator reopens, to the phase before closing; care-team members change no phase', () => {
    expect(allowedTransitions('afgesloten', 'case_director')).toEqual([]);
    expect(allowedTransitions('afgesloten', 'coordinator', 'steun_op_maat')).toEqual(['steun_op_maat']);
    expect(
      checkTransition({ from: 'afgesloten', to: 'steun_op_maat', actor: 'coordinator', phaseBeforeClosing: 'steun_op_maat', reason: 'Nieuwe zorgen' }),
    ).toEqual({ ok: true });
    expect(checkTransition({ from: 'afgesloten', to: 'steun_op_maat', actor: 'coordinator', phaseBeforeClosing: 'steun_op_maat' })).toMatchObject({
      code: 'reason_required',
    });
    for (const p of CASE_PHASES) expect(allowedTransitions(p, 'care_team')).toEqual([]);
  });

  it('any sequence of accepted transitions keeps the case in a known phase, and a closed case only ever reopens', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CASE_PHASES), fc.constantFrom(...ACTORS)), { maxLength: 30 }), (steps) => {
        let phase: CasePhase = 'signaleren';
        let before: CasePhase | null = null;
        for (const [to, actor] of steps) {
          const r = checkTransition({ from: phase, to, actor, reason: 'r', closeReason: 'other', evaluationNote: 'e', phaseBeforeClosing: before });
          if (!r.ok) continue;
          if (phase === 'afgesloten') expect(isActivePhase(to)).toBe(true);
          if (to === 'afgesloten') before = phase;
          phase = to;
          expect(CASE_PHASES).toContain(phase);
        }
      }),
    );
  });
});

describe('consent', () => {
  const rec = (o: Partial<ConsentRecord>): ConsentRecord => ({
    organisationId: 'jgz',
    purpose: 'case_discussion',
    decision: 'given',
    recordedAt: new Date('2026-01-01T10:00:00Z'),
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    pending: false,
    ...o,
  });

  it('the latest record for the organisation and purpose decides; outside its period it is expired', () => {
    const records = [rec({})];
    expect(consentState(records, 'jgz', 'case_discussion', '2026-06-01')).toBe('given');
    expect(consentState(records, 'jgz', 'case_discussion', '2027-01-01')).toBe('expired');
    expect(consentState(records, 'jgz', 'case_discussion', '2025-12-31')).toBe('none');
    expect(consentState(records, 'jgz', 'share_plan', '2026-06-01')).toBe('none');
    expect(consentState(records, 'ggz', 'case_discussion', '2026-06-01')).toBe('none');
    const withdrawn = [...records, rec({ decision: 'withdrawn', recordedAt: new Date('2026-03-01T09:00:00Z') })];
    expect(consentState(withdrawn, 'jgz', 'case_discussion', '2026-06-01')).toBe('withdrawn');
    expect(mayShare(withdrawn, 'jgz', 'case_discussion', '2026-06-01')).toBe(false);
    const again = [...withdrawn, rec({ recordedAt: new Date('2026-04-01T09:00:00Z'), validFrom: '2026-04-01', validUntil: null })];
    expect(mayShare(again, 'jgz', 'case_discussion', '2030-01-01')).toBe(true);
  });

  it('shares only while the latest decision is a given consent in its period (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ decision: fc.constantFrom('given', 'refused', 'withdrawn' as const), t: fc.integer({ min: 0, max: 1_000_000 }) }), {
          maxLength: 8,
        }),
        (xs) => {
          const records = xs.map((x) => rec({ decision: x.decision, recordedAt: new Date(Date.UTC(2026, 0, 1) + x.t * 1000) }));
          const latest = [...records].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
          expect(mayShare(records, 'jgz', 'case_discussion', '2026-06-01')).toBe(latest?.decision === 'given');
        },
      ),
    );
  });

  it('a record awaiting confirmation does not count: after a withdrawal only a confirmed consent brings it back', () => {
    const withdrawn = [rec({}), rec({ decision: 'withdrawn', recordedAt: new Date('2026-03-01T09:00:00Z') })];
    const selfGranted = [...withdrawn, rec({ recordedAt: new Date('2026-04-01T09:00:00Z'), validFrom: '2026-04-01', pending: true })];
    expect(consentState(selfGranted, 'jgz', 'case_discussion', '2026-06-01')).toBe('withdrawn');
    expect(mayShare(selfGranted, 'jgz', 'case_discussion', '2026-06-01')).toBe(false);
    expect(consentState([rec({ pending: true })], 'jgz', 'case_discussion', '2026-06-01')).toBe('none');
    const confirmed = selfGranted.map((r) => ({ ...r, pending: false }));
    expect(mayShare(confirmed, 'jgz', 'case_discussion', '2026-06-01')).toBe(true);
  });

  it('a given consent for the recorder’s own organisation or herself needs confirmation; refusals and others do not', () => {
    const me = { userId: 'u1', organisationId: 'jgz' };
    expect(consentNeedsConfirmation({ decision: 'given', organisationId: 'jgz', userId: null }, me)).toBe(true);
    expect(consentNeedsConfirmation({ decision: 'given', organisationId: 'ggz', userId: 'u1' }, me)).toBe(true);
    expect(consentNeedsConfirmation({ decision: 'given', organisationId: 'ggz', userId: null }, me)).toBe(false);
    expect(consentNeedsConfirmation({ decision: 'refused', organisationId: 'jgz', userId: null }, me)).toBe(false);
    expect(consentNeedsConfirmation({ decision: 'withdrawn', organisationId: 'jgz', userId: null }, me)).toBe(false);
  });

  it('parents consent until 16, the young person from 16', () => {
    expect(whoConsents(null)).toBe('parents');
    expect(whoConsents(15)).toBe('parents');
    expect(whoConsents(16)).toBe('self');
    expect(whoConsents(30)).toBe('self');
  });
});

describe('break the glass and regie escalation', () => {
  it('emergency access lasts its window and no longer', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    expect(breakGlassActive(at, BREAK_GLASS_DEFAULT_MINUTES, new Date('2026-11-23T11:59:59Z'))).toBe(true);
    expect(breakGlassActive(at, BREAK_GLASS_DEFAULT_MINUTES, new Date('2026-11-23T12:00:00Z'))).toBe(false);
    expect(breakGlassActive(at, BREAK_GLASS_DEFAULT_MINUTES, new Date('2026-11-23T09:59:59Z'))).toBe(false);
  });

  it('escalates a case without an accepted director after five Dutch working days', () => {
    const since = new Date('2026-12-22T09:00:00Z'); // Tuesday before Christmas
    // Working days after it: 23, 24, (Christmas on Friday 25, the weekend), 28, 29, 30 — five by the 30th, not yet
    // more than five; the 31st is the sixth.
    expect(regieEscalationDue(since, new Date('2026-12-30T12:00:00Z'))).toBe(false);
    expect(regieEscalationDue(since, new Date('2026-12-31T12:00:00Z'))).toBe(true);
    expect(regieEscalationDue(since, new Date('2026-12-31T12:00:00Z'), 10)).toBe(false);
  });
});
