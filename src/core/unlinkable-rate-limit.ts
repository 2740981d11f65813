import { createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { many, type Queryable } from '../db/database.ts';
import { purgeExpiredRateLimits } from './rate-limit-store.ts';

/** One limit: at most `max` acts in any `buckets` consecutive buckets (a sliding window of whole buckets). */
export interface ActLimit {
  max: number;
  buckets: number;
}

export interface UnlinkableLimiterOptions<Name extends string> {
  db: Queryable;
  /** The secret the row keys are derived from (ANONYMITY_KEY): without it a row names nobody. */
  secret: string;
  /** What is counted, e.g. "forum-post"; rows are stored under `<name>:`. */
  name: string;
  /** The length of a bucket; a row's time is only ever its bucket's (default one minute). */
  bucketMs?: number;
  limits: Record<Name, ActLimit>;
  /** The clock (milliseconds since 1970), for tests of the window's edges. */
  now?: () => number;
}

export type ActCheck<Name extends string> = { ok: true } | { ok: false; limit: Name; retryAfterSeconds: number };

/**
 * A rate limit for acts that may be anonymous (forum posts), kept in the shared `rate_limits` table but
 * linking no row to an account, to another row, or to the moment of the act:
 * - each counted act is one row whose key is HMAC(key derived from the secret, subject ‖ bucket ‖ slot):
 *   without the secret the key names nobody, and two acts of one person have unrelated keys, so no count
 *   can tie a named act to an anonymous one (one counter per account, as pgRateLimitStore keeps, would);
 * - a row's only time is its reset_at, a whole bucket (its bucket's start plus the longest window), so it
 *   does not pin the act's moment (pgRateLimitStore starts a window at the first hit, to the millisecond);
 * - every act is recorded whichever limits apply to the subject, so the rows do not tell, for example, that
 *   an account is new;
 * - expired rows are deleted as acts are counted (and by the periodic purge job), so a backup holds at most
 *   the last window's rows.
 * A limit counts its whole buckets plus the share of the bucket before them still inside the window
 * (a sliding window counter), so a burst across a bucket's edge is not counted twice as small.
 */
export function createUnlinkableLimiter<Name extends string>(options: UnlinkableLimiterOptions<Name>) {
  const bucketMs = options.bucketMs ?? 60_000;
  const clock = options.now ?? Date.now;
  const limits = Object.entries(options.limits) as Array<[Name, ActLimit]>;
  const span = Math.max(...limits.map(([, l]) => l.buckets)) + 1; // buckets a row must outlive
  const slots = Math.max(...limits.map(([, l]) => l.max)); // no limit allows more acts in one bucket
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(options.secret, 'utf8'), Buffer.from('unionhall-rate-limit'), Buffer.from(options.name), 32),
  );
  const rowKey = (subject: string, bucket: number, slot: number) =>
    `${options.name}:${createHmac('sha256', key).update(`${subject}\u0000${bucket}\u0000${slot}`).digest('base64url').slice(0, 27)}`;

  /** The first limit (of those that apply) the acts counted per bucket reach at time `at`; null for none. */
  function refusedBy(counts: Map<number, number>, at: number, applicable: ReadonlySet<Name>): Name | null {
    const bucket = Math.floor(at / bucketMs);
    const elapsed = (at - bucket * bucketMs) / bucketMs;
    for (const [name, limit] of limits) {
      if (!applicable.has(name)) continue;
      let estimate = (counts.get(bucket - limit.buckets) ?? 0) * (1 - elapsed);
      for (let i = 0; i < limit.buckets; i++) estimate += counts.get(bucket - i) ?? 0;
      // Rounded up: a bucket that is almost entirely still in the window counts whole.
      if (Math.ceil(estimate - 1e-9) >= limit.max) return name;
    }
    return null;
  }

  /** Seconds until an act would be allowed again, if nothing else is counted meanwhile. */
  function retryAfter(counts: Map<number, number>, at: number, applicable: ReadonlySet<Name>): number {
    for (let seconds = 1; seconds <= (span * bucketMs) / 1000; seconds++) {
      if (!refusedBy(counts, at + seconds * 1000, applicable)) return seconds;
    }
    return Math.ceil((span * bucketMs) / 1000);
  }

  return {
    /**
     * Checks the limits that apply to a subject (e.g. a user id; default: all) and, when allowed, counts
     * one act. The act is counted alike whichever limits apply, so the rows say nothing about the subject.
     */
    async hit(subject: string | number, only?: Name[]): Promise<ActCheck<Name>> {
      const applicable = new Set<Name>(only ?? limits.map(([name]) => name));
      const at = clock();
      const now = new Date(at);
      const bucket = Math.floor(at / bucketMs);
      const candidates: Array<{ key: string; bucket: number; slot: number }> = [];
      for (let b = bucket - span + 1; b <= bucket; b++) {
        for (let slot = 0; slot < slots; slot++) candidates.push({ key: rowKey(String(subject), b, slot), bucket: b, slot });
      }
      await purgeExpiredRateLimits(options.db, now);
      const found = await many(
        options.db,
        z.object({ key: z.string() }),
        `SELECT key FROM rate_limits WHERE key = ANY($1::text[]) AND reset_at > $2`,
        [candidates.map((c) => c.key), now],
      );
      const taken = new Set(found.map((r) => r.key));
      const counts = new Map<number, number>();
      for (const c of candidates) if (taken.has(c.key)) counts.set(c.bucket, (counts.get(c.bucket) ?? 0) + 1);
      const refused = refusedBy(counts, at, applicable);
      if (refused) return { ok: false, limit: refused, retryAfterSeconds: retryAfter(counts, at, applicable) };
      const resetAt = new Date((bucket + span) * bucketMs);
      // The first free slot of this bucket; another request of the same subject may take it first.
      for (const c of candidates) {
        if (c.bucket !== bucket || taken.has(c.key)) continue;
        const inserted = await options.db.query(
          `INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 1, $2) ON CONFLICT (key) DO NOTHING`,
          [c.key, resetAt],
        );
        if (inserted.rowCount === 1) return { ok: true };
        taken.add(c.key);
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
      // Every slot of the bucket taken: as many acts as the largest limit allows in one bucket.
      const all = new Set(limits.map(([name]) => name));
      // A full bucket always reaches the largest limit (there are as many slots as it allows).
      const limit = refusedBy(counts, at, applicable) ?? refusedBy(counts, at, all);
      if (limit === null) throw new Error('Every slot of the bucket is taken, yet no limit is reached');
      return {
        ok: false,
        limit,
        retryAfterSeconds: retryAfter(counts, at, all),
      };
    },
  };
}
