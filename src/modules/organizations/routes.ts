import type { FastifyInstance } from 'fastify';

/** The organizations' pages: directory, each organization, its members, invitations and audit log. */
export async function organizationRoutes(_app: FastifyInstance): Promise<void> {}
