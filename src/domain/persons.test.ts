import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  ageLimitApplies,
  archiveDeletionDate,
  foldName,
  impossibleLifeDates,
  isValidBsn,
  normaliseBsn,
  personInputSchema,
  phaseForSignalDecision,
  registrationEnd,
  whomToInform,
} from './persons.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Builds a valid BSN from eight digits by choosing the check digit (when one exists). */
function withCheckDigit(eight: number[]): string | null {
  const sum = eight.reduce((s, x, i) => s + x * (9 - i), 0);
  const check = sum % 11;
  return check <= 9 ? [...eight, check].join('') : null;
}

describe('BSN elfproef', () => {
  it('accepts known valid numbers, also with the leading zero dropped or with separators', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(normaliseBsn('11122233 3'.replace(' ', ''))).toBe('111222333');
    expect(normaliseBsn('1112.22.333')).toBe('111222333');
    expect(normaliseBsn('12345672')).toBe('012345672');
  });
  it('refuses wrong check digits, wrong lengths, letters and all zeros', () => {
    for (const bad of ['111222334', '123456789', '12345', '1234567890', 'abcdefghi', '000000000', '00000000', '']) expect(normaliseBsn(bad)).toBeNull();
  });
  it('accepts every number built with a correct check digit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }), (eight) => {
        const bsn = withCheckDigit(eight);
        return bsn === null || bsn === '000000000' || isValidBsn(bsn);
      }),
    );
  });
  it('refuses every single-digit change of a valid number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (eight, pos, delta) => {
          const bsn = withCheckDigit(eight);
          fc.pre(bsn !== null && bsn !== '000000000');
          const digits = bsn!.split('').map(Number);
          digits[pos] = (digits[pos]! + delta) % 10;
          return !isValidBsn(digits.join(''));
        },
      ),
    );
  });
  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => normaliseBsn(s) === null || isValidBsn(normaliseBsn(s)!)));
  });
});

describe('the phase a case starts in', () => {
  it('follows the hub decision: exploration is Verkennen, direct support is Steun op maat, otherwise Signaleren', () => {
    expect(phaseForSignalDecision('exploration')).toBe('verkennen');
    expect(phaseForSignalDecision('direct_support')).toBe('steun_op_maat');
    expect(phaseForSignalDecision('advice_only')).toBe('signaleren');
    expect(phaseForSignalDecision(null)).toBe('signaleren');
  });
});

describe('impossible dates', () => {
  const today = d('2026-11-22');
  it('refuses a birth in the future, an age over 120, a due date more than ten months ahead, and no date at all', () => {
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: d('2026-12-01'), dueDate: null }, today)).toEqual([
      { field: 'dateOfBirth', code: 'birth_in_future' },
    ]);
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: d('1900-01-01'), dueDate: null }, today)).toEqual([
      { field: 'dateOfBirth', code: 'age_over_120' },
    ]);
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: null, dueDate: d('2027-10-01') }, today)).toEqual([
      { field: 'dueDate', code: 'due_date_too_far' },
    ]);
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: null, dueDate: null }, today)).toEqual([
      { field: 'dateOfBirth', code: 'birth_or_due_date_required' },
    ]);
  });
  it("judges a mother's due date as her pregnancy's, not as her own birth", () => {
    // Born 1999-04-12, due 2027-04-20: refused before because the unborn child's rule was applied to the mother.
    expect(impossibleLifeDates({ householdRole: 'mother', dateOfBirth: d('1999-04-12'), dueDate: d('2027-04-20') }, today)).toEqual([]);
    expect(impossibleLifeDates({ householdRole: 'mother', dateOfBirth: d('1999-04-12'), dueDate: d('2027-11-20') }, today)).toEqual([
      { field: 'dueDate', code: 'due_date_too_far' },
    ]);
    expect(impossibleLifeDates({ householdRole: 'mother', dateOfBirth: d('2020-04-12'), dueDate: d('2027-04-20') }, today)).toEqual([
      { field: 'dueDate', code: 'due_date_before_mother_could_be_pregnant' },
    ]);
    // A child born last year keeps her old due date without it being "too far" or wrong.
    expect(impossibleLifeDates({ householdRole: 'child', dateOfBirth: d('2025-11-01'), dueDate: d('2025-10-25') }, today)).toEqual([]);
  });
  it('refuses a birth far after (or long before) the due date, and accepts an ordinary late birth', () => {
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: d('2026-11-01'), dueDate: d('2026-09-01') }, today)).toEqual([
      { field: 'dateOfBirth', code: 'birth_far_from_due_date' },
    ]);
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: d('2026-11-01'), dueDate: d('2026-10-25') }, today)).toEqual([]);
    expect(impossibleLifeDates({ householdRole: 'unborn', dateOfBirth: null, dueDate: d('2027-05-01') }, today)).toEqual([]);
  });
});

