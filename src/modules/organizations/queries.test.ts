import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createOrganization as makeOrganization, createRegion } from '../../../test/support/factories.ts';
import {
  descendantOrganizationIds,
  descendantRegionIds,
  findOrganizationBySlug,
  findOrganizationsByIds,
  listOrganizationsForSelect,
  listRegions,
  regionTree,
} from './index.ts';

let t: TestApp;
let ids: { country: number; province: number; county: number; otherProvince: number; federation: number; union: number; other: number };
beforeAll(async () => {
  t = await createTestApp();
  const country = await createRegion(t.db, { kind: 'country', name: { en: 'Iran', fa: 'ایران', vi: 'Iran' } });
  const province = await createRegion(t.db, { parentId: country.id, name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } });
  const county = await createRegion(t.db, { parentId: province.id, kind: 'county', name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } });
  const otherProvince = await createRegion(t.db, { parentId: country.id, name: { en: 'Tehran', fa: 'تهران', vi: 'Tehran' } });
  const federation = await makeOrganization(t.db, { slug: 'gilan-federation', regionId: province.id, name: { en: 'Gilan Federation', fa: 'فدراسیون گیلان' } });
  const union = await makeOrganization(t.db, { slug: 'rasht-union', parentId: federation.id, regionId: county.id, name: { en: 'Rasht Union', fa: 'سندیکای رشت' } });
  const other = await makeOrganization(t.db, { slug: 'another', name: { vi: 'Khác' } });
  ids = { country: country.id, province: province.id, county: county.id, otherProvince: otherProvince.id, federation: federation.id, union: union.id, other: other.id };
});
afterAll(async () => {
  await t.close();
});

describe('exports other modules use', () => {
  it('findOrganizationBySlug returns id, slug, names, ancestors, region and kind', async () => {
    const found = await findOrganizationBySlug(t.db, 'rasht-union');
    expect(found).toMatchObject({ id: ids.union, slug: 'rasht-union', ancestorIds: [ids.federation], regionId: ids.county, kind: 'trade_union', parentId: ids.federation });
    expect(found!.name.fa).toBe('سندیکای رشت');
    expect(await findOrganizationBySlug(t.db, 'nope')).toBeUndefined();
  });
  it('findOrganizationsByIds loads several at once and nothing for an empty list', async () => {
    expect((await findOrganizationsByIds(t.db, [ids.union, ids.other])).map((o) => o.slug).sort()).toEqual(['another', 'rasht-union']);
    expect(await findOrganizationsByIds(t.db, [])).toEqual([]);
  });
  it('listOrganizationsForSelect puts children under parents with names in the language asked', async () => {
    const list = await listOrganizationsForSelect(t.db, 'fa');
    const federationIndex = list.findIndex((o) => o.id === ids.federation);
    expect(list[federationIndex]).toMatchObject({ name: 'فدراسیون گیلان', depth: 0 });
    expect(list[federationIndex + 1]).toMatchObject({ id: ids.union, name: 'سندیکای رشت', depth: 1 });
    // No Persian name: falls back to another language rather than showing nothing.
    expect(list.find((o) => o.id === ids.other)!.name).toBe('Khác');
  });
  it('listRegions gives ancestors, and regionTree nests them', async () => {
    const regions = await listRegions(t.db);
    expect(regions.find((r) => r.id === ids.county)!.ancestorIds).toEqual([ids.country, ids.province]);
    const tree = await regionTree(t.db);
    const iran = tree.find((n) => n.id === ids.country)!;
    expect(iran.children.map((c) => c.id).sort()).toEqual([ids.province, ids.otherProvince].sort());
    expect(iran.children.find((c) => c.id === ids.province)!.children.map((c) => c.id)).toEqual([ids.county]);
  });
  it('descendantRegionIds includes the region itself and everything below, nothing beside it', async () => {
    expect((await descendantRegionIds(t.db, ids.province)).sort()).toEqual([ids.province, ids.county].sort());
    expect(await descendantRegionIds(t.db, ids.county)).toEqual([ids.county]);
    expect(await descendantRegionIds(t.db, 999_999)).toEqual([]);
  });
  it('descendantOrganizationIds includes the organization and its sub-organizations', async () => {
    expect((await descendantOrganizationIds(t.db, ids.federation)).sort()).toEqual([ids.federation, ids.union].sort());
  });
});
