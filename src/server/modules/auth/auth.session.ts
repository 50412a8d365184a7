import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestMeta } from '../../context.js';
import { safeEqual, sha256 } from '../../crypto.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { findLiveSession, type SessionLookup, touchSession } from './auth.repository.js';

export const SESSION_COOKIE = 'kp_session';
export const CSRF_HEADER = 'x-csrf-token';
// last_seen_at is written at most once a minute: idle timeout stays accurate to a minute, reads stay reads.
const TOUCH_AFTER_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionLookup | null;
    meta: RequestMeta;
  }
}

export function actorFromSession(s: SessionLookup): Actor {
  const regionIds = [...new Set([s.organisationRegionId, ...s.municipalities.map((m) => m.regionId)])];
  return {
    userId: s.userId,
    kind: s.kind,
    role: s.role,
    organisationId: s.organisationId,
    municipalityIds: s.municipalities.map((m) => m.id),
    regionIds,
    isDemo: s.isDemo,
    directoryEditor: s.directoryEditor,
    intakeRight: s.intakeRight,
    mfaSatisfied: s.mfaVerified,
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    // request.host honours X-Forwarded-Host when TRUST_PROXY is on, so this holds behind a reverse proxy too.
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/** Resolves the session cookie to an actor and enforces CSRF protection on every state-changing API request. */
export function registerSessionHook(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);
  app.addHook('onRequest', async (request) => {
    request.meta = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
    // The HSDS read API serves more to signed-in users, so it resolves sessions too.
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/hsds/')) return;
    const unsafe = !SAFE_METHODS.has(request.method);
    // Cross-site writes are refused even before sign-in (login CSRF).
    if (unsafe && !sameOrigin(request)) throw new AppError('csrf_invalid');
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findLiveSession(deps.database.pool, sha256(token), deps.config.session.idleMinutes);
    if (!session) return;
    if (unsafe) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) throw new AppError('csrf_invalid');
    }
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchSession(deps.database.db, session.idHash);
    request.session = session;
    request.actor = actorFromSession(session);
  });
}
