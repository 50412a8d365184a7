import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import { assertMayMonitor, assertMayMonitorRegion } from './monitor.js';

const m1 = { id: 'm1', regionId: 'r1' };

describe('the monitor of a municipality', () => {
  it('for its policy officers and coordinators, and admins of its region', () => {
    for (const role of ['policy', 'coordinator'] as const) expect(outcome(() => assertMayMonitor(actor({ role }), m1))).toBe('allowed');
    expect(outcome(() => assertMayMonitor(actor({ role: 'admin', municipalityIds: [] }), m1))).toBe('allowed');
  });

  it('not for professionals, other municipalities, other regions, client accounts or missing municipalities (404)', () => {
    expect(outcome(() => assertMayMonitor(actor({ role: 'professional' }), m1))).toBe('not_found');
    expect(outcome(() => assertMayMonitor(actor({ role: 'policy', municipalityIds: ['m2'] }), m1))).toBe('not_found');
    expect(outcome(() => assertMayMonitor(actor({ role: 'admin', regionIds: ['r2'] }), m1))).toBe('not_found');
    expect(outcome(() => assertMayMonitor(actor({ role: 'policy', kind: 'client' }), m1))).toBe('not_found');
    expect(outcome(() => assertMayMonitor(actor({ role: 'policy' }), null))).toBe('not_found');
  });
});

describe('the monitor of a region', () => {
  const r1 = { id: 'r1', municipalityIds: ['m1', 'm2'] };
  it('for whoever monitors one of its municipalities, and its admins', () => {
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'policy', municipalityIds: ['m2'] }), r1))).toBe('allowed');
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'coordinator' }), r1))).toBe('allowed');
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'admin', municipalityIds: [] }), r1))).toBe('allowed');
  });

  it('not for professionals, officers of other regions, admins elsewhere or client accounts', () => {
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'professional' }), r1))).toBe('not_found');
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'policy', municipalityIds: ['m9'] }), r1))).toBe('not_found');
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'admin', regionIds: ['r2'] }), r1))).toBe('not_found');
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'policy', kind: 'client' }), r1))).toBe('not_found');
    expect(outcome(() => assertMayMonitorRegion(actor({ role: 'policy' }), null))).toBe('not_found');
  });
});
