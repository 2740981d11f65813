import type { UnionhallModule } from '../module.ts';
import { organizationRoutes } from './routes.ts';

export {
  ORGANIZATION_KINDS,
  REGION_KINDS,
  buildRegionTree,
  countOrganizations,
  descendantOrganizationIds,
  descendantRegionIds,
  findOrganizationById,
  findOrganizationBySlug,
  findOrganizationsByIds,
  findRegion,
  insertRegion,
  regionCodeTaken,
  flattenRegionTree,
  listAllOrganizations,
  listOfficialsOfOrganizations,
  listOrganizationsForSelect,
  listPeopleOfOrganizations,
  organizationIdsAtOrBelow,
  listRegions,
  regionTree,
  type OrganizationKind,
  type OrganizationPerson,
  type OrganizationSummary,
  type Region,
  type RegionKind,
  type RegionNode,
} from './queries.ts';
export { AuditLog, type AuditLogProps } from './views/audit-log.tsx';
export { auditLogViewModel } from './audit-view-model.ts';
export { regionOptions } from './presenters.ts';

/** Organizations, regions, memberships, invitations and each organization's audit log. */
export const organizationsModule: UnionhallModule = {
  name: 'organizations',
  plugin: organizationRoutes,
  nav: [{ labelId: 'organizations.nav', path: '/organizations' }],
};
