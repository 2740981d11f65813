import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../test/support/app.ts';
import { createOrganization, createUser, grantRole } from '../../../test/support/factories.ts';
import { createApiToken } from '../accounts/factories.ts';
import { insertCategory, insertTopic } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

// Topics started while replies are posted in the same category (issue 8: 6 deadlocks in ~3,400 topic
// creations, each a 500). A reply locked topic → category → new search words; a new topic took its
// title's new words, then the category. Each operation here shares a new word with the ones running
// beside it, so the two orders meet often. deadlock_timeout is lowered in this test's own database so
// that PostgreSQL finds each cycle in milliseconds instead of a second.

const CLIENTS = 8;
const OPERATIONS_PER_CLIENT = 40;
const POSTS_PER_USER = 8; // the forum's flood limit: 8 posts a minute per person

let database: TestDatabase;
let app: FastifyInstance;
let categoryId: number;
const topicIds: number[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET deadlock_timeout = '20ms'`);
  await admin.end();
  app = await buildApp({ config: testConfig(), db: database.pool, connectionString: database.url, logger: false });
  await app.ready();

  const org = await createOrganization(database.pool, { slug: 'busy-union' });
  categoryId = await insertCategory(database.pool, org.id, 'members', 'Busy');
  const users = await Promise.all(
    Array.from({ length: (CLIENTS * OPERATIONS_PER_CLIENT) / POSTS_PER_USER }, () => createUser(database.pool)),
  );
  await database.pool.query(`UPDATE users SET created_at = now() - interval '1 year'`);
  for (const user of users) {
    await grantRole(database.pool, user.id, org.id, 'member');
    tokens.push(await createApiToken(database.pool, user.id, 'load'));
  }
  for (let i = 0; i < 4; i++)
    topicIds.push(
      await insertTopic(database.pool, categoryId, {
        title: `Busy topic ${i}`,
        body: 'Start here',
        by: { userId: defined(users[i], 'users[i]').id },
      }),
    );
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('topics and replies at once in one category', () => {
  it('answers every request without a 5xx', async () => {
    const statuses = new Map<number, number>();
    let next = 0;
    async function client(index: number): Promise<void> {
      for (let i = 0; i < OPERATIONS_PER_CLIENT; i++) {
        const op = next++;
        // Neighbouring operations share a word nobody has written yet, so their dictionary inserts collide.
        const word = `lexeme${Math.floor(op / 3)}x`;
        const token = tokens[index * (OPERATIONS_PER_CLIENT / POSTS_PER_USER) + Math.floor(i / POSTS_PER_USER)];
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const response =
          op % 2 === 0
            ? await app.inject({
                method: 'POST',
                url: `/api/v1/forum/categories/${categoryId}/topics`,
                headers,
                payload: { title: `About ${word} number ${op}`, body: `Why ${word}?` },
              })
            : await app.inject({
                method: 'POST',
                url: `/api/v1/forum/topics/${topicIds[op % topicIds.length]}/posts`,
                headers,
                payload: { body: `Because ${word} and ${word}s` },
              });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const summary = Object.fromEntries(statuses);
    expect(summary).toEqual({ 201: CLIENTS * OPERATIONS_PER_CLIENT });
    const counts = await database.pool.query<{ topic_count: number; topics: number }>(
      `SELECT topic_count, (SELECT count(*)::int FROM forum_topics WHERE category_id = $1) AS topics FROM forum_categories WHERE id = $1`,
      [categoryId],
    );
    expect(defined(counts.rows[0], 'counts.rows[0]').topic_count).toBe(defined(counts.rows[0], 'counts.rows[0]').topics - topicIds.length);
  }, 60_000);
});
