import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adoptionProblems, adoptionRecord, diffPlans, EMPTY_PLAN, isEmptyDiff, isOverdue, type PlanContent, planContentSchema } from './family-plan.js';

const U1 = '0b7a3c1e-5d2f-4a8b-9c6d-1e2f3a4b5c6d';
const P1 = '1c8b4d2f-6e3a-4b9c-8d7e-2f3a4b5c6d7e';

const plan = (o: Partial<PlanContent> = {}): PlanContent =>
  planContentSchema.parse({
    strengths: 'Moeder is vindingrijk',
    goals: [{ id: 'g1', lifeDomain: 'meedoen', text: 'Ik wil weer werk vinden' }],
    actions: [{ id: 'a1', what: 'Afspraak schuldhulp maken', goalId: 'g1', ownerKind: 'professional', ownerUserId: U1, dueDate: '2026-12-01' }],
    ...o,
  });

describe('family plan content', () => {
  it('needs an owner of the right kind, known goals and unique ids, with field paths', () => {
    const r = planContentSchema.safeParse({
      goals: [
        { id: 'g1', lifeDomain: 'meedoen', text: 'x' },
        { id: 'g1', lifeDomain: 'zingeving', text: 'y' },
      ],
      actions: [
        { id: 'a1', what: 'Bellen', ownerKind: 'professional' },
        { id: 'a2', what: 'Zelf doen', ownerKind: 'family', ownerPersonId: P1, goalId: 'g9' },
      ],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(['goals.1.id:duplicate_id', 'actions.0.ownerUserId:required', 'actions.1.goalId:unknown_goal']));
  });

  it('an open action past its due date is overdue; done, cancelled or undated ones never are', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-11-01' }, '2026-11-02')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-11-01' }, '2026-11-02')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-11-02' }, '2026-11-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-11-01' }, '2026-11-02')).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueDate: '2026-11-01' }, '2026-11-02')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, '2026-11-02')).toBe(false);
  });
});

describe('comparing plan versions', () => {
  it('names added, removed and changed items and changed texts', () => {
    const before = plan();
    const after = plan({
      strengths: 'Moeder is vindingrijk en heeft een zus in de buurt',
      goals: [{ id: 'g2', lifeDomain: 'mentaal_welbevinden', text: 'Beter slapen' }],
      actions: [
        {
          id: 'a1',
          what: 'Afspraak schuldhulp maken',
          goalId: null,
          ownerKind: 'professional',
          ownerUserId: U1,
          ownerPersonId: null,
          dueDate: '2026-12-01',
          status: 'done',
        },
      ],
      evaluationDates: ['2027-02-01'],
    });
    const d = diffPlans(before, after);
    expect(d.text).toEqual([{ field: 'strengths', before: before.strengths, after: after.strengths }]);
    expect(d.goals.map((c) => c.kind).sort()).toEqual(['added', 'removed']);
    expect(d.actions).toHaveLength(1);
    expect(d.actions[0]).toMatchObject({ kind: 'changed', before: { status: 'open' }, after: { status: 'done' } });
    expect(d.evaluationDates).toEqual({ added: ['2027-02-01'], removed: [] });
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('a version compared with itself has no changes, and every change is seen (property)', () => {
    const goalArb = fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
      text: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
    });
    fc.assert(
      fc.property(fc.uniqueArray(goalArb, { selector: (g) => g.id, maxLength: 6 }), fc.string({ maxLength: 30 }), (goals, strengths) => {
        const p = planContentSchema.parse({ ...EMPTY_PLAN, strengths, goals: goals.map((g) => ({ ...g, lifeDomain: 'meedoen' })) });
        expect(isEmptyDiff(diffPlans(p, p))).toBe(true);
        const changed = { ...p, strengths: `${p.strengths}!` };
        expect(diffPlans(p, changed).text.map((t) => t.field)).toEqual(['strengths']);
        const fewer = { ...p, goals: p.goals.slice(1) };
        expect(diffPlans(p, fewer).goals.filter((c) => c.kind === 'removed')).toHaveLength(p.goals.length ? 1 : 0);
      }),
    );
  });
});

describe('adopting with the parents (ADR 016)', () => {
  it('needs the parents present and agreeing; each missing fact is its own reason', () => {
    expect(adoptionProblems({ parentsPresent: true, parentsAgreed: true })).toEqual([]);
    expect(adoptionProblems({ parentsPresent: false, parentsAgreed: true })).toEqual([{ field: 'parentsPresent', code: 'parents_not_present' }]);
    expect(adoptionProblems({ parentsPresent: true, parentsAgreed: false })).toEqual([{ field: 'parentsAgreed', code: 'parents_not_agreed' }]);
    expect(adoptionProblems({ parentsPresent: false, parentsAgreed: false })).toHaveLength(2);
  });

  it('describes an adopted version as what happened: never "with the parents" unless they were there and agreed', () => {
    fc.assert(
      fc.property(fc.option(fc.boolean()), fc.option(fc.boolean()), (present, agreed) => {
        const r = adoptionRecord({ parentsPresent: present, parentsAgreed: agreed });
        expect(r === 'with_parents').toBe(Boolean(present && agreed));
        if (!agreed) expect(r).toBe('without_agreement');
      }),
    );
  });
});
