import type { FastifyInstance } from 'fastify';
import { createLimiters } from '../../domain/rate-limits.ts';
import { passwordRoutes } from './passwords.ts';
import { profileRoutes } from './profile.ts';
import { sessionRoutes } from './sessions.ts';

/** The accounts pages: sign up, log in and out, passwords, the profile and tokens, sharing one set of limiters. */
export async function accountsPageRoutes(app: FastifyInstance): Promise<void> {
  const limits = createLimiters(app);
  sessionRoutes(app, limits);
  passwordRoutes(app, limits);
  profileRoutes(app);
}
