import { AppError, type ErrorCode } from '../errors.js';

/** PostgreSQL SQLSTATE 23505; drizzle wraps the driver error in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Turns a unique violation into a coded 409 on the given field; any other error passes through unchanged. */
export function rethrowUnique(code: ErrorCode, field: string) {
  return (err: unknown): never => {
    if (isUniqueViolation(err)) throw new AppError(code, [{ path: `body.${field}`, code }]);
    throw err;
  };
}
