import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { accountsApiRoutes } from './routes/api.ts';
import { accountsPageRoutes } from './routes/pages/index.ts';

/** Accounts: sign up, log in and out, forgotten and changed passwords, the profile, personal API tokens. */
export const accountsModule: UnionhallModule = {
  name: 'accounts',
  plugin: async (app: FastifyInstance) => {
    await app.register(accountsPageRoutes);
    await app.register(accountsApiRoutes);
  },
};

// What other modules may use instead of their own SQL against the users table (this module owns it).
export { countUsers, emailHasAccount, findUserContactsByIds, insertAccount, type UserContact } from './queries.ts';
export { signUp } from './commands/sign-up.ts';
