import type { FastifyInstance } from 'fastify';
import { negotiateLanguage } from '../../core/i18n.ts';
import { HomePage } from './views/home-page.tsx';
import { openapiDocument } from './openapi.ts';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  // "/" goes to the signed-in user's language, else the browser's, else the configured default.
  app.get('/', async (request, reply) => {
    const lang = request.ctx.user?.locale ?? negotiateLanguage(request.headers['accept-language'], app.uh.config.defaultLanguage);
    return reply.header('vary', 'accept-language, cookie').redirect(`/${lang}`, 302);
  });

  app.get('/:lang', async (request, reply) => reply.render(HomePage({ ctx: request.ctx })));

  app.get('/api/openapi.json', async () => openapiDocument(app.uh.config.baseUrl));

  app.get('/healthz', { config: { bare: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { bare: true } }, async (_request, reply) => {
    try {
      await app.uh.db.query('SELECT 1');
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
}
