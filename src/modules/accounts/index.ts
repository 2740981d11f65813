import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { createLimiters } from './rate-limits.ts';
import { passwordRoutes } from './routes/passwords.ts';
import { profileRoutes } from './routes/profile.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { meOpenapiPaths, meOpenapiSchemas } from './openapi.ts';

async function accountsPlugin(app: FastifyInstance): Promise<void> {
  const limits = createLimiters(app);
  sessionRoutes(app, limits);
  passwordRoutes(app, limits);
  profileRoutes(app);
}

/** Accounts: sign up, log in and out, forgotten and changed passwords, the profile, personal API tokens. */
export const accountsModule: UnionhallModule = {
  name: 'accounts',
  plugin: accountsPlugin,
  openapiPaths: meOpenapiPaths,
  openapiSchemas: meOpenapiSchemas,
};

export { signUp } from './commands/sign-up.ts';
export { authenticate } from './commands/authenticate.ts';
export { parseIdentifier } from './schemas.ts';
export { findUserContactsByIds, type UserContact } from './queries.ts';
