import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, client, setCsrfToken } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

function answer(status: number, body: unknown) {
  const seen: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (r: Request) => {
      seen.push(r);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return seen;
}

describe('the typed API client', () => {
  it('turns the server’s error body into an ApiError with its details and request id', async () => {
    answer(400, { error: { code: 'validation_failed', message: 'x', details: [{ path: 'body.name', code: 'too_small' }], requestId: 'req-42' } });
    const error = await call(client.POST('/api/v1/account/password', { body: { currentPassword: 'a', newPassword: 'b' } })).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', details: [{ path: 'body.name', code: 'too_small' }], requestId: 'req-42' });
  });

  it('sends the CSRF token from /me on writes, never on reads, with same-origin credentials', async () => {
    const seen = answer(200, { csrfToken: 'token-from-me' });
    await call(client.GET('/api/v1/me'));
    await call(client.PUT('/api/v1/account/language', { body: { language: 'en' } })).catch(() => {});
    expect(seen[0]!.headers.get('x-csrf-token')).toBeNull();
    expect(seen[1]!.headers.get('x-csrf-token')).toBe('token-from-me');
    expect(seen[1]!.credentials).toBe('same-origin');
  });
});
