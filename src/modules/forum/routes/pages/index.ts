import type { FastifyInstance } from 'fastify';
import { categoryRoutes } from './categories.ts';
import { imageRoutes } from './images.ts';
import { listRoutes } from './lists.ts';
import { liveRoutes } from './live.ts';
import { moderationRoutes } from './moderation.ts';
import { postRoutes } from './posts.ts';
import { searchRoutes } from './search.ts';
import { topicRoutes } from './topics.ts';

/** Every forum page and form, the search page, and the live stream of an open topic. */
export async function forumPages(app: FastifyInstance): Promise<void> {
  await listRoutes(app);
  await topicRoutes(app);
  await postRoutes(app);
  await moderationRoutes(app);
  await categoryRoutes(app);
  await imageRoutes(app);
  await searchRoutes(app);
  await liveRoutes(app);
}
