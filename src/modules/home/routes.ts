import type { FastifyInstance } from 'fastify';
import type { QueryConfig } from 'pg';
import type { Pool } from '../../db/database.ts';
import { negotiateLanguage } from '../../core/i18n.ts';
import { HomePage } from './views/home-page.tsx';
import { openapiDocument } from './openapi.ts';

/** How long /readyz waits for the database to answer before it says 503. */
export const READY_TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within ms (also when every pool connection is stuck). */
function answersWithin(db: Pool, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    db.query({ text: 'SELECT 1', query_timeout: ms } as QueryConfig).then(
      () => resolve(true),
      () => resolve(false),
    ).finally(() => clearTimeout(timer));
  });
}

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  // "/" goes to the signed-in user's language, else the browser's, else the configured default.
  app.get('/', async (request, reply) => {
    const lang = request.ctx.user?.locale ?? negotiateLanguage(request.headers['accept-language'], app.uh.config.defaultLanguage);
    return reply.header('vary', 'accept-language, cookie').redirect(`/${lang}`, 302);
  });

  app.get('/:lang', async (request, reply) => reply.render(HomePage({ ctx: request.ctx })));

  app.get('/api/openapi.json', async () => openapiDocument(app.uh.config.baseUrl));

  // Liveness: fails only when this process cannot recover by itself (its embedded database server died and
  // could not be restarted), so that a process manager restarts it; a database that is merely down is readiness.
  app.get('/healthz', { config: { bare: true } }, async (_request, reply) => {
    if (app.uh.embeddedDatabase?.health() === 'failed') return reply.code(503).send({ status: 'failed', database: 'embedded server could not be restarted' });
    return { status: 'ok' };
  });

  app.get('/readyz', { config: { bare: true } }, async (_request, reply) => {
    const embedded = app.uh.embeddedDatabase?.health();
    if (embedded === 'restarting' || embedded === 'failed') return reply.code(503).send({ status: 'unavailable', database: embedded });
    // Its own short limit: a load balancer asking "ready?" of a frozen database must hear "no" at once.
    if (await answersWithin(app.uh.db, READY_TIMEOUT_MS)) return { status: 'ok', database: 'ok' };
    return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
  });
}
