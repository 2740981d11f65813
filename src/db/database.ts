import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

// bigint ids and counts fit comfortably in a JS number for this app's scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// bigint[] (e.g. ancestor_ids) likewise, so policies compare numbers with numbers. 1016 is int8[]'s type oid.
const parseBigintArray = pg.types.getTypeParser(1016 as never) as (value: string) => Array<string | null>;
pg.types.setTypeParser(1016 as never, (value: string) => parseBigintArray(value).map((v) => (v === null ? null : Number(v))));
// Keep dates as strings (YYYY-MM-DD): they are calendar days, not instants.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;
export type Pool = pg.Pool;

/** Creates a connection pool for a PostgreSQL connection string. */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** SQLSTATEs after which a transaction can simply run again: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Work to do inside every transaction of the current async context, just before COMMIT (see withBeforeCommit). */
const beforeCommit = new AsyncLocalStorage<(tx: pg.PoolClient) => Promise<void>>();

/**
 * Runs fn with a hook that every transaction() started inside it runs just before its COMMIT, in the same
 * transaction: the idempotency layer (src/core/idempotency.ts) records there that a request's write committed.
 */
export function withBeforeCommit<T>(hook: (tx: pg.PoolClient) => Promise<void>, fn: () => T): T {
  return beforeCommit.run(hook, fn);
}

/**
 * Runs fn inside one transaction; commits when it resolves, rolls back when it throws. A deadlock or a
 * serialization failure rolls everything back, so fn runs once more, transparently; a second one is thrown.
 */
export async function transaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  try {
    return await transactionOnce(pool, fn);
  } catch (error) {
    if (!RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
    return transactionOnce(pool, fn);
  }
}

async function transactionOnce<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await beforeCommit.getStore()?.(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Returns the first row of a query, or undefined. */
export async function one<T extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<T | undefined> {
  const result = await db.query<T>(text, values);
  return result.rows[0];
}

/** Returns all rows of a query. */
export async function many<T extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<T[]> {
  const result = await db.query<T>(text, values);
  return result.rows;
}

/** Checks that the database stores text as UTF-8 with a ctype that classifies non-Latin letters. */
export async function checkDatabaseEncoding(db: Queryable): Promise<void> {
  const row = await one<{ encoding: string; ctype: string }>(
    db,
    `SELECT pg_encoding_to_char(encoding) AS encoding, datctype AS ctype FROM pg_database WHERE datname = current_database()`,
  );
  if (!row) return;
  const utf8 = /utf-?8/i;
  if (!utf8.test(row.encoding) || !(utf8.test(row.ctype) || row.ctype === 'C.UTF-8' || row.ctype === 'ucs_basic')) {
    throw new Error(
      `The database uses encoding ${row.encoding} with LC_CTYPE ${row.ctype}. Unionhall needs UTF-8 text and a UTF-8 character type, ` +
        `or Persian search finds nothing. Create the database with:\n` +
        `  CREATE DATABASE unionhall ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;`,
    );
  }
}
