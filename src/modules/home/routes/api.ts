import type { FastifyInstance } from 'fastify';
import { databaseAnswersWithin } from '../queries.ts';

/** How long /readyz waits for the database to answer before it says 503. */
export const READY_TIMEOUT_MS = 2_000;

/** The OpenAPI document of /api/v1 (generated from the routes' zod schemas, core/api-docs.ts), and the health checks operators poll (JSON, outside any language). */
export async function homeApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', async () => app.swagger());

  // Liveness: fails only when this process cannot recover by itself (its embedded database server died and
  // could not be restarted), so that a process manager restarts it; a database that is merely down is readiness.
  app.get('/healthz', { config: { bare: true } }, async (_request, reply) => {
    if (app.uh.embeddedDatabase?.health() === 'failed')
      return reply.code(503).send({ status: 'failed', database: 'embedded server could not be restarted' });
    return { status: 'ok' };
  });

  app.get('/readyz', { config: { bare: true } }, async (_request, reply) => {
    const embedded = app.uh.embeddedDatabase?.health();
    if (embedded === 'restarting' || embedded === 'failed') return reply.code(503).send({ status: 'unavailable', database: embedded });
    // Its own short limit: a load balancer asking "ready?" of a frozen database must hear "no" at once.
    if (await databaseAnswersWithin(app.uh.db, READY_TIMEOUT_MS)) return { status: 'ok', database: 'ok' };
    return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
  });
}
