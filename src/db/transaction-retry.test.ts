import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/app.ts';
import { transaction, withBeforeCommit } from './database.ts';
import { oneOrThrow } from '../core/rows.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  // PostgreSQL then finds the deadlock in milliseconds instead of a second (this test's own database only).
  await database.pool.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET deadlock_timeout = '20ms'`);
  await database.pool.query(`SET deadlock_timeout = '20ms'`);
  await database.pool.query(`CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
  await database.pool.query(`INSERT INTO counters (id) VALUES (1), (2)`);
});
afterAll(async () => {
  await database?.drop();
});

/** A latch two transactions meet at, so each holds its first lock before asking for the other's. */
function latch(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === parties) open();
    await opened;
  };
}

describe('transaction()', () => {
  it('runs a transaction again once after a deadlock, so both writers succeed', async () => {
    const meet = latch(2);
    let runs = 0;
    const write = (first: number, second: number) =>
      transaction(database.pool, async (tx) => {
        runs++;
        await tx.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [first]);
        if (runs <= 2) await meet(); // only the first attempts meet; the retried one goes straight through
        await tx.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [second]);
      });
    await Promise.all([write(1, 2), write(2, 1)]);
    expect(runs).toBe(3);
    const rows = await database.pool.query<{ n: number }>(`SELECT n FROM counters ORDER BY id`);
    expect(rows.rows.map((r) => r.n)).toEqual([2, 2]);
  });

  it('runs again once after a serialization failure, and throws the second one', async () => {
    let attempts = 0;
    const failing = () =>
      transaction(database.pool, async (tx) => {
        attempts++;
        await tx.query(`UPDATE counters SET n = n + 10 WHERE id = 1`);
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      });
    await expect(failing()).rejects.toMatchObject({ code: '40001' });
    expect(attempts).toBe(2);
    const before = oneOrThrow((await database.pool.query<{ n: number }>(`SELECT n FROM counters WHERE id = 1`)).rows).n;
    let flaky = 0;
    await transaction(database.pool, async (tx) => {
      await tx.query(`UPDATE counters SET n = n + 100 WHERE id = 1`);
      if (flaky++ === 0) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    expect(oneOrThrow((await database.pool.query<{ n: number }>(`SELECT n FROM counters WHERE id = 1`)).rows).n).toBe(before + 100);
  });

  it('does not run again after other errors', async () => {
    let attempts = 0;
    await expect(
      transaction(database.pool, async () => {
        attempts++;
        throw new Error('not a conflict');
      }),
    ).rejects.toThrow('not a conflict');
    expect(attempts).toBe(1);
  });

  it('runs the before-commit hook inside the transaction, and not when it rolls back', async () => {
    const seen: string[] = [];
    await withBeforeCommit(
      async (tx) => {
        seen.push(
          oneOrThrow((await tx.query<{ n: number }>(`SELECT n FROM counters WHERE id = 2`)).rows).n === 1000 ? 'inside' : 'outside',
        );
      },
      () =>
        transaction(database.pool, async (tx) => {
          await tx.query(`UPDATE counters SET n = 1000 WHERE id = 2`);
        }),
    );
    await withBeforeCommit(
      async () => {
        seen.push('rolled back');
      },
      () => transaction(database.pool, async () => Promise.reject(new Error('no'))).catch(() => {}),
    );
    expect(seen).toEqual(['inside']);
  });
});
