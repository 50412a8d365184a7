import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerDeniedAccessLog } from './audit.js';
import type { AppDeps } from './deps.js';
import { errorBody, registerErrorHandler } from './errors.js';
import { registerInputGuard } from './input-guard.js';
import { accessLogRoutes } from './modules/access-log/access-log.routes.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { registerSessionHook } from './modules/auth/auth.session.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.js';
import { familyRoutes } from './modules/families/families.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { hsdsRoutes } from './modules/hsds/hsds.routes.js';
import { hsdsImportRoutes } from './modules/hsds/hsds-import.routes.js';
import { involvementRoutes } from './modules/involvement/involvement.routes.js';
import { mailRoutes } from './modules/mail/mail.routes.js';
import { meetingRoutes } from './modules/meetings/meetings.routes.js';
import { monitorRoutes } from './modules/monitor/monitor.routes.js';
import { municipalityRoutes } from './modules/municipalities/municipalities.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { organisationRoutes } from './modules/organisations/organisations.routes.js';
import { referralRoutes } from './modules/referrals/referrals.routes.js';
import { screeningRoutes } from './modules/screening/screening.routes.js';
import { signalRoutes } from './modules/signals/signals.routes.js';
import { surveyRoutes } from './modules/surveys/surveys.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { workspaceRoutes } from './modules/workspace/workspace.routes.js';

export interface BuildOptions {
  /** Where application logs go (tests capture them); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
}

/**
 * Application logs carry the method, the path without its query string, status and timing — never bodies,
 * query strings, cookies or headers, which is where personal data would travel.
 */
function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: redactPath(req.url), id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * One-time links carry their secret in the path (directory confirmation, parents' experience form, survey link):
 * whoever reads the logs must not be able to use them. The query string is never logged at all.
 */
const ONE_TIME_LINK = /^(\/api\/v1\/public\/(?:confirm|experience|surveys))\/[^/]+/;
export function redactPath(url: string): string {
  return url.split('?')[0]!.replace(ONE_TIME_LINK, '$1/[redacted]');
}

/** Builds the Fastify app (no listen): plugins, session hook, modules, error handling, web app. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}) {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, opts.logStream),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // The router's own refusals (bad percent-encoding, an over-long path parameter) answer the documented error body.
    frameworkErrors: (err, request, reply: FastifyReply) => {
      void reply.status(400).send(errorBody('bad_request', [{ path: 'path', code: err.code }], request.id));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGuard(app);
  app.addHook('onSend', async (request, reply, payload) => {
    // API answers carry personal data (JSON, PDF, CSV, .ics): no browser or proxy may keep them, unless a route
    // decided on its own caching for its content.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  // JSON only: a cross-site HTML form can post text/plain without a CORS preflight, never application/json.
  app.removeContentTypeParser('text/plain');

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only makes sense behind TLS; the reverse proxy in front of a deployment sets it.
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: (request) => ({ statusCode: 429, ...errorBody('rate_limited', [], request.id) }) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Knooppunt API', version: '1', description: 'Ketensamenwerking rond kwetsbare zwangeren en jonge gezinnen.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kp_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (deps.config.serverTiming)
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
      return payload;
    });
  registerSessionHook(app, deps);
  registerDeniedAccessLog(app, deps.database.db);
  await app.register(healthRoutes, deps);
  await app.register(
    async (api) => {
      await api.register(authRoutes, deps);
      await api.register(accountRoutes, deps);
      await api.register(organisationRoutes, deps);
      await api.register(municipalityRoutes, deps);
      await api.register(userRoutes, deps);
      await api.register(accessLogRoutes, deps);
      await api.register(mailRoutes, deps);
      await api.register(directoryRoutes, deps);
      await api.register(hsdsImportRoutes, deps);
      await api.register(familyRoutes, deps);
      await api.register(involvementRoutes, deps);
      await api.register(signalRoutes, deps);
      await api.register(screeningRoutes, deps);
      await api.register(notificationRoutes, deps);
      await api.register(caseRoutes, deps);
      await api.register(referralRoutes, deps);
      await api.register(meetingRoutes, deps);
      await api.register(monitorRoutes, deps);
      await api.register(surveyRoutes, deps);
      await api.register(evaluationRoutes, deps);
      await api.register(workspaceRoutes, deps);
    },
    { prefix: '/api/v1' },
  );
  await app.register(hsdsRoutes, { ...deps, prefix: '/hsds' });

  const webRoot = path.resolve(deps.config.webDistDir);
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, index: false, wildcard: false, maxAge: '1h' });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the single-page web app get its index page; everything else a coded 404.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('not_found', [], request.id));
  });
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
