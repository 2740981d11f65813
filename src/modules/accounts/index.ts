import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { meOpenapiPaths, meOpenapiSchemas } from './domain/openapi.ts';
import { accountsApiRoutes } from './routes/api.ts';
import { accountsPageRoutes } from './routes/pages/index.ts';

/** Accounts: sign up, log in and out, forgotten and changed passwords, the profile, personal API tokens. */
export const accountsModule: UnionhallModule = {
  name: 'accounts',
  plugin: async (app: FastifyInstance) => {
    await app.register(accountsPageRoutes);
    await app.register(accountsApiRoutes);
  },
  openapiPaths: meOpenapiPaths,
  openapiSchemas: meOpenapiSchemas,
};

export { countUsers, findUserContactsByIds, type UserContact } from './queries.ts';
