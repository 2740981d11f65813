import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/app.ts';
import { many } from '../../test/support/sql.ts';
import { purgeExpiredRateLimits, rateLimitPurgeJob } from './rate-limit-store.ts';
import { createUnlinkableLimiter } from './unlinkable-rate-limit.ts';
import type { JobDeps } from './jobs.ts';

const SECRET = 'test-anonymity-key-that-is-long-enough-0123456789';
const MINUTE = 60_000;
const LIMITS = { flood: { max: 8, buckets: 1 }, newAccount: { max: 3, buckets: 10 } };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** A limiter on a clock the test moves; it starts `offset` ms into a minute a little ahead of now. */
function limiterAt(name: string, offset: number, secret = SECRET) {
  const clock = { at: (Math.floor(Date.now() / MINUTE) + 2) * MINUTE + offset };
  const limiter = createUnlinkableLimiter({ db: database.pool, secret, name, limits: LIMITS, now: () => clock.at });
  return { limiter, clock };
}

const rowsOf = (name: string) =>
  many<{ key: string; count: number; reset_at: Date }>(
    database.pool,
    `SELECT key, count, reset_at FROM rate_limits WHERE key LIKE $1 ORDER BY key`,
    [`${name}:%`],
  );

describe('createUnlinkableLimiter', () => {
  it('allows max acts in a bucket, refuses the next with the seconds until one is allowed again', async () => {
    const { limiter, clock } = limiterAt('t-flood', 10_000);
    for (let i = 0; i < 8; i++) expect(await limiter.hit(7, ['flood'])).toEqual({ ok: true });
    const refused = await limiter.hit(7, ['flood']);
    expect(refused).toMatchObject({ ok: false, limit: 'flood' });
    const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(50);
    expect(wait).toBeLessThanOrEqual(60);
    clock.at += (wait - 1) * 1000;
    expect((await limiter.hit(7, ['flood'])).ok).toBe(false);
    clock.at += 1000;
    expect(await limiter.hit(7, ['flood'])).toEqual({ ok: true });
  });

  it('counts a burst across the edge of a bucket as one (sliding window)', async () => {
    const { limiter, clock } = limiterAt('t-edge', 59_500);
    for (let i = 0; i < 8; i++) expect((await limiter.hit(7, ['flood'])).ok).toBe(true);
    clock.at += 1000; // half a second into the next bucket
    expect(await limiter.hit(7, ['flood'])).toMatchObject({ ok: false, limit: 'flood' });
  });

  it('applies only the limits given, but records every act alike', async () => {
    const { limiter, clock } = limiterAt('t-new', 5_000);
    const statuses: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await limiter.hit('newcomer', ['flood', 'newAccount'])).ok);
      expect((await limiter.hit('trusted', ['flood'])).ok).toBe(true);
      clock.at += MINUTE; // one act a minute: only the ten-minute limit can stop it
    }
    expect(statuses).toEqual([true, true, true, false]);
    // Seven acts counted (the refused one is not): nothing tells the newcomer's rows from the other's.
    expect((await rowsOf('t-new')).length).toBe(7);
    const refused = await limiter.hit('newcomer', ['flood', 'newAccount']);
    expect(refused).toMatchObject({ ok: false, limit: 'newAccount' });
    clock.at += (refused as { retryAfterSeconds: number }).retryAfterSeconds * 1000;
    expect((await limiter.hit('newcomer', ['flood', 'newAccount'])).ok).toBe(true);
  });

  it('keys rows by a keyed hash that names no subject and links no two acts, and aligns them to the clock', async () => {
    const { limiter } = limiterAt('t-keys', 12_345);
    await limiter.hit(90417);
    await limiter.hit(90417);
    await limiterAt('t-keys', 12_345, 'another-secret-that-is-long-enough-0123456789').limiter.hit(90417);
    const rows = await rowsOf('t-keys');
    expect(rows.length).toBe(3);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
    for (const row of rows) {
      expect(row.key).toMatch(/^t-keys:[A-Za-z0-9_-]{27}$/);
      expect(row.key).not.toContain('90417');
      expect(row.count).toBe(1);
      // The end of the longest window after the act's minute: a whole minute, not the act's moment.
      expect(row.reset_at.getTime() % MINUTE).toBe(0);
    }
  });

  it('never lets concurrent acts of one subject past the largest limit in a bucket', async () => {
    const { limiter } = limiterAt('t-race', 1_000);
    const results = await Promise.all(Array.from({ length: 16 }, () => limiter.hit(5, ['flood'])));
    expect(results.filter((r) => r.ok).length).toBe(8);
    expect((await rowsOf('t-race')).length).toBe(8);
  });

  it('deletes expired counters, of every limit, as it counts', async () => {
    await database.pool.query(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES ('accounts:old', 3, now() - interval '1 second'), ('accounts:live', 1, now() + interval '1 hour')`,
    );
    const { limiter } = limiterAt('t-purge', 0);
    await limiter.hit(1);
    const keys = (await many<{ key: string }>(database.pool, `SELECT key FROM rate_limits WHERE key LIKE 'accounts:%'`)).map((r) => r.key);
    expect(keys).toEqual(['accounts:live']);
  });
});

describe('purging expired rate limits', () => {
  it('deletes only rows past their reset time, in batches until none is left', async () => {
    await database.pool.query(`DELETE FROM rate_limits`);
    await database.pool.query(
      `INSERT INTO rate_limits (key, count, reset_at)
       SELECT 'old:' || i, 1, now() - interval '1 minute' FROM generate_series(1, 1200) i
       UNION ALL SELECT 'live:1', 1, now() + interval '1 minute'`,
    );
    expect(await purgeExpiredRateLimits(database.pool)).toBe(500);
    await rateLimitPurgeJob.handler({}, { db: database.pool } as unknown as JobDeps);
    expect((await many<{ key: string }>(database.pool, `SELECT key FROM rate_limits`)).map((r) => r.key)).toEqual(['live:1']);
  });
});
