import { z } from 'zod';
import { many, one, type Pool, type Queryable } from '../db/database.ts';
import type { JobDefinition } from './jobs.ts';
import { oneOrThrow } from './rows.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the limiter's callback takes: pg rejects with Errors, but a rejection is typed unknown. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A counter's value and the milliseconds until it resets. */
const CounterRow = z.object({ count: z.number(), ttl: z.number() });

/**
 * A store for @fastify/rate-limit kept in PostgreSQL, so limits hold across app processes.
 * One upsert per hit: a window starts at the first hit and resets once it has passed.
 */
export function pgRateLimitStore(db: Pool) {
  return class PgRateLimitStore {
    constructor(readonly options: object = {}) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      many(
        db,
        CounterRow,
        `INSERT INTO rate_limits AS r (key, count, reset_at)
         VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.count + 1 END,
           reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
         RETURNING count, GREATEST(0, (EXTRACT(EPOCH FROM reset_at - now()) * 1000))::int AS ttl`,
        [key, timeWindow],
      )
        .then((rows) => oneOrThrow(rows, 'rate-limit counter'))
        .then(
          (row) => callback(null, { current: row.count, ttl: row.ttl }),
          (error: unknown) => callback(asError(error)),
        );
    }

    read(key: string, callback: Callback): void {
      one(
        db,
        CounterRow,
        `SELECT CASE WHEN reset_at <= now() THEN 0 ELSE count END AS count,
                GREATEST(0, (EXTRACT(EPOCH FROM reset_at - now()) * 1000))::int AS ttl
           FROM rate_limits WHERE key = $1`,
        [key],
      ).then(
        (row) => callback(null, { current: row?.count ?? 0, ttl: row?.ttl ?? 0 }),
        (error: unknown) => callback(asError(error)),
      );
    }

    child(routeOptions: object) {
      return new PgRateLimitStore({ ...this.options, ...routeOptions });
    }
  };
}

/** Deletes these counters (a limit's owner proved who they are, so its count starts afresh). */
export async function deleteRateLimitCounts(db: Queryable, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.query('DELETE FROM rate_limits WHERE key = ANY($1::text[])', [keys]);
}

/** Expired rows deleted by one purge at most: the request path that purges stays quick. */
const PURGE_BATCH = 500;

/**
 * Deletes expired counters (oldest first, a batch at a time). A row past its reset_at counts nothing
 * (both stores read it as zero), so deleting it changes no limit; it only stops the table, and every
 * backup of it, from keeping who did what when.
 */
export async function purgeExpiredRateLimits(db: Queryable, at: Date = new Date()): Promise<number> {
  const result = await db.query(
    `DELETE FROM rate_limits WHERE key = ANY(ARRAY(SELECT key FROM rate_limits WHERE reset_at <= $1 ORDER BY reset_at LIMIT ${PURGE_BATCH}))`,
    [at],
  );
  return result.rowCount ?? 0;
}

/** Every minute, across all processes: expired rate-limit counters are deleted. */
export const rateLimitPurgeJob: JobDefinition = {
  name: 'rate-limits-purge',
  cron: '* * * * *',
  retryLimit: 0,
  async handler(_data, deps) {
    while ((await purgeExpiredRateLimits(deps.db)) === PURGE_BATCH) {
      // a backlog (a database upgraded from a version that never deleted): keep going
    }
  },
};
