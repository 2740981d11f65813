import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { z } from 'zod';
import type { DatabaseTimeouts } from '../config.ts';
import { isConnectionLost } from './unavailable.ts';

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

/**
 * How long the client waits beyond statement_timeout before it stops waiting itself: the server's own
 * cancellation (57014, the connection stays usable) normally comes first; this one catches a server or
 * network that froze and can send nothing at all.
 */
const CLIENT_GRACE_MS = 2_000;
/** The longest timer Node keeps: a per-query query_timeout that means "none". */
const NO_CLIENT_TIMEOUT = 2_147_483_647;

/**
 * The pg settings that put DatabaseTimeouts in force on a connection (pool, LISTEN client); a statement or
 * idle-in-transaction limit of 0 means none (the command line's maintenance pool).
 */
export function timeoutSettings(timeouts: DatabaseTimeouts) {
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + CLIENT_GRACE_MS } : {}),
    ...(timeouts.idleInTransactionMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
  };
}

/**
 * Creates a connection pool for a PostgreSQL connection string. With timeouts, no request waits for a frozen
 * or lost server longer than they say; without, only the command line's long operations run (backup, restore).
 */
export function createPool(connectionString: string, max = 10, timeouts?: DatabaseTimeouts): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, ...(timeouts ? timeoutSettings(timeouts) : {}) });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** A client taken from the pool with checkOut: it survives its connection being cut. */
export interface CheckedOutClient {
  client: pg.PoolClient;
  /** Notes a failure; one that means the connection is lost marks the client for the bin. */
  failed(error: unknown): void;
  /** Marks the client for the bin whatever the failure (its session is in an unknown state). */
  discard(error: unknown): void;
  /** Whether the connection was lost (then rolling back or any other statement is pointless). */
  lost(): boolean;
  /** Gives the client back to the pool, or makes the pool discard it when its connection was lost. */
  release(): void;
}

/**
 * Takes a client from the pool for several statements. While checked out, a pg client has no 'error'
 * listener of the pool's: without this one, the server ending the connection (a restart,
 * pg_terminate_backend, a full disk) would be an unhandled 'error' event that ends the whole process.
 */
export async function checkOut(pool: pg.Pool): Promise<CheckedOutClient> {
  let lostWith: Error | undefined;
  let binnedFor: Error | undefined;
  const onError = (error: Error) => {
    lostWith ??= error;
  };
  // The listener goes on in pool.connect's callback, not after an await: the server's "terminating connection"
  // can arrive in the same read as "ready for query", before an awaiting caller would run.
  const client = await new Promise<pg.PoolClient>((resolve, reject) => {
    pool.connect((error, connected) => {
      if (error || !connected) {
        reject(error ?? new Error('The pool gave no client'));
        return;
      }
      connected.on('error', onError);
      resolve(connected);
    });
  });
  return {
    client,
    failed(error) {
      if (isConnectionLost(error)) lostWith ??= error as Error;
    },
    discard(error) {
      binnedFor ??= error instanceof Error ? error : new Error(String(error));
    },
    lost: () => lostWith !== undefined,
    release() {
      client.off('error', onError);
      client.release(lostWith ?? binnedFor);
    },
  };
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
  const held = await checkOut(pool);
  const client = held.client;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await beforeCommit.getStore()?.(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    held.failed(error);
    // A rollback that fails leaves the session in an unknown state: the client goes in the bin too.
    if (!held.lost()) await client.query('ROLLBACK').catch((rollbackError: unknown) => held.discard(rollbackError));
    throw error;
  } finally {
    held.release();
  }
}

/**
 * Runs a statement that may rightly take long (a migration, waiting for another process's lock) without the
 * pool's client-side timeout; the caller also lifts statement_timeout for its session.
 */
export function queryWithoutTimeout(client: pg.PoolClient, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return client.query({ text, values: values.length ? values : undefined, query_timeout: NO_CLIENT_TIMEOUT } as pg.QueryConfig);
}

/**
 * A row schema: a zod object naming the columns a query selects (camelCase aliases) with the types node-postgres
 * returns for them (see docs/ARCHITECTURE.md, "Rows"). one() and many() parse every row with it.
 */
export type RowSchema = z.ZodType<pg.QueryResultRow>;

/** A prepared statement with its values (pg prepares a named one once per connection). */
export interface NamedStatement {
  name: string;
  text: string;
  values: unknown[];
}

/** A row that does not match its schema: the query's first line and zod's issues, so drift is found at the query. */
function rowMismatch(statement: string | NamedStatement, error: unknown): Error {
  if (!(error instanceof z.ZodError)) return error instanceof Error ? error : new Error(String(error));
  const firstLine = (typeof statement === 'string' ? statement : statement.text).trim().split('\n')[0] ?? '';
  return new Error(`A row of "${firstLine.slice(0, 120)}" does not match its schema: ${z.prettifyError(error)}`, { cause: error });
}

/** Returns the first row of a query, parsed with its row schema, or undefined. */
export async function one<S extends RowSchema>(
  db: Queryable,
  schema: S,
  text: string | NamedStatement,
  values: unknown[] = [],
): Promise<z.output<S> | undefined> {
  const result = typeof text === 'string' ? await db.query(text, values) : await db.query(text);
  const row: unknown = result.rows[0];
  if (row === undefined) return undefined;
  try {
    return schema.parse(row);
  } catch (error) {
    throw rowMismatch(text, error);
  }
}

/** Returns all rows of a query, each parsed with its row schema. */
export async function many<S extends RowSchema>(
  db: Queryable,
  schema: S,
  text: string | NamedStatement,
  values: unknown[] = [],
): Promise<Array<z.output<S>>> {
  const result = typeof text === 'string' ? await db.query(text, values) : await db.query(text);
  const rows: unknown[] = result.rows;
  try {
    return rows.map((row) => schema.parse(row));
  } catch (error) {
    throw rowMismatch(text, error);
  }
}

const DatabaseEncodingRow = z.object({ encoding: z.string(), ctype: z.string() });

/** Checks that the database stores text as UTF-8 with a ctype that classifies non-Latin letters. */
export async function checkDatabaseEncoding(db: Queryable): Promise<void> {
  const row = await one(
    db,
    DatabaseEncodingRow,
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
