/** Helpers for the policy's unit tests: an actor with overrides, and the outcome of a rule as a word. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';

export const actor = (o: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  kind: 'staff',
  role: 'professional',
  organisationId: 'o1',
  municipalityIds: ['m1'],
  regionIds: ['r1'],
  isDemo: false,
  directoryEditor: false,
  intakeRight: false,
  mfaSatisfied: true,
  ...o,
});

/** 'allowed', or the AppError code the rule refused with. */
export const outcome = (f: () => unknown): string => {
  try {
    f();
    return 'allowed';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};
