import { Worker } from 'node:worker_threads';
import type { Pool } from 'pg';

/** One request autocannon sends; a case passes several to rotate over topics or search words. */
export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What a case measured (the runner adds ratio_to_floor). */
export interface CaseResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Average response body bytes (as sent, compressed when the client asked for it). */
  bytes: number;
  p95_ms?: number;
  /** Anything else worth printing (status counts, notes). */
  extra?: Record<string, unknown>;
}

/** What the runner gives every case. */
export interface BenchContext {
  /** The app under test, over loopback, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** A pool on the benchmark database (for cases that measure SQL or need ids). */
  pool: Pool;
  /** The connection string of the benchmark database. */
  databaseUrl: string;
  connections: number;
  /** Seconds each load case runs. */
  duration: number;
  quick: boolean;
  /** Ids and slugs the seed created, for building URLs. */
  dataset: Dataset;
  /** Signs a seeded user in (by email) and returns a session cookie header and a CSRF token for forms. */
  signIn(email: string, csrfPage: string): Promise<{ cookie: string; csrf: string }>;
  /** Drives the app with autocannon (in a worker thread) and returns the measured figures. */
  load(requests: LoadRequest[], options?: LoadOptions): Promise<CaseResult>;
  /** The app's page cache counters (null when it is off), to report how much of a case it answered. */
  pageCacheStats(): Record<'pages' | 'search', { hits: number; misses: number; shared: number }> | null;
  /** Creates sessions for many seeded members at once (one INSERT); returns their cookie values in order. */
  sessionsFor(emails: string[]): Promise<string[]>;
  /** The CSRF token of a session (bound to it, as the app derives it: core/csrf.ts). */
  csrfFor(sessionToken: string): string;
}

/** The seeded data set's size and a sample of what it holds. */
export interface Dataset {
  categories: number;
  topics: number;
  posts: number;
  organizationSlug: string;
  categoryIds: number[];
  /** Slugs of the public categories (category pages live at /organizations/<org>/forum/<slug>). */
  categorySlugs: string[];
  /** Topics with at least 20 posts, for the topic page. */
  busyTopicIds: number[];
  /** A signed-up member who may post in the seeded public categories. */
  posterEmail: string;
  /** Every seeded member (all trusted accounts, a year old), for cases that spread writes over people. */
  memberEmails: string[];
  seedSeconds: number;
}

/**
 * A benchmark case. Put one per file in bench/cases/<name>.ts, exporting `benchCase`.
 * - name: the row in the table and in results.json (snake_case).
 * - order: lower runs first (floors are 0-9, pages 10-49, writes 50+), so writes do not disturb reads.
 * - floor: the name of the case it is compared to (ratio_to_floor = rps / floor's rps).
 * - quick: false to skip it in `--quick` runs.
 * - targetP95Ms: the latency the case must stay under at its load (printed as target_p95_ms and meets_target).
 * - run(ctx): measure and return a CaseResult (usually `ctx.load([...requests])`).
 */
export interface BenchCase {
  name: string;
  order: number;
  floor?: string;
  quick?: boolean;
  targetP95Ms?: number;
  run(ctx: BenchContext): Promise<CaseResult>;
}

export interface LoadOptions {
  connections?: number;
  duration?: number;
  headers?: Record<string, string>;
  /** Give each connection its own share of the request list (e.g. different people, a different part of a log). */
  spread?: boolean;
  /** Headers added to every request of connection k (the k-th entry, cycling), e.g. one member's session per connection. */
  perConnectionHeaders?: Record<string, string>[];
  /** Seconds of the same load run first and not measured (default 2; 1 with --quick): one continuous run, measured after it. */
  warmup?: number;
  /** Called when the warm-up ends and measuring starts. */
  onMeasure?: () => void;
}

/** Runs autocannon in a worker thread against baseUrl with the given rotating requests. */
export function runLoad(
  baseUrl: string,
  requests: LoadRequest[],
  options: LoadOptions & { connections: number; duration: number },
): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: {
        url: baseUrl,
        connections: options.connections,
        duration: options.duration,
        warmup: options.warmup ?? 2,
        headers: { 'accept-encoding': 'br, gzip', ...options.headers },
        spread: options.spread ?? false,
        perConnectionHeaders: options.perConnectionHeaders,
        requests: requests.map((r) => ({ method: r.method ?? 'GET', path: r.path, headers: r.headers, body: r.body })),
      },
      execArgv: [],
    });
    type Done = {
      error?: string;
      rps: number;
      p50_ms: number;
      p95_ms: number;
      p99_ms: number;
      bytes: number;
      statuses: Record<string, number>;
      errors: number;
      non2xx: number;
    };
    worker.on('message', (m: { measuring: true } | Done) => {
      if ('measuring' in m) {
        options.onMeasure?.();
        return;
      }
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else
        resolve({
          rps: m.rps,
          p50_ms: m.p50_ms,
          p95_ms: m.p95_ms,
          p99_ms: m.p99_ms,
          bytes: m.bytes,
          extra: { statuses: m.statuses, errors: m.errors, non2xx: m.non2xx },
        });
    });
    worker.once('error', reject);
  });
}

/** Percentile of a list of numbers (q in 0..1). */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
