import type { FastifyInstance } from 'fastify';

/** Every forum page and form (filled in by the route files beside this one). */
export async function forumRoutes(_app: FastifyInstance): Promise<void> {}
