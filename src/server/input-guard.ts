import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * The path of the first string holding U+0000 inside `value`, or null. PostgreSQL cannot store NUL in text
 * (it answers an error, i.e. a 500), so such input is refused up front. Iterative, so a deeply nested body cannot
 * overflow the stack.
 */
export function findNulPath(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return p;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      // Parsed JSON, query and params (the router's have a null-like prototype of their own); the bytes or stream
      // of an upload are not text.
      if (ArrayBuffer.isView(v) || typeof (v as { pipe?: unknown }).pipe === 'function') continue;
      for (const [k, child] of Object.entries(v as Record<string, unknown>).reverse()) {
        if (k.includes('\u0000')) return `${p}.${k.replaceAll('\u0000', '\\0')}`;
        stack.push([child, `${p}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * One check for every route, with or without a schema: a NUL character in a path parameter, the query string or a
 * JSON body is a `validation_failed` naming the field (code `nul_character`), never a database error.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: Array<[string, unknown]> = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ];
    for (const [where, value] of parts) {
      const path = findNulPath(value, where);
      if (path) throw new AppError('validation_failed', [{ path, code: 'nul_character' }]);
    }
  });
}
