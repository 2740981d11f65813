import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createRegion } from '../../test/support/factories.ts';
import { defined } from '../../test/support/defined.ts';
import {
  descendantRegionIds,
  findRegion,
  findRegionsByIds,
  flattenRegionTree,
  listRegions,
  regionOptions,
  regionTree,
  regionsAtOrBelow,
} from './regions.ts';

let t: TestApp;
let ids: { country: number; province: number; county: number; otherProvince: number };
beforeAll(async () => {
  t = await createTestApp();
  const country = await createRegion(t.db, { kind: 'country', code: 'ir', name: { en: 'Iran', fa: 'ایران', vi: 'Iran' } });
  const province = await createRegion(t.db, { parentId: country.id, code: 'ir-gilan', name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } });
  const county = await createRegion(t.db, {
    parentId: province.id,
    kind: 'county',
    code: 'ir-gilan-rasht',
    name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' },
  });
  const otherProvince = await createRegion(t.db, {
    parentId: country.id,
    code: 'ir-tehran',
    name: { en: 'Tehran', fa: 'تهران', vi: 'Tehran' },
  });
  ids = { country: country.id, province: province.id, county: county.id, otherProvince: otherProvince.id };
});
afterAll(async () => {
  await t.close();
});

describe('the regions platform table: lookups and tree helpers', () => {
  it('findRegion gives a region with its ancestors as numbers, and nothing for an unknown id', async () => {
    expect(await findRegion(t.db, ids.county)).toMatchObject({
      id: ids.county,
      parentId: ids.province,
      kind: 'county',
      code: 'ir-gilan-rasht',
      ancestorIds: [ids.country, ids.province],
    });
    expect(await findRegion(t.db, 999_999)).toBeUndefined();
  });
  it('findRegionsByIds loads several in one query, shallowest first, and nothing for an empty list', async () => {
    const found = await findRegionsByIds(t.db, [ids.county, ids.country, 999_999]);
    expect(found.map((r) => r.id)).toEqual([ids.country, ids.county]);
    expect(defined(found[1], 'second region').name.fa).toBe('رشت');
    expect(await findRegionsByIds(t.db, [])).toEqual([]);
  });
  it('regionsAtOrBelow gives a region and what lies below it; every region for null', async () => {
    expect((await regionsAtOrBelow(t.db, ids.province)).map((r) => r.id)).toEqual([ids.province, ids.county]);
    expect((await regionsAtOrBelow(t.db, null)).map((r) => r.id)).toEqual(expect.arrayContaining(Object.values(ids)));
  });
  it('descendantRegionIds includes the region itself and everything below, nothing beside it', async () => {
    expect((await descendantRegionIds(t.db, ids.province)).sort()).toEqual([ids.province, ids.county].sort());
    expect(await descendantRegionIds(t.db, 999_999)).toEqual([]);
  });
  it('listRegions and regionTree nest the tree; regionOptions indents children', async () => {
    expect(
      defined(
        (await listRegions(t.db)).find((r) => r.id === ids.county),
        'county',
      ).ancestorIds,
    ).toEqual([ids.country, ids.province]);
    const tree = await regionTree(t.db);
    const iran = defined(
      tree.find((n) => n.id === ids.country),
      'country node',
    );
    expect(iran.children.map((c) => c.id).sort()).toEqual([ids.province, ids.otherProvince].sort());
    const options = regionOptions('en', flattenRegionTree([iran]));
    expect(
      defined(
        options.find(([id]) => id === String(ids.county)),
        'county option',
      )[1],
    ).toBe('\u00a0\u00a0\u00a0\u00a0– Rasht');
  });
});
