/**
 * Unionhall's benchmark: `npm run bench [-- options]`.
 *
 *   --posts N        posts to seed (default 200000; --posts 1000000 for a large run)
 *   --topics N       topics (default posts/20), --categories N (default 20)
 *   --quick          a run under two minutes: 20,000 posts, 3-second cases
 *   --duration S     seconds per load case (default 10), --connections N (default 50); each load case is
 *                    preceded by an unmeasured warm-up of the same load (2 s; 1 s with --quick)
 *   --only a,b       run only these cases (floors are added when a case needs them)
 *   --keep           keep the benchmark database afterwards (its name is printed)
 *
 * Database: a fresh database is created on the server named by BENCH_DATABASE_URL, DATABASE_URL or
 * TEST_DATABASE_URL (any database on it; the bench connects to it to CREATE DATABASE), else an embedded
 * PostgreSQL is started in a temporary directory. The app runs in this process; autocannon runs in a
 * worker thread and drives it over loopback.
 *
 * Adding a case: create bench/cases/<name>.ts exporting `benchCase: BenchCase` (see bench/lib.ts):
 *
 *   import type { BenchCase } from '../lib.ts';
 *   export const benchCase: BenchCase = {
 *     name: 'program_dashboard',          // row name in the table and results.json
 *     order: 30,                          // floors 0-9, read pages 10-49, writes 50+
 *     floor: 'floor_http_topic_page',     // optional: ratio_to_floor = rps / that case's rps
 *     targetP95Ms: 100,                   // optional: the p95 it must stay under (target_p95_ms, meets_target)
 *     async run(ctx) {                    // ctx: baseUrl, pool, dataset, signIn(), load(), quick, ...
 *       return ctx.load([{ path: '/en/...' }]);
 *     },
 *   };
 *
 * A case that needs data of its own seeds it inside run() through ctx.pool (bulk SQL, not a loop).
 * Results: a table on stdout and bench/results.json { dataset, cases: [{ name, rps, p50_ms, p95_ms, p99_ms, bytes, ratio_to_floor, target_p95_ms?, meets_target? }], first_visit }.
 */
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { sessionCsrfToken } from '../src/core/csrf.ts';
import { createPool } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { pageCacheStats } from '../src/modules/forum/domain/page-cache.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.ts';
import { hashToken, newToken } from '../src/core/session.ts';
import { runLoad, type BenchCase, type BenchContext, type CaseResult } from './lib.ts';
import { seedForumData } from './seed.ts';
import { measureFirstVisit } from './first-visit.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const quick = argv.includes('--quick');
  const posts = Number(get('posts') ?? (quick ? 20_000 : 200_000));
  return {
    quick,
    posts,
    topics: Number(get('topics') ?? Math.max(1, Math.round(posts / 20))),
    categories: Number(get('categories') ?? 20),
    duration: Number(get('duration') ?? (quick ? 3 : 10)),
    connections: Number(get('connections') ?? 50),
    only: get('only')
      ?.split(',')
      .map((s) => s.trim()),
    keep: argv.includes('--keep'),
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Loads every bench/cases/*.ts file's `benchCase`. */
async function loadCases(): Promise<BenchCase[]> {
  const dir = path.join(HERE, 'cases');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const cases: BenchCase[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { benchCase?: BenchCase };
    if (mod.benchCase) cases.push(mod.benchCase);
  }
  return cases.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  let adminUrl: string;
  if (serverUrl) adminUrl = withDatabase(serverUrl, 'postgres');
  else {
    embedded = await startEmbeddedPostgres(mkdtempSync(path.join(tmpdir(), 'unionhall-bench-')));
    adminUrl = embedded.urlFor('postgres');
  }
  const name = `uh_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const databaseUrl = withDatabase(adminUrl, name);
  const pool = createPool(databaseUrl, 20);
  console.log(`database ${name}: migrating and seeding ${args.categories} categories, ${args.topics} topics, ${args.posts} posts …`);
  await migrate(pool);
  const dataset = await seedForumData(pool, { categories: args.categories, topics: args.topics, posts: args.posts });
  console.log(`seeded in ${dataset.seedSeconds} s`);

  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'unionhall-bench-data-')),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
    ANONYMITY_KEY: 'bench-anonymity-key-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    RUN_JOBS: '0',
  });
  const appPool = createPool(databaseUrl, 10);
  const app = await buildApp({ config, db: appPool, connectionString: databaseUrl, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const ctx: BenchContext = {
    baseUrl,
    pool,
    databaseUrl,
    connections: args.connections,
    duration: args.duration,
    quick: args.quick,
    dataset,
    async signIn(email, csrfPage) {
      const token = newToken();
      await pool.query(
        `INSERT INTO sessions (id_hash, user_id, expires_at) SELECT $1, id, now() + interval '1 day' FROM users WHERE email = $2`,
        [hashToken(token), email],
      );
      const cookies = new Map<string, string>([['uh_session', token]]);
      const response = await fetch(baseUrl + csrfPage, { headers: { cookie: `uh_session=${token}` } });
      for (const c of response.headers.getSetCookie()) {
        const pair = c.split(';')[0] ?? '';
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const html = await response.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (!csrf) throw new Error(`no CSRF token on ${csrfPage} (status ${response.status})`);
      return { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), csrf };
    },
    pageCacheStats: () => pageCacheStats(app),
    async sessionsFor(emails) {
      const tokens = emails.map(() => newToken());
      await pool.query(
        `INSERT INTO sessions (id_hash, user_id, expires_at)
         SELECT s.hash, u.id, now() + interval '1 day' FROM unnest($1::text[], $2::text[]) AS s(hash, email) JOIN users u ON u.email = s.email`,
        [tokens.map(hashToken), emails],
      );
      return tokens;
    },
    csrfFor: (sessionToken) => sessionCsrfToken(config.sessionSecret, sessionToken),
    load(requests, options = {}) {
      return runLoad(baseUrl, requests, {
        ...options,
        connections: options.connections ?? args.connections,
        duration: options.duration ?? args.duration,
        warmup: options.warmup ?? (args.quick ? 1 : 2),
      });
    },
  };

  let cases = (await loadCases()).filter((c) => !args.quick || c.quick !== false);
  if (args.only) {
    const wanted = new Set(args.only);
    for (const c of cases) if (wanted.has(c.name) && c.floor) wanted.add(c.floor);
    cases = cases.filter((c) => wanted.has(c.name));
  }
  const results = new Map<string, CaseResult & { name: string }>();
  for (const benchCase of cases) {
    process.stdout.write(`running ${benchCase.name} … `);
    try {
      const result = await benchCase.run(ctx);
      results.set(benchCase.name, { name: benchCase.name, ...result });
      console.log(`${round(result.rps)} req/s`);
    } catch (error) {
      console.log(`failed: ${(error as Error).message}`);
    }
  }

  const firstVisit = await measureFirstVisit(baseUrl, `/fa/forum/t/${dataset.busyTopicIds[0]}`).catch((error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
  }));

  const rows = cases.flatMap((c) => {
    const r = results.get(c.name);
    if (!r) return [];
    const floor = c.floor ? results.get(c.floor) : undefined;
    return [
      {
        name: c.name,
        rps: round(r.rps),
        p50_ms: round(r.p50_ms),
        p95_ms: r.p95_ms === undefined ? undefined : round(r.p95_ms),
        p99_ms: round(r.p99_ms),
        bytes: r.bytes,
        ratio_to_floor: floor && floor.rps > 0 ? round(r.rps / floor.rps, 3) : null,
        ...(c.targetP95Ms === undefined
          ? {}
          : { target_p95_ms: c.targetP95Ms, meets_target: r.p95_ms !== undefined && r.p95_ms < c.targetP95Ms }),
        ...(r.extra ? { extra: r.extra } : {}),
      },
    ];
  });
  console.log('');
  const statusText = (extra: Record<string, unknown> | undefined) =>
    Object.entries((extra?.statuses as Record<string, number> | undefined) ?? {})
      .map(([code, n]) => `${code}:${n}`)
      .join(' ');
  console.table(
    rows.map(({ extra, ...row }) => ({
      ...row,
      statuses: statusText(extra),
      ...(extra?.page_cache ? { page_cache: extra.page_cache } : {}),
    })),
  );
  console.log('first visit of a topic page (fa, compressed as served, fonts aside):', firstVisit);
  const output = {
    dataset: { ...dataset, busyTopicIds: undefined, categoryIds: undefined, categorySlugs: undefined, memberEmails: undefined },
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    cases: rows,
    first_visit: firstVisit,
  };
  writeFileSync(path.join(HERE, 'results.json'), JSON.stringify(output, null, 2) + '\n');
  console.log('wrote bench/results.json');

  await app.close();
  await appPool.end();
  await pool.end();
  if (args.keep) console.log(`kept database ${name}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
