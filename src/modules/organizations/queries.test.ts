import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createOrganization as makeOrganization, createRegion, createUser, grantRole } from '../../../test/support/factories.ts';
import {
  countOrganizations,
  descendantOrganizationIds,
  findOrganizationBySlug,
  findOrganizationsByIds,
  listAllOrganizations,
  listOfficialsOfOrganizations,
  listOrganizationsForSelect,
  listPeopleOfOrganizations,
  organizationIdsAtOrBelow,
} from './index.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
let ids: { country: number; province: number; county: number; otherProvince: number; federation: number; union: number; other: number };
beforeAll(async () => {
  t = await createTestApp();
  const country = await createRegion(t.db, { kind: 'country', name: { en: 'Iran', fa: 'ایران', vi: 'Iran' } });
  const province = await createRegion(t.db, { parentId: country.id, name: { en: 'Gilan', fa: 'گیلان', vi: 'Gilan' } });
  const county = await createRegion(t.db, { parentId: province.id, kind: 'county', name: { en: 'Rasht', fa: 'رشت', vi: 'Rasht' } });
  const otherProvince = await createRegion(t.db, { parentId: country.id, name: { en: 'Tehran', fa: 'تهران', vi: 'Tehran' } });
  const federation = await makeOrganization(t.db, {
    slug: 'gilan-federation',
    regionId: province.id,
    name: { en: 'Gilan Federation', fa: 'فدراسیون گیلان' },
  });
  const union = await makeOrganization(t.db, {
    slug: 'rasht-union',
    parentId: federation.id,
    regionId: county.id,
    name: { en: 'Rasht Union', fa: 'سندیکای رشت' },
  });
  const other = await makeOrganization(t.db, { slug: 'another', name: { vi: 'Khác' } });
  ids = {
    country: country.id,
    province: province.id,
    county: county.id,
    otherProvince: otherProvince.id,
    federation: federation.id,
    union: union.id,
    other: other.id,
  };
});
afterAll(async () => {
  await t.close();
});

describe('exports other modules use', () => {
  it('findOrganizationBySlug returns id, slug, names, ancestors, region and kind', async () => {
    const found = await findOrganizationBySlug(t.db, 'rasht-union');
    expect(found).toMatchObject({
      id: ids.union,
      slug: 'rasht-union',
      ancestorIds: [ids.federation],
      regionId: ids.county,
      kind: 'trade_union',
      parentId: ids.federation,
    });
    expect(defined(found, 'found').name.fa).toBe('سندیکای رشت');
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
    expect(
      defined(
        list.find((o) => o.id === ids.other),
        'list.find((o) => o.id === ids.other)',
      ).name,
    ).toBe('Khác');
  });
  it('descendantOrganizationIds includes the organization and its sub-organizations', async () => {
    expect((await descendantOrganizationIds(t.db, ids.federation)).sort()).toEqual([ids.federation, ids.union].sort());
  });
  it('findOrganizationsByIds gives the summary in id order and leaves unknown ids out', async () => {
    const found = await findOrganizationsByIds(t.db, [ids.other, ids.union, 999_999]);
    expect(found.map((o) => o.id)).toEqual([ids.union, ids.other].sort((a, b) => a - b));
    expect(found.find((o) => o.id === ids.union)).toMatchObject({
      slug: 'rasht-union',
      ancestorIds: [ids.federation],
      regionId: ids.county,
    });
  });
  it('listAllOrganizations lists every organization by slug, and countOrganizations counts them', async () => {
    const slugs = (await listAllOrganizations(t.db)).map((o) => o.slug);
    expect(slugs).toEqual([...slugs].sort());
    expect(slugs).toEqual(expect.arrayContaining(['another', 'gilan-federation', 'rasht-union']));
    expect(await countOrganizations(t.db)).toBe(slugs.length);
    expect(await listAllOrganizations(t.db, 1)).toHaveLength(1);
  });
  it('organizationIdsAtOrBelow gives the organizations and everything below them', async () => {
    expect(await organizationIdsAtOrBelow(t.db, [ids.federation])).toEqual([ids.federation, ids.union].sort((a, b) => a - b));
    expect(await organizationIdsAtOrBelow(t.db, [ids.union, ids.other])).toEqual([ids.union, ids.other].sort((a, b) => a - b));
    expect(await organizationIdsAtOrBelow(t.db, [])).toEqual([]);
  });
  it('listPeopleOfOrganizations names people with a role there, once each; listOfficialsOfOrganizations those above member here or above', async () => {
    const member = await createUser(t.db, { name: 'Ana Member' });
    const official = await createUser(t.db, { name: 'Bao Official' });
    const federationAdmin = await createUser(t.db, { name: 'Cyrus Admin' });
    await grantRole(t.db, member.id, ids.union, 'member');
    await grantRole(t.db, official.id, ids.union, 'official');
    await grantRole(t.db, official.id, ids.union, 'member');
    await grantRole(t.db, federationAdmin.id, ids.federation, 'admin');
    expect((await listPeopleOfOrganizations(t.db, [ids.union])).map((p) => p.name)).toEqual(['Ana Member', 'Bao Official']);
    expect((await listOfficialsOfOrganizations(t.db, [ids.union])).map((p) => p.name)).toEqual(['Bao Official', 'Cyrus Admin']);
    expect(await listOfficialsOfOrganizations(t.db, [ids.other])).toEqual([]);
    expect(await listPeopleOfOrganizations(t.db, [])).toEqual([]);
  });
});
