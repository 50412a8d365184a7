import { describe, expect, it } from 'vitest';
import { actor } from '../testing/policy-actor.js';
import { type CaseAccess, caseAbilities, caseAbilityReasons } from './cases.js';

/** The case page says why an action is not offered; the reasons follow the same facts as the abilities. */
describe('case ability reasons', () => {
  const f = { municipalityId: 'm1', directorId: 'director', member: true, open: true };
  const content: CaseAccess = { level: 'content', basis: 'care_team' };
  const existence: CaseAccess = { level: 'existence', basis: 'care_team' };

  it('the director and the coordinator have no reasons for what they may do', () => {
    expect(caseAbilityReasons(actor({ userId: 'director' }), f, content)).toEqual({ nameProcessDirector: 'coordinator_only' });
    expect(caseAbilityReasons(actor({ role: 'coordinator' }), { ...f, member: false }, { level: 'content', basis: 'coordinator' })).toEqual({
      refer: 'not_in_care_team',
    });
  });

  it('a care-team member is told that directing is the director’s task, and without consent that consent is missing', () => {
    expect(caseAbilityReasons(actor(), f, content)).toEqual({
      direct: 'not_director',
      confirmConsent: 'not_director',
      nameProcessDirector: 'coordinator_only',
      changePhase: 'not_director',
    });
    expect(caseAbilityReasons(actor(), f, existence)).toMatchObject({ refer: 'no_consent', addNote: 'no_consent', direct: 'not_director' });
    expect(caseAbilityReasons(actor(), f, existence).recordConsent).toBeUndefined();
  });

  it('a closed case is read-only for everyone; only the coordinator reopens it', () => {
    const closed = { ...f, open: false };
    expect(caseAbilityReasons(actor({ userId: 'director' }), closed, content)).toEqual({
      direct: 'case_closed',
      confirmConsent: 'case_closed',
      recordConsent: 'case_closed',
      nameProcessDirector: 'case_closed',
      refer: 'case_closed',
      changePhase: 'coordinator_only',
      addNote: 'case_closed',
    });
    expect(caseAbilityReasons(actor({ role: 'coordinator' }), closed, { level: 'content', basis: 'coordinator' }).changePhase).toBeUndefined();
  });

  it('never gives a reason for an ability that is allowed, and always one for an ability that is not', () => {
    const actors = [actor(), actor({ userId: 'director' }), actor({ role: 'coordinator' }), actor({ role: 'coordinator', municipalityIds: ['m2'] })];
    for (const a of actors)
      for (const open of [true, false])
        for (const member of [true, false])
          for (const access of [content, existence]) {
            const facts = { ...f, open, member };
            const abilities = caseAbilities(a, facts, access);
            const reasons = caseAbilityReasons(a, facts, access);
            for (const k of ['direct', 'refer', 'recordConsent', 'confirmConsent', 'nameProcessDirector'] as const)
              expect(abilities[k] === (reasons[k] === undefined), `${k} ${a.role} open=${open} member=${member} ${access.level}`).toBe(true);
          }
  });
});
