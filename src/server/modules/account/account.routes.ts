import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordChangeSchema } from '../../../domain/users.js';
import type { AppDeps } from '../../deps.js';
import { requireActor } from '../../policy.js';
import { createAccountService } from './account.service.js';

export async function accountRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const account = createAccountService(deps);

  // Both check the password: throttled like sign-in, so a stolen session cannot guess it at speed.
  const passwordRateLimit = { rateLimit: { max: deps.config.login.rateLimitPerMinute, timeWindow: '1 minute' } };
  r.post(
    '/account/password',
    {
      config: passwordRateLimit,
      schema: {
        tags: ['account'],
        summary: 'Change the own password',
        body: passwordChangeSchema,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      await account.changePassword(actor, request.session!.idHash, request.body.currentPassword, request.body.newPassword, request.meta);
      return { ok: true as const };
    },
  );

  r.post(
    '/account/2fa/reset',
    {
      config: passwordRateLimit,
      schema: {
        tags: ['account'],
        summary: 'Turn the own two-factor authentication off (password required)',
        body: z.object({ password: z.string().min(1).max(256) }),
        response: { 200: z.object({ mustEnrol: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return account.resetSecondFactor(actor, request.session!.idHash, request.body.password, request.meta);
    },
  );

  r.put(
    '/account/language',
    {
      schema: {
        tags: ['account'],
        summary: 'Remember the interface language',
        body: z.object({ language: z.enum(['nl', 'en']) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      await account.setLanguage(actor, request.body.language);
      return { ok: true as const };
    },
  );
}
