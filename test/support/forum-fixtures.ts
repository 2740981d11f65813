import type { Queryable } from '../../src/db/database.ts';
import { createCategory } from '../../src/modules/forum/factories.ts';
import { createOrganization, type TestOrganization } from './factories.ts';

/** The Rasht textile workers' council with its members' "livelihood and aid" category (slug `welfare`), as the Persian journeys use it. */
export async function createRashtWelfareForum(db: Queryable): Promise<TestOrganization> {
  const org = await createOrganization(db, {
    slug: 'rasht-textile',
    name: { fa: 'شورای کارگران نساجی رشت', vi: 'Hội đồng công nhân Dệt Rasht', en: 'Rasht Textile Workers' },
  });
  await createCategory(db, org.id, {
    slug: 'welfare',
    visibility: 'members',
    name: { fa: 'معیشت و کمک', vi: 'Đời sống và hỗ trợ', en: 'Livelihood and aid' },
  });
  return org;
}
