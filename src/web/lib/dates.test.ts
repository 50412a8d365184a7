import { describe, expect, it } from 'vitest';
import { amsterdamToIso, formatDate, isoToAmsterdam } from './dates';

describe('Dutch time in forms, whatever the device’s time zone', () => {
  it('reads a meeting time as Amsterdam time in winter and in summer', () => {
    expect(amsterdamToIso('2027-01-15', '14:30')).toBe('2027-01-15T13:30:00.000Z');
    expect(amsterdamToIso('2027-07-15', '14:30')).toBe('2027-07-15T12:30:00.000Z');
    // The night the clocks go forward (28 March 2027, 02:00 → 03:00) and back (31 October 2027, 03:00 → 02:00).
    expect(amsterdamToIso('2027-03-28', '01:30')).toBe('2027-03-28T00:30:00.000Z');
    expect(amsterdamToIso('2027-03-28', '03:30')).toBe('2027-03-28T01:30:00.000Z');
    expect(amsterdamToIso('2027-10-31', '04:00')).toBe('2027-10-31T03:00:00.000Z');
  });

  it('refuses what is not a date and a time', () => {
    expect(amsterdamToIso('', '14:30')).toBeNull();
    expect(amsterdamToIso('2027-01-15', '')).toBeNull();
    expect(amsterdamToIso('15-01-2027', '14:30')).toBeNull();
  });

  it('shows an instant as its Dutch date and time', () => {
    expect(isoToAmsterdam('2027-07-15T12:30:00.000Z')).toEqual({ date: '2027-07-15', time: '14:30' });
    expect(isoToAmsterdam('2027-12-31T23:30:00.000Z')).toEqual({ date: '2028-01-01', time: '00:30' });
  });

  it('writes dates the Dutch way', () => {
    expect(formatDate('2026-11-23', 'nl')).toBe('23 november 2026');
    expect(formatDate('2026-11-23T23:30:00.000Z', 'nl')).toBe('24 november 2026');
  });
});
