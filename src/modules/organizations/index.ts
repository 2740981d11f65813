import type { UnionhallModule } from '../module.ts';
import { organizationRoutes } from './routes/pages/index.ts';

// Organizations own the organizations, memberships and invitations tables: other modules read them through these
// batch lookups (one query for a list of ids), or through core/reach-sql.ts for "which organizations does this actor reach".
export {
  ORGANIZATION_KINDS,
  countOrganizations,
  descendantOrganizationIds,
  findOrganizationById,
  findOrganizationBySlug,
  findOrganizationsByIds,
  listAllOrganizations,
  listOrganizationsForSelect,
  organizationIdsAtOrBelow,
  organizationsPastLocalTime,
  type OrganizationKind,
  type OrganizationSummary,
} from './queries/organizations.ts';
export {
  listCoordinatorsOfOrganizations,
  listOfficialsOfOrganizations,
  listPeopleOfOrganizations,
  type OrganizationPerson,
} from './queries/members.ts';
export type { OrganizationOption } from './domain/organization-tree.ts';
// The audit log page, shared with the platform administration.
export { auditLogViewModel, organizationsWorkFor } from './loaders.ts';
export { AuditLog, type AuditLogProps } from './views/parts.tsx';

/** Organizations, memberships, invitations and each organization's audit log. */
export const organizationsModule: UnionhallModule = {
  name: 'organizations',
  plugin: organizationRoutes,
  nav: [{ labelId: 'organizations.nav', path: '/organizations' }],
};
