import { z } from 'zod';

/** True for an absolute http(s) URL — the only links we accept from anyone or render as a link. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** An http(s) link (a `javascript:` or `data:` URL runs code where it is rendered): code `invalid_url`. */
export function httpUrl(max = 500) {
  return z
    .url({ protocol: /^https?$/, message: 'invalid_url' })
    .max(max)
    .refine(isHttpUrl, { message: 'invalid_url' });
}