describe('informing and retention', () => {
  const on = d('2026-11-22');
  it('informs parents, from 12 the young person too, from 16 only the young person', () => {
    expect(whomToInform(null, on)).toEqual(['parents']);
    expect(whomToInform(d('2015-11-23'), on)).toEqual(['parents']);
    expect(whomToInform(d('2014-11-22'), on)).toEqual(['parents', 'young_person']);
    expect(whomToInform(d('2010-11-22'), on)).toEqual(['young_person']);
    expect(ageInYears(d('2010-11-23'), on)).toBe(15);
  });
  it('ends a registration after the chosen duration, at most two years, and never after the 23rd birthday', () => {
    expect(registrationEnd(d('2026-01-01'), 12, d('2020-05-05')).toISOString().slice(0, 10)).toBe('2027-01-01');
    expect(registrationEnd(d('2026-01-01'), 60, null).toISOString().slice(0, 10)).toBe('2028-01-01');
    expect(registrationEnd(d('2026-01-01'), 24, d('2004-06-01')).toISOString().slice(0, 10)).toBe('2027-06-01');
  });
  it('deletes archived registrations after the retention period', () => {
    expect(archiveDeletionDate(d('2026-03-31'), 5).toISOString().slice(0, 10)).toBe('2031-03-31');
    expect(archiveDeletionDate(d('2028-02-29'), 5).toISOString().slice(0, 10)).toBe('2033-02-28');
  });
  it('never lets a registration outlive its chosen months at a month end or leap day', () => {
    // 31 January + 1 month was 3 March with setUTCMonth; the calendar gives the month's last day.
    expect(registrationEnd(d('2027-01-31'), 1, null).toISOString().slice(0, 10)).toBe('2027-02-28');
    expect(registrationEnd(d('2028-01-31'), 1, null).toISOString().slice(0, 10)).toBe('2028-02-29');
    expect(registrationEnd(d('2026-08-31'), 24, null).toISOString().slice(0, 10)).toBe('2028-08-31');
    // Born on a leap day: the 23rd birthday in a common year is 28 February.
    expect(registrationEnd(d('2026-01-01'), 24, d('2004-02-29')).toISOString().slice(0, 10)).toBe('2027-02-28');
  });
  it('property: the end lies within the chosen months, in the same or an earlier day of the target month', () => {
    const day = fc.integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 }).map((n) => new Date(n * 86_400_000));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 24 }), (start, months) => {
        const end = registrationEnd(start, months, null);
        const monthsApart = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
        // Exactly the chosen number of calendar months later, clamped to the month's end: never into the next month.
        return monthsApart === months && end.getUTCDate() <= start.getUTCDate() && end.getUTCHours() === 0;
      }),
    );
  });
});

describe('person input and the age limit', () => {
  it('applies the age-23 end to children and the unborn child only', () => {
    expect(ageLimitApplies('child')).toBe(true);
    expect(ageLimitApplies('unborn')).toBe(true);
    for (const role of ['mother', 'partner', 'carer', 'other'] as const) expect(ageLimitApplies(role)).toBe(false);
  });

  it('normalises the BSN and postcode, and names the field of a bad one', () => {
    const ok = personInputSchema.parse({
      familyName: 'Jansen',
      bsn: '1112.22.333',
      postcode: '6461ab',
      municipalityId: '00000000-0000-4000-8000-000000000000',
    });
    expect(ok).toMatchObject({ bsn: '111222333', postcode: '6461 AB', householdRole: 'mother', interpreterNeeded: false });
    const bad = personInputSchema.safeParse({ familyName: 'Jansen', bsn: '123456789', municipalityId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['bsn', 'invalid_bsn']]);
    expect(personInputSchema.parse({ familyName: 'X', bsn: '', municipalityId: '00000000-0000-4000-8000-000000000000' }).bsn).toBeNull();
  });

  it('folds family names for identity matching', () => {
    expect(foldName('van der Berg')).toBe(foldName('Van Der  Berg'));
    expect(foldName('Öztürk')).toBe('ozturk');
    expect(foldName('El-Amrani')).toBe(foldName('el amrani'));
  });
});
