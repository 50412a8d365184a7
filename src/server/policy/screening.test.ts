import { describe, expect, it } from 'vitest';
import { actor } from '../testing/policy-actor.js';
import { maySeeScreeningRecord, screeningScope } from './screening.js';

const person = { municipalityId: 'm1' };

describe('screening results', () => {
  it('are seen by the recording organisation and the municipality’s coordinator', () => {
    expect(maySeeScreeningRecord(actor(), person, { organisationId: 'o1' })).toBe(true);
    expect(maySeeScreeningRecord(actor({ role: 'coordinator', organisationId: 'hub' }), person, { organisationId: 'o1' })).toBe(true);
  });

  it('are not seen by another organisation, a coordinator elsewhere, or a client account', () => {
    expect(maySeeScreeningRecord(actor({ organisationId: 'o2' }), person, { organisationId: 'o1' })).toBe(false);
    expect(maySeeScreeningRecord(actor({ role: 'coordinator', organisationId: 'hub', municipalityIds: ['m2'] }), person, { organisationId: 'o1' })).toBe(false);
    expect(maySeeScreeningRecord(actor({ kind: 'client' }), person, { organisationId: 'o1' })).toBe(false);
  });

  it('give the repository the same scope', () => {
    expect(screeningScope(actor(), person)).toEqual({ organisationId: 'o1', allOrganisations: false });
    expect(screeningScope(actor({ role: 'coordinator' }), person)).toEqual({ organisationId: 'o1', allOrganisations: true });
    expect(screeningScope(actor({ role: 'coordinator', municipalityIds: ['m2'] }), person)).toEqual({ organisationId: 'o1', allOrganisations: false });
  });
});
