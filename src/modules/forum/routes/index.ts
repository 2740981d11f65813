import type { FastifyInstance } from 'fastify';
import { categoryRoutes } from './categories.ts';
import { imageRoutes } from './images.ts';
import { listRoutes } from './lists.ts';
import { moderationRoutes } from './moderation.ts';
import { postRoutes } from './posts.ts';
import { topicRoutes } from './topics.ts';

/** Every forum page and form. */
export async function forumRoutes(app: FastifyInstance): Promise<void> {
  await listRoutes(app);
  await topicRoutes(app);
  await postRoutes(app);
  await moderationRoutes(app);
  await categoryRoutes(app);
  await imageRoutes(app);
}
