import type { UnionhallModule } from '../../module.ts';
import { forumApiPaths, forumApiSchemas } from './openapi.ts';
import { forumApiRoutes } from './routes.ts';

/** The forum as JSON under /api/v1/forum, by session or personal API token, with the pages' policies. */
export const forumApiModule: UnionhallModule = {
  name: 'forum-api',
  plugin: forumApiRoutes,
  openapiPaths: forumApiPaths,
  openapiSchemas: forumApiSchemas,
};
