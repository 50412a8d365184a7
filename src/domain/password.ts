import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 12;

/**
 * A short deny-list of passwords that appear at the top of every breach corpus, including Dutch ones.
 * Compared case-insensitively after stripping trailing digits and punctuation.
 */
const COMMON_PASSWORDS = new Set([
  'password',
  'wachtwoord',
  'welkom',
  'welkomwelkom',
  'qwerty',
  'qwertyuiop',
  'azerty',
  'abcdef',
  'letmein',
  'iloveyou',
  'admin',
  'administrator',
  'changeme',
  'veranderen',
  'zomer',
  'winter',
  'lente',
  'herfst',
  'voorjaar',
  'geheim',
  'knooppunt',
  'kansrijkestart',
  'summer',
  'football',
  'voetbal',
  'monkey',
  'dragon',
  'sunshine',
  'princess',
  'master',
  'trustno',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'wachtw00rd',
  'secret',
  'baseball',
  'superman',
  'starwars',
  'hallohallo',
  'ajax',
  'feyenoord',
  'psv',
  'nederland',
  'amsterdam',
  'rotterdam',
  'kerkrade',
  'limburg',
  'gemeente',
  'abc',
  'qazwsx',
  'zaq12wsx',
  'asdfgh',
]);

const SEQUENCE = /^(?:0123456789|1234567890|abcdefghijkl|9876543210)/;

/** True when the password is on the common list, a run of one character, or a keyboard/number sequence. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d!@#$%^&*().,?_\-+=\s]+$/u, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(stem)) return true;
  if (/^(.)\1+$/u.test(lower)) return true;
  if (/^\d+$/u.test(lower)) return true;
  return SEQUENCE.test(lower);
}

/** Password rule of the house: at least 12 characters and not a common password. Error messages are codes. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'password_too_short' })
  .max(256, { message: 'password_too_long' })
  .refine((p) => !isCommonPassword(p), { message: 'password_too_common' });
