import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/database.ts';
import type { UnionhallModule } from '../module.ts';
import { agreementRoutes } from './routes.ts';
import { agreementApiRoutes } from './api.ts';
import { agreementOpenapiPaths, agreementOpenapiSchemas } from './openapi.ts';
import { areasForOrganization, findAreaRef, type AgreementAreaRef } from './queries.ts';
import { seedAgreements } from './seed.ts';

export type { AgreementAreaRef } from './queries.ts';

/**
 * The areas of activity of every agreement the organization is a party to (for the programs module: a program
 * may serve one). Each has its id, number, description, and its agreement's id, title, status and parties.
 */
export function listAgreementAreasForOrganization(db: Queryable, organizationId: number): Promise<AgreementAreaRef[]> {
  return areasForOrganization(db, organizationId);
}

/** One agreement area with its agreement's id, title, status and party organization ids; undefined when none. */
export function findAgreementArea(db: Queryable, areaId: number): Promise<AgreementAreaRef | undefined> {
  return findAreaRef(db, areaId);
}

/** Cooperation agreements: parties and signatories, period, goals, numbered areas with yearly targets, documents. */
export const agreementsModule: UnionhallModule = {
  name: 'agreements',
  plugin: async (app: FastifyInstance) => {
    await agreementRoutes(app);
    await agreementApiRoutes(app);
  },
  nav: [{ labelId: 'agreements.nav', path: '/agreements' }],
  organizationLinks: [{ labelId: 'agreements.organizationLink', path: (slug) => `/organizations/${slug}/agreements` }],
  openapiPaths: agreementOpenapiPaths,
  openapiSchemas: agreementOpenapiSchemas,
  seed: seedAgreements,
};
