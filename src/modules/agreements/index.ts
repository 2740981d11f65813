import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { agreementPages } from './routes/pages.ts';
import { agreementApi } from './routes/api.ts';
import { seedAgreements } from './seed.ts';

/**
 * For the programs module (a program may serve an agreement's area): the areas of every agreement an organization
 * is a party to, and one area by id, each with its number, description, and its agreement's id, title, status and
 * party organization ids.
 */
export {
  areasForOrganization as listAgreementAreasForOrganization,
  findAreaRef as findAgreementArea,
  type AgreementAreaRef,
} from './queries.ts';

/** Cooperation agreements: parties and signatories, period, goals, numbered areas with yearly targets, documents. */
export const agreementsModule: UnionhallModule = {
  name: 'agreements',
  plugin: async (app: FastifyInstance) => {
    await agreementPages(app);
    await agreementApi(app);
  },
  nav: [{ labelId: 'agreements.nav', path: '/agreements' }],
  organizationLinks: [{ labelId: 'agreements.organizationLink', path: (slug) => `/organizations/${slug}/agreements` }],
  seed: seedAgreements,
};
