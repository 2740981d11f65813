import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { homeApiRoutes } from './routes/api.ts';
import { homePageRoutes } from './routes/pages.ts';

/** The front page, the language redirect at "/", the OpenAPI document and the health checks operators poll. */
export const homeModule: UnionhallModule = {
  name: 'home',
  plugin: async (app: FastifyInstance) => {
    await app.register(homePageRoutes);
    await app.register(homeApiRoutes);
  },
};
