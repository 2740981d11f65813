import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createOrganization, createUser, grantRole } from '../../test/support/factories.ts';
import { hasRole, ROLES, type Actor } from './authorization.ts';
import { inReachSql, reachedOrganizationsSql, reachParams } from './reach-sql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the reach SQL', () => {
  it('agrees with the policies (hasRole) for every role, on the organization and the one below it', async () => {
    const province = await createOrganization(t.db);
    const county = await createOrganization(t.db, { parentId: province.id });
    for (const role of ROLES) {
      const user = await createUser(t.db);
      await grantRole(t.db, user.id, province.id, role);
      const actor: Actor = { userId: user.id, isPlatformAdmin: false, grants: [{ organizationId: province.id, role, regionId: null }] };
      const bySubquery = (await t.db.query<{ id: number }>(`${reachedOrganizationsSql('$1')} ORDER BY ro.id`, [user.id])).rows.map(
        (r) => r.id,
      );
      const { grantOrgIds, inheritedOrgIds } = reachParams(actor);
      const byParams = (
        await t.db.query<{ id: number }>(
          `SELECT o.id FROM organizations o WHERE ${inReachSql('o.id', 'o.ancestor_ids', '$1', '$2')} AND o.id = ANY($3::bigint[]) ORDER BY o.id`,
          [grantOrgIds, inheritedOrgIds, [province.id, county.id]],
        )
      ).rows.map((r) => r.id);
      const byPolicy = [province, county].filter((o) => hasRole(actor, { id: o.id, ancestorIds: o.ancestorIds }, [role])).map((o) => o.id);
      expect(bySubquery, role).toEqual(byPolicy);
      expect(byParams, role).toEqual(byPolicy);
    }
  });

  it('refuses anything but a column name or a parameter', () => {
    expect(() => reachedOrganizationsSql('1; DROP TABLE users')).toThrow();
    expect(() => inReachSql('o.id) OR (true', 'o.ancestor_ids', '$1', '$2')).toThrow();
  });
});
