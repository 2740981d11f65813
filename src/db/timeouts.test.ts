import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/app.ts';
import { createPool, transaction, type Pool } from './database.ts';
import { isConnectionLost, isDatabaseUnavailable } from './unavailable.ts';
import { oneOrThrow } from '../core/rows.ts';
import { waitFor } from '../../test/support/wait.ts';

let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 3, { connectMs: 1_000, statementMs: 300, idleInTransactionMs: 500 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('the pool’s timeouts', () => {
  it('cancels a statement past statement_timeout (57014, counted as unavailable) and keeps serving', async () => {
    const error = await pool.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('57014');
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
  });

  it('ends a transaction left idle past the limit; the checked-out client survives that, and the pool goes on', async () => {
    const error = await transaction(pool, async (tx) => {
      const { pid } = oneOrThrow((await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows);
      // Wait, outside the transaction, for the server to end this idle session.
      const watcher = new pg.Client({ connectionString: database.url });
      await watcher.connect();
      try {
        const ended = async () => (await watcher.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0;
        await waitFor(ended, `the server to end the idle session ${pid}`, { everyMs: 25 });
      } finally {
        await watcher.end();
      }
      await tx.query('SELECT 1');
    }).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [{ code: '53100', message: 'could not extend file: No space left on device' }, true],
    [{ code: 'ECONNREFUSED', syscall: 'connect' }, true],
    [{ code: 'ENOENT', syscall: 'connect', message: 'connect ENOENT /tmp/unionhall-x/.s.PGSQL.5432' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [new Error('Query read timeout'), true],
    [new Error('Migration x failed', { cause: Object.assign(new Error('gone'), { code: '57P02' }) }), true],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    [{ code: 'ENOENT', syscall: 'open', message: 'no such file' }, false],
    [new Error('Something else'), false],
  ])('%o → %s', (error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });

  it('counts a statement timeout as unavailable but not as a lost connection (the client stays usable)', () => {
    expect(isDatabaseUnavailable({ code: '57014' })).toBe(true);
    expect(isConnectionLost({ code: '57014' })).toBe(false);
  });
});
