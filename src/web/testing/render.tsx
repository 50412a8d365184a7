import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';

/** One answer of the stand-in server: status and JSON body. */
export interface Answer {
  status?: number;
  body?: unknown;
}
/** A route of the stand-in server: method and path (with :params) to an answer or a function of the request. */
export type Routes_ = Record<string, Answer | ((request: Request, body: unknown) => Answer | Promise<Answer>)>;

/**
 * Stands in for the server (component tests only: the e2e tests drive the real one). Returns the requests made, with
 * their JSON bodies, so a test can see what was sent — or that nothing was.
 */
export function standInServer(routes: Routes_) {
  const requests: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost:3000/'), init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ method: request.method, path: url.pathname, body, headers: request.headers });
    for (const [key, answer] of Object.entries(routes)) {
      const [method, pattern] = key.split(' ') as [string, string];
      const re = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
      if (method !== request.method || !re.test(url.pathname)) continue;
      const a = typeof answer === 'function' ? await answer(request, body) : answer;
      const status = a.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(a.body ?? {}), { status, headers: { 'content-type': 'application/json' } });
    }
    return new Response(JSON.stringify({ error: { code: 'not_found', details: [], requestId: 'test-404' } }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, writes: () => requests.filter((r) => r.method !== 'GET') };
}

/** Renders a page at a URL inside the app's providers (query client without retries, router). */
export function renderPage(element: ReactNode, { path = '/', url = '/' }: { path?: string; url?: string } = {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path={path} element={element} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
