import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demandEstimate, NATIONAL_POPULATION } from './demand.js';

describe('Integrale Vroeghulp demand estimate', () => {
  it('gives about 73–75 children for a municipality of 100,000 inhabitants with the national age distribution', () => {
    const e = demandEstimate({ inhabitants: 100_000 });
    expect(e.expected).toBeGreaterThanOrEqual(73);
    expect(e.expected).toBeLessThanOrEqual(75);
    expect(e.basis).toBe('national_distribution');
  });

  it('gives about 13,000 for the whole country', () => {
    const e = demandEstimate({ inhabitants: NATIONAL_POPULATION });
    expect(Math.abs(e.expected - 13_000)).toBeLessThanOrEqual(250);
  });

  it("uses the municipality's own children when known, and the configured prevalence", () => {
    expect(demandEstimate({ children0to7: 2_400 })).toEqual({ children0to7: 2_400, expected: 24, basis: 'own_figures' });
    expect(demandEstimate({ children0to7: 2_400, prevalence: 0.02 }).expected).toBe(48);
    expect(() => demandEstimate({ children0to7: 100, prevalence: 0 })).toThrow(RangeError);
    expect(() => demandEstimate({})).toThrow(RangeError);
  });

  it('grows with the number of inhabitants and never exceeds the children', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(demandEstimate({ inhabitants: lo }).expected).toBeLessThanOrEqual(demandEstimate({ inhabitants: hi }).expected);
        const e = demandEstimate({ inhabitants: hi });
        expect(e.expected).toBeLessThanOrEqual(e.children0to7);
      }),
    );
  });
});
