import type { FastifyInstance } from 'fastify';
import { negotiateLanguage } from '../../../core/i18n.ts';
import { loadWork } from '../loaders.ts';
import { presentWork } from '../presenters.ts';
import { HomePage } from '../views/home-page.tsx';

/** The language redirect at "/" and the front page ("My work" for a signed-in person). */
export async function homePageRoutes(app: FastifyInstance): Promise<void> {
  // "/" goes to the signed-in user's language, else the browser's, else the configured default.
  app.get('/', async (request, reply) => {
    const lang = request.ctx.user?.locale ?? negotiateLanguage(request.headers['accept-language'], app.uh.config.defaultLanguage);
    return reply.header('vary', 'accept-language, cookie').redirect(`/${lang}`, 302);
  });

  app.get('/:lang', async (request, reply) => {
    const { ctx } = request;
    const work = ctx.actor ? presentWork(await loadWork(app.uh.db, ctx.actor, ctx.lang), ctx.lang) : null;
    return reply.render(HomePage({ ctx, work }));
  });
}
