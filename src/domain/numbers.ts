import { z } from 'zod';

/** PostgreSQL's `integer` range: a whole number outside it must be refused at validation, not overflow in the database. */
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** A whole number that fits PostgreSQL's `integer`; chain `.min()`/`.max()` for stricter bounds. */
export function int32() {
  return z.number().int().min(INT32_MIN).max(INT32_MAX);
}

/** `int32()` for query strings and path parameters, where the value arrives as text. */
export function coercedInt32() {
  return z.coerce.number().int().min(INT32_MIN).max(INT32_MAX);
}
