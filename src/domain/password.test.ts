import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommonPassword, newPasswordSchema } from './password.js';

describe('password rule', () => {
  it('refuses short and common passwords', () => {
    expect(newPasswordSchema.safeParse('Kort-1').success).toBe(false);
    for (const p of ['wachtwoord123', 'Welkom2026!!', 'aaaaaaaaaaaa', '123456789012', 'Qwertyuiop12', 'Knooppunt2026']) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(newPasswordSchema.safeParse(p).success, p).toBe(false);
    }
    expect(newPasswordSchema.safeParse('Fietsen-langs-de-Geul').success).toBe(true);
  });

  it('accepts any long random passphrase of letters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'bcdfghjklmnpqrstvwxz'), { minLength: 14, maxLength: 40 }), (chars) => {
        const p = `${chars.join('')}-Ok`;
        return newPasswordSchema.safeParse(p).success === !isCommonPassword(p);
      }),
    );
  });
});
