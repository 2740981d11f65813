import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/database.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/app.ts';
import { createUser } from '../../../test/support/factories.ts';
import { notify, notifyMany } from './index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** The real pool, counting the statements sent through it. */
function counting(db: Queryable): { db: Queryable; statements: string[] } {
  const statements: string[] = [];
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (text: string, values?: unknown[]) => {
          statements.push(text);
          return (target as { query: (t: string, v?: unknown[]) => Promise<unknown> }).query(text, values);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return { db: proxy, statements };
}

async function rowsOf(userId: number) {
  const result = await database.pool.query(
    `SELECT kind, message_id, values, link, read_at FROM notifications WHERE user_id = $1 ORDER BY id`,
    [userId],
  );
  return result.rows;
}

describe('notify', () => {
  it('stores the message id, the values and the link, unread', async () => {
    const user = await createUser(database.pool);
    await notify(database.pool, {
      userId: user.id,
      kind: 'programs.report_returned',
      messageId: 'notifications.messages.replied',
      values: { author: 'Worker 3', title: 'Ca đêm', count: 4 },
      link: '/programs/7/reports/12',
    });
    expect(await rowsOf(user.id)).toEqual([
      {
        kind: 'programs.report_returned',
        message_id: 'notifications.messages.replied',
        values: { author: 'Worker 3', title: 'Ca đêm', count: 4 },
        link: '/programs/7/reports/12',
        read_at: null,
      },
    ]);
  });

  it('stores empty values when none are given', async () => {
    const user = await createUser(database.pool);
    await notify(database.pool, { userId: user.id, kind: 'k', messageId: 'notifications.generic', link: '/' });
    expect((await rowsOf(user.id))[0].values).toEqual({});
  });

  it('refuses any link that is not a local path, and stores nothing', async () => {
    const user = await createUser(database.pool);
    for (const link of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      'forum/topics/1',
      '/ok\nLocation: x',
      ' /x',
    ]) {
      await expect(
        notify(database.pool, { userId: user.id, kind: 'k', messageId: 'notifications.generic', link }),
        JSON.stringify(link),
      ).rejects.toThrow(/link/);
    }
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses values that are not strings or numbers', async () => {
    const user = await createUser(database.pool);
    const values = { author: { name: 'secret' } } as unknown as Record<string, string>;
    await expect(notify(database.pool, { userId: user.id, kind: 'k', messageId: 'm', values, link: '/' })).rejects.toThrow(
      /string or a number/,
    );
  });

  it('is rolled back with the transaction of the command that caused it', async () => {
    const user = await createUser(database.pool);
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await notify(client, { userId: user.id, kind: 'k', messageId: 'notifications.generic', link: '/' });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('is deleted with its recipient', async () => {
    const user = await createUser(database.pool);
    await notify(database.pool, { userId: user.id, kind: 'k', messageId: 'notifications.generic', link: '/' });
    await database.pool.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    expect(await rowsOf(user.id)).toEqual([]);
  });
});

describe('notifyMany', () => {
  it('inserts every notification in one statement (and owes their pushes in one more)', async () => {
    const users = await Promise.all([1, 2, 3].map(() => createUser(database.pool)));
    const { db, statements } = counting(database.pool);
    await notifyMany(
      db,
      users.map((u, i) => ({
        userId: u.id,
        kind: 'forum.mention',
        messageId: 'notifications.messages.mentioned',
        values: { author: `A${i}`, title: 'T' },
        link: `/forum/topics/${i}`,
      })),
    );
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^\s*INSERT INTO notifications/);
    expect(statements[1]).toMatch(/INSERT INTO push_deliveries/);
    for (const [i, u] of users.entries()) {
      expect(await rowsOf(u.id)).toEqual([
        {
          kind: 'forum.mention',
          message_id: 'notifications.messages.mentioned',
          values: { author: `A${i}`, title: 'T' },
          link: `/forum/topics/${i}`,
          read_at: null,
        },
      ]);
    }
  });

  it('sends no statement for an empty list', async () => {
    const { db, statements } = counting(database.pool);
    await notifyMany(db, []);
    expect(statements).toEqual([]);
  });

  it('stores none when one of them is invalid', async () => {
    const user = await createUser(database.pool);
    await expect(
      notifyMany(database.pool, [
        { userId: user.id, kind: 'k', messageId: 'notifications.generic', link: '/fine' },
        { userId: user.id, kind: 'k', messageId: 'notifications.generic', link: 'https://evil.example' },
      ]),
    ).rejects.toThrow();
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('keeps values with quotes, braces and non-Latin text intact', async () => {
    const user = await createUser(database.pool);
    const values = { title: 'He said "{x}" \\ ok', author: 'کارگر ۳', other: 'công nhân' };
    await notifyMany(database.pool, [{ userId: user.id, kind: 'k', messageId: 'm', values, link: '/a' }]);
    expect((await rowsOf(user.id))[0].values).toEqual(values);
  });
});
