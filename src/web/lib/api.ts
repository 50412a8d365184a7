/** Fetch wrapper: JSON in and out, the CSRF token on writes, coded errors as ApiError. */
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}
/** For requests that are not JSON (photo uploads). */
export const currentCsrfToken = () => csrfToken ?? '';

export interface ErrorDetail {
  path: string;
  code: string;
  message?: string;
}
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: ErrorDetail[] = [],
    /** The whole error body, for documented extras such as `candidates` of a possible duplicate. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'internal', data?.error?.details ?? [], data?.error ?? {});
  if (data && typeof data.csrfToken === 'string') setCsrfToken(data.csrfToken);
  return data as T;
}

export interface Me {
  user: {
    id: string;
    email: string;
    displayName: string;
    role: 'admin' | 'coordinator' | 'professional' | 'policy';
    organisation: { id: string; name: string };
    municipalities: { id: string; name: string; regionId: string }[];
    language: string;
    totpEnabled: boolean;
    isDemo: boolean;
    directoryEditor: boolean;
  };
  /** What the user may do in the app, decided by the server's policy: menus and pages follow these, never the role. */
  abilities: {
    administer: boolean;
    careWork: boolean;
    coordinate: boolean;
    monitor: boolean;
    maintainDirectory: boolean;
    notifications: boolean;
    breakGlass: boolean;
  };
  session: { mfaPending: 'verify' | 'enrol' | null; expiresAt: string; idleMinutes: number };
  csrfToken: string;
  demoMode: boolean;
  demoOnNetwork: boolean;
}
