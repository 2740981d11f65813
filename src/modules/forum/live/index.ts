import type { UnionhallModule } from '../../module.ts';
import { liveRoutes } from './routes.ts';

export { publishNewPost, topicChannel } from './publish.ts';

/** Live forum updates: new replies appear on open topic pages (SSE fed by PostgreSQL LISTEN/NOTIFY). */
export const forumLiveModule: UnionhallModule = {
  name: 'forum-live',
  plugin: liveRoutes,
};
