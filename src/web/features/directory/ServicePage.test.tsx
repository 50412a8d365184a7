import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { renderPage, standInServer } from '../../testing/render';
import { ServicePage } from './ServicePage';

const SERVICE = '88888888-8888-4888-8888-888888888888';
const service = {
  id: SERVICE,
  name: 'Voorzorg',
  summary: 'Intensieve begeleiding van jonge moeders.',
  description: 'Een verpleegkundige komt thuis vanaf de zwangerschap.',
  eligibility: 'Zwangere vrouwen tot 25 jaar.',
  organisation: { id: 'o1', name: 'GGD Zuid Limburg', type: 'jgz', phone: '+31433456789', email: null, website: null },
  programme: null,
  pregnancyFromWeek: 16,
  minAgeMonths: null,
  maxAgeMonths: 24,
  targetGroups: [],
  phases: [],
  lifeDomains: [],
  languages: ['nl', 'ar'],
  costType: 'free',
  costNote: null,
  accessType: 'referral_needed',
  howToRefer: 'Bel het team.',
  referralInclude: null,
  waitingWeeks: null,
  waitingStatedOn: null,
  responseNormWorkingDays: null,
  acceptsNewClients: true,
  accessibility: null,
  phone: null,
  email: null,
  website: null,
  isPublic: true,
  municipalities: [],
  locations: [],
  contacts: [],
  version: 1,
  abilities: { maintain: false },
  lastConfirmedAt: '2026-11-01T10:00:00.000Z',
  lastConfirmedBy: null,
  stale: false,
};

describe('a service page under the English interface', () => {
  beforeEach(() => setLanguage('en'));
  afterEach(() => setLanguage('nl'));

  it('marks the Dutch content as Dutch, names languages in words and writes the phone number one way', async () => {
    standInServer({ 'GET /api/v1/public/services/:id': { body: service } });
    renderPage(<ServicePage publicMode />, { path: '/openbaar/sociale-kaart/aanbod/:id', url: `/openbaar/sociale-kaart/aanbod/${SERVICE}` });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Voorzorg' });
    expect(heading.getAttribute('lang')).toBe('nl');
    expect(screen.getByText('Een verpleegkundige komt thuis vanaf de zwangerschap.').closest('[lang]')?.getAttribute('lang')).toBe('nl');
    expect(screen.getByText('Zwangere vrouwen tot 25 jaar.').closest('[lang]')?.getAttribute('lang')).toBe('nl');
    // The interface itself stays English: its labels carry no Dutch mark.
    expect(screen.getByText('Who it is for').closest('[lang="nl"]')).toBeNull();
    expect(screen.getByText('Dutch, Arabic')).toBeTruthy();
    const phone = screen.getByRole('link', { name: '043 345 6789' });
    expect(phone.getAttribute('href')).toBe('tel:+31433456789');
  });
});
