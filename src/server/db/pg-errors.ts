import { AppError, type ErrorCode } from '../errors.js';

function hasSqlState(err: unknown, state: string): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === state || e?.cause?.code === state;
}

/** PostgreSQL SQLSTATE 23505; drizzle wraps the driver error in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
  return hasSqlState(err, '23505');
}

/** SQLSTATE 40001: a REPEATABLE READ transaction met a concurrent change; running it again is the remedy. */
export function isSerializationFailure(err: unknown): boolean {
  return hasSqlState(err, '40001');
}

/** SQLSTATE 23P01: an exclusion constraint (e.g. overlapping meetings of one chair). */
export function isExclusionViolation(err: unknown): boolean {
  return hasSqlState(err, '23P01');
}

/** Turns a unique violation into a coded 409 on the given field; any other error passes through unchanged. */
export function rethrowUnique(code: ErrorCode, field: string) {
  return (err: unknown): never => {
    if (isUniqueViolation(err)) throw new AppError(code, [{ path: `body.${field}`, code }]);
    throw err;
  };
}
