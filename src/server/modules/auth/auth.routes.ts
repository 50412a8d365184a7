import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireSession } from '../../policy.js';
import { meSchema, presentMe } from './auth.presenter.js';
import { deleteSession } from './auth.repository.js';
import { createAuthService } from './auth.service.js';
import { clearSessionCookie, setSessionCookie } from './auth.session.js';

const codeBody = z.object({ code: z.string().min(6).max(12) });
const ok = z.object({ ok: z.literal(true) });

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = createAuthService(deps);
  const { config } = deps;

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail address and password',
        body: z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ mfa: z.enum(['verify', 'enrol']).nullable(), csrfToken: z.string() }) },
      },
      config: { rateLimit: { max: config.login.rateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await auth.login(request.body.email, request.body.password, request.meta);
      // Rotate: whatever session the browser had before is ended, the new one gets a fresh id.
      if (request.session) await deleteSession(deps.database.db, request.session.idHash);
      setSessionCookie(request, reply, result.token, config.session.absoluteHours * 3600);
      return { mfa: result.mfa, csrfToken: result.csrfToken };
    },
  );

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out', response: { 200: ok } } }, async (request, reply) => {
    const actor = requireSession(request.actor);
    await auth.logout(request.session!.idHash, actor, request.meta);
    clearSessionCookie(request, reply);
    return { ok: true as const };
  });

  r.get('/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema } } }, async (request) => {
    requireSession(request.actor);
    return presentMe(request.session!, config.session.idleMinutes, config.demoMode, config.demoOnNetwork);
  });

  r.post(
    '/auth/2fa/verify',
    {
      schema: { tags: ['auth'], summary: 'Second sign-in step: TOTP code', body: codeBody, response: { 200: ok } },
      config: { rateLimit: { max: config.login.rateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = requireSession(request.actor);
      if (actor.mfaSatisfied) return { ok: true as const };
      await auth.verifySecondFactor(actor.userId, request.session!.idHash, request.body.code, request.meta);
      return { ok: true as const };
    },
  );

  r.post(
    '/auth/2fa/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment',
        response: { 200: z.object({ otpauthUrl: z.string(), qrCodeDataUrl: z.string(), manualKey: z.string() }) },
      },
    },
    async (request) => {
      const actor = requireSession(request.actor);
      // A session waiting for its code must not be able to replace the factor it has not yet passed.
      if (request.session!.totpEnabled) throw new AppError('conflict', [{ path: 'totp', code: 'already_enabled' }]);
      return auth.startEnrolment(actor.userId);
    },
  );

  r.post(
    '/auth/2fa/enable',
    {
      schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment with a first code', body: codeBody, response: { 200: ok } },
      config: { rateLimit: { max: config.login.rateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = requireSession(request.actor);
      await auth.confirmEnrolment(actor.userId, request.session!.idHash, request.body.code, request.meta);
      return { ok: true as const };
    },
  );
}
