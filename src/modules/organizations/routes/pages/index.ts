import type { FastifyInstance } from 'fastify';
import { auditPages } from './audit.ts';
import { invitationPages } from './invitations.ts';
import { memberPages } from './members.ts';
import { organizationPages } from './organizations.ts';

/** The organizations' pages: directory, each organization, creating and editing, members, invitations, audit log. */
export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  organizationPages(app);
  memberPages(app);
  invitationPages(app);
  auditPages(app);
}
