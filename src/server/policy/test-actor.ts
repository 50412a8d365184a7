import type { Actor } from '../context.js';
import type { AppError } from '../errors.js';

/** A staff actor for the policy's unit tests: a professional of o1 in m1 (region r1) unless told otherwise. */
export const testActor = (o: Partial<Actor> = {}): Actor => ({
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

/** 'allowed', or the error code a rule threw. */
export function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as AppError).code;
  }
}
