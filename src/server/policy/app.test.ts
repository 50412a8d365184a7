import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { actor } from '../testing/policy-actor.js';
import { allows, appAbilities } from './app.js';

const own = { organisationRegionId: 'r1', municipalities: [{ id: 'm1', regionId: 'r1' }] };

describe('app abilities', () => {
  it('a coordinator does care work, coordinates and monitors; she does not administer', () => {
    expect(appAbilities(actor({ role: 'coordinator' }), own)).toEqual({
      administer: false,
      careWork: true,
      coordinate: true,
      monitor: true,
      maintainDirectory: false,
      notifications: true,
      breakGlass: false,
    });
  });

  it('a professional does care work only; with the editor right she maintains her organisation’s entries', () => {
    expect(appAbilities(actor(), own)).toMatchObject({ careWork: true, coordinate: false, monitor: false, administer: false, maintainDirectory: false });
    expect(appAbilities(actor({ directoryEditor: true }), own).maintainDirectory).toBe(true);
    // She may ask for emergency access; whether a given case allows it is that case's rule (mayBreakGlass).
    expect(appAbilities(actor(), own).breakGlass).toBe(true);
    expect(appAbilities(actor({ role: 'policy' }), own).breakGlass).toBe(false);
  });

  it('a policy officer monitors her municipalities, without care work; without municipalities she monitors nothing', () => {
    expect(appAbilities(actor({ role: 'policy' }), own)).toMatchObject({ monitor: true, careWork: false, coordinate: false });
    expect(appAbilities(actor({ role: 'policy', municipalityIds: [] }), { ...own, municipalities: [] }).monitor).toBe(false);
  });

  it('an admin administers, monitors her region and maintains her own organisation; no care work', () => {
    expect(appAbilities(actor({ role: 'admin', municipalityIds: [] }), { ...own, municipalities: [] })).toEqual({
      administer: true,
      careWork: false,
      coordinate: false,
      monitor: true,
      maintainDirectory: true,
      notifications: true,
      breakGlass: true,
    });
  });

  it('allows nothing before the second factor, and nothing to client accounts', () => {
    for (const a of [actor({ role: 'coordinator', mfaSatisfied: false }), actor({ role: 'admin', kind: 'client', directoryEditor: true })])
      expect(Object.values(appAbilities(a, own)).every((v) => v === false)).toBe(true);
  });

  it('turns a refusal into no, and lets other errors through', () => {
    expect(allows(() => undefined)).toBe(true);
    expect(
      allows(() => {
        throw new AppError('forbidden');
      }),
    ).toBe(false);
    expect(() =>
      allows(() => {
        throw new Error('bug');
      }),
    ).toThrow('bug');
  });
});
