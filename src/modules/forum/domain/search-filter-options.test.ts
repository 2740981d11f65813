import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveEvents, type LiveEvents } from '../../../core/live.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/app.ts';
import { createOrganization } from '../../../../test/support/factories.ts';
import { createFilterOptionsCache } from './search-filter-options.ts';
import { forumChangeFromElsewhere, insertCategory } from '../factories.ts';

let database: TestDatabase;
let live: LiveEvents;
let orgId: number;
let publicCategory: number;

beforeAll(async () => {
  database = await createTestDatabase();
  live = await createLiveEvents(database.url, database.pool);
  const org = await createOrganization(database.pool, { slug: 'lahijan-tea-workers' });
  orgId = org.id;
  publicCategory = await insertCategory(database.pool, org.id, 'public', 'Tea harvest');
  await insertCategory(database.pool, org.id, 'members', 'Members room');
});
afterAll(async () => {
  await live?.close();
  await database?.drop();
});

const names = (options: Array<{ name: Record<string, string> }>) => options.map((o) => o.name.en).sort();
const rename = (name: string) =>
  database.pool.query('UPDATE forum_categories SET name = $1 WHERE id = $2', [
    JSON.stringify({ en: name, fa: name, vi: name }),
    publicCategory,
  ]);
const changed = (payload: { added: boolean }) => forumChangeFromElsewhere(live, payload);

describe('search filter choices', () => {
  it('are kept per viewer scope, so a member and a visitor each get their own', async () => {
    const cache = createFilterOptionsCache(database.pool, live);
    try {
      const member = { userId: 1, isPlatformAdmin: false, grants: [{ organizationId: orgId, role: 'member' as const, regionId: null }] };
      expect(names(await cache.get(null))).toEqual(['Tea harvest']);
      expect(names(await cache.get(member))).toEqual(['Members room', 'Tea harvest']);
    } finally {
      cache.close();
    }
  });

  it('survive a new post, and are read again after any other forum change (in any process)', async () => {
    const cache = createFilterOptionsCache(database.pool, live);
    try {
      await rename('Tea harvest');
      expect(names(await cache.get(null))).toEqual(['Tea harvest']);
      await rename('Tea picking');
      expect(names(await cache.get(null))).toEqual(['Tea harvest']);
      await changed({ added: true });
      expect(names(await cache.get(null))).toEqual(['Tea harvest']);
      await changed({ added: false });
      expect(names(await cache.get(null))).toEqual(['Tea picking']);
    } finally {
      cache.close();
    }
  });
});
