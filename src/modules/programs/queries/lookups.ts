import type { Queryable } from '../../../db/database.ts';
import { findUserContactsByIds } from '../../accounts/index.ts';
import { descendantRegionIds, findRegionsByIds, regionsAtOrBelow as listRegionsAtOrBelow } from '../../../core/regions.ts';
import {
  findOrganizationBySlug,
  findOrganizationsByIds,
  listAllOrganizations,
  listOfficialsOfOrganizations,
  organizationIdsAtOrBelow,
} from '../../organizations/index.ts';
import type { OrganizationBrief, RegionBrief } from './rows.ts';

/**
 * Organizations, regions and people as programs need them, read through their owner's exports (programs write no
 * SQL against organizations, memberships or regions; admin owns regions): batch lookups by ids, one query per list.
 */

type OrganizationChoice = OrganizationBrief & { regionId: number | null };
const brief = (o: OrganizationChoice): OrganizationChoice => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  ancestorIds: o.ancestorIds,
  regionId: o.regionId,
});
const regionBrief = (r: RegionBrief): RegionBrief => ({ id: r.id, code: r.code, kind: r.kind, name: r.name, ancestorIds: r.ancestorIds });

/** Organizations by id, as a map (unknown ids are absent). */
export async function organizationBriefs(db: Queryable, ids: readonly number[]): Promise<Map<number, OrganizationBrief>> {
  const rows = await findOrganizationsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((o) => [o.id, { id: o.id, slug: o.slug, name: o.name, ancestorIds: o.ancestorIds }]));
}

/** Regions by id, top level first, then by code. */
export async function regionsByIds(db: Queryable, ids: readonly number[]): Promise<RegionBrief[]> {
  return (await findRegionsByIds(db, [...new Set(ids)])).map(regionBrief);
}

/** A region and every region below it (the choices for a program led from that region). */
export async function regionsAtOrBelow(db: Queryable, regionId: number | null): Promise<RegionBrief[]> {
  return (await listRegionsAtOrBelow(db, regionId)).map(regionBrief);
}

/** A region's id and those of every region below it (empty when it does not exist). */
export const regionIdsAtOrBelow = (db: Queryable, regionId: number): Promise<number[]> => descendantRegionIds(db, regionId);

/** Ids of every organization that is one of these or below one of them (roles reach sub-organizations). */
export const organizationsAtOrBelow = (db: Queryable, ids: number[]): Promise<number[]> => organizationIdsAtOrBelow(db, ids);

/** Every organization (for partner choices), by slug. */
export async function allOrganizations(db: Queryable): Promise<OrganizationChoice[]> {
  return (await listAllOrganizations(db)).map(brief);
}

/** An organization by slug. */
export async function organizationBySlug(db: Queryable, slug: string): Promise<OrganizationChoice | undefined> {
  const org = await findOrganizationBySlug(db, slug);
  return org && brief(org);
}

/** People holding official, coordinator or admin in these organizations or above them (candidates for "responsible official"). */
export async function officialsOf(db: Queryable, organizationIds: number[]): Promise<Array<{ id: number; name: string }>> {
  return (await listOfficialsOfOrganizations(db, organizationIds)).map((p) => ({ id: p.id, name: p.name }));
}

/** How many of these organization and region ids exist (to refuse unknown ones before writing). */
export async function countKnown(
  db: Queryable,
  organizationIds: number[],
  regionIds: number[],
): Promise<{ orgs: number; regions: number }> {
  const [orgs, regions] = await Promise.all([
    findOrganizationsByIds(db, [...new Set(organizationIds)]),
    findRegionsByIds(db, [...new Set(regionIds)]),
  ]);
  return { orgs: orgs.length, regions: regions.length };
}

/** People's names by id, through the accounts module (a name of an unknown id reads as null). */
export async function userNames(db: Queryable, ids: ReadonlyArray<number | null>): Promise<(id: number | null) => string | null> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const names = new Map((await findUserContactsByIds(db, wanted)).map((u) => [u.id, u.name]));
  return (id) => (id === null ? null : (names.get(id) ?? null));
}
