import { describe, expect, it } from 'vitest';
import { actor, outcome } from '../testing/policy-actor.js';
import { notificationRecipient } from './notifications.js';

describe('notifications', () => {
  it('are read by their staff recipient only; client accounts have none here', () => {
    expect(notificationRecipient(actor({ userId: 'u7' }))).toBe('u7');
    expect(outcome(() => notificationRecipient(actor({ userId: 'u7', kind: 'client' })))).toBe('not_found');
  });
});
