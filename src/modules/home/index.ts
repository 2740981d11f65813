import type { UnionhallModule } from '../module.ts';
import { homeRoutes } from './routes.ts';

/** The front page, the language redirect at "/", and the health checks operators poll. */
export const homeModule: UnionhallModule = {
  name: 'home',
  plugin: homeRoutes,
};
