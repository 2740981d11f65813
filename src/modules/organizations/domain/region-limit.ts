import type { RegionRef } from '../../../core/authorization.ts';

/**
 * True when an official may be limited to this region in this organization: the region exists and is the
 * organization's own region or lies below it (an organization without a region takes any).
 */
export function regionWithinOrganization(region: RegionRef | undefined, organization: { regionId: number | null }): boolean {
  if (!region) return false;
  const own = organization.regionId;
  return own === null || region.id === own || region.ancestorIds.includes(own);
}
