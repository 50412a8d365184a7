import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageRangeSchema, formatPhone, normalisePostcode, openingHoursSchema, serviceInputSchema, staleBefore, toE164 } from './directory.js';

const codes = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

describe('phone numbers', () => {
  it('normalises Dutch formats to E.164', () => {
    expect(toE164('045 123 4567')).toBe('+31451234567');
    expect(toE164('06-12345678')).toBe('+31612345678');
    expect(toE164('+31 (0)20 123 4567')).toBe('+31201234567');
    expect(toE164('0031 6 12345678')).toBe('+31612345678');
    expect(toE164('0900-1110001')).toBe('+319001110001');
    expect(toE164('+49 241 1234567')).toBe('+492411234567');
  });
  it('refuses what is not a number', () => {
    for (const bad of ['12', '06-1234', 'bel mij', '', '+31 6 1234567890123']) expect(toE164(bad)).toBeNull();
  });
  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => toE164(s) === null || /^\+\d{8,15}$/.test(toE164(s)!)));
  });
  it('formats Dutch numbers nationally for display', () => {
    expect(formatPhone('+31451234567')).toBe('045 123 4567');
  });
});

describe('postcodes', () => {
  it('accepts 1234 AB in any spacing and case, and normalises it', () => {
    expect(normalisePostcode('6461ec')).toBe('6461 EC');
    expect(normalisePostcode(' 6461 EC ')).toBe('6461 EC');
  });
  it('refuses leading zeros, SA/SD/SS and other shapes', () => {
    for (const bad of ['0123 AB', '6461 SS', '6461 SA', '6461 SD', '646 EC', '6461', 'ABCD EF']) expect(normalisePostcode(bad)).toBeNull();
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.stringMatching(/^[A-Z]{2}$/), (n, l) => {
        const once = normalisePostcode(`${n}${l}`);
        return once === null || normalisePostcode(once) === once;
      }),
    );
  });
});

describe('age ranges', () => {
  it('allows "from 16 weeks of pregnancy to 2 years"', () => {
    expect(ageRangeSchema.safeParse({ pregnancyFromWeek: 16, minAgeMonths: null, maxAgeMonths: 24 }).success).toBe(true);
  });
  it('refuses a minimum above the maximum, pregnancy plus a minimum age, and impossible weeks', () => {
    expect(codes(ageRangeSchema.safeParse({ pregnancyFromWeek: null, minAgeMonths: 30, maxAgeMonths: 12 }))).toEqual(['maxAgeMonths:min_age_above_max']);
    expect(codes(ageRangeSchema.safeParse({ pregnancyFromWeek: 16, minAgeMonths: 6, maxAgeMonths: null }))).toEqual(['minAgeMonths:pregnancy_and_min_age']);
    expect(codes(ageRangeSchema.safeParse({ pregnancyFromWeek: 43, minAgeMonths: null, maxAgeMonths: null }))).toEqual([
      'pregnancyFromWeek:invalid_pregnancy_week',
    ]);
  });
});

describe('service input', () => {
  it('needs the date a waiting time was stated, and a waiting time of at least zero', () => {
    expect(codes(serviceInputSchema.safeParse({ name: 'Spreekuur', waitingWeeks: 3 }))).toEqual(['waitingStatedOn:waiting_needs_date']);
    expect(codes(serviceInputSchema.safeParse({ name: 'Spreekuur', waitingWeeks: -1, waitingStatedOn: '2026-11-01' }))).toEqual([
      'waitingWeeks:waiting_negative',
    ]);
  });
  it('removes duplicate choices and blanks optional text', () => {
    const r = serviceInputSchema.parse({ name: 'Spreekuur', phases: ['verkennen', 'verkennen'], email: '', website: '' });
    expect(r.phases).toEqual(['verkennen']);
    expect(r.email).toBeNull();
    expect(r.website).toBeNull();
  });
});

describe('opening hours and freshness', () => {
  it('refuses a slot that closes before it opens', () => {
    expect(codes(openingHoursSchema.safeParse({ day: 'mo', opens: '12:00', closes: '09:00' }))).toEqual(['closes:closes_before_opens']);
    expect(codes(openingHoursSchema.safeParse({ day: 'mo', opens: '9:00', closes: '12:00' }))).toEqual(['opens:invalid_time']);
  });
  it('puts the stale threshold the configured number of months back', () => {
    expect(staleBefore(new Date('2026-11-22T10:00:00Z'), 6).toISOString()).toBe('2026-05-22T10:00:00.000Z');
  });
});
