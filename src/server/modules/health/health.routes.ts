import type { FastifyInstance } from 'fastify';
import { migrationsAreCurrent } from '../../db/migrate.js';
import type { AppDeps } from '../../deps.js';

/** Liveness and readiness for load balancers and orchestrators; no personal data, no session needed. */
export async function healthRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['health'], summary: 'Database reachable and migrations current' } }, async (_request, reply) => {
    let database = false;
    let migrations = false;
    try {
      await deps.database.pool.query('SELECT 1');
      database = true;
      migrations = await migrationsAreCurrent(deps.database.pool);
    } catch {
      // reported below
    }
    const ready = database && migrations;
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', database, migrations };
  });
}
