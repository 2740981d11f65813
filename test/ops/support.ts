import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Pool } from '../../src/db/database.ts';
import { listTables } from '../../src/db/backup.ts';
import { oneOrThrow } from '../../src/core/rows.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface EmptyDatabase {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** A new, empty database (no migrations) on the test server; named with the run's prefix so teardown drops it. */
export async function createEmptyDatabase(options: { encoding?: string; ctype?: string } = {}): Promise<EmptyDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${inject('testRunPrefix')}_ops_${randomBytes(4).toString('hex')}`;
  const encoding = options.encoding ?? 'UTF8';
  const ctype = options.ctype ?? 'C.UTF-8';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING '${encoding}' LC_COLLATE '${ctype}' LC_CTYPE '${ctype}'`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const pool = createPool(url, 3);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end().catch(() => {});
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Every app table's row count and the md5 of its rows in a fixed order: equal fingerprints, equal data. */
export async function fingerprint(pool: Pool): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of await listTables(pool)) {
    const { rows } = await pool.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${table.qualified} t`,
    );
    result[`${table.schema}.${table.name}`] = oneOrThrow(rows);
  }
  return result;
}

/** The schema as PostgreSQL describes it: tables, columns, types, nullability, defaults. */
export async function describeSchema(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ line: string }>(
    `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  return rows.map((r) => r.line);
}

export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the base URL once the server listens and /readyz answers 200. */
  ready(): Promise<string>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** The secrets a spawned server gets with DATABASE_URL unless the test gives others (or '' for none). */
export const TEST_SECRETS = {
  SESSION_SECRET: 'ops-test-session-secret-that-is-long-enough-0123456789',
  ANONYMITY_KEY: 'ops-test-anonymity-key-that-is-long-enough-0123456789',
};

/** A web push (VAPID) key pair from the environment, for tests in which nothing may be generated into DATA_DIR. */
export const TEST_VAPID_KEYS = {
  VAPID_PUBLIC_KEY: 'BPeS2hahS-rzm28NveeFGJawPZBonL0o8R9u0HUeo5l5ES1lXoOPRXk18tPz1pZRKWkYIokh34Os0LxquLrakrk',
  VAPID_PRIVATE_KEY: 'LaejHep8S9iwHUCdwMPs0KKsYiRUDBG5r_N_rX_h78Y',
};

/**
 * Starts `node --import tsx src/server.ts` as the operator would, with env added to a clean environment, from the
 * repository (or from options.cwd, a copy of it). With DATABASE_URL it gets TEST_SECRETS unless env says otherwise.
 */
export function startServer(env: Record<string, string>, options: { cwd?: string } = {}): ServerProcess {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  const secrets = env.DATABASE_URL ? TEST_SECRETS : {};
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: options.cwd ?? ROOT,
    env: { ...base, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', RUN_JOBS: '0', ...secrets, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async ready() {
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (done) throw new Error(`The server exited before it was ready.\nstdout:\n${out}\nstderr:\n${err}`);
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (listening) {
          const response = await fetch(`${listening}/readyz`).catch(() => null);
          if (response?.status === 200) return listening;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`The server was not ready in time.\nstdout:\n${out}\nstderr:\n${err}`);
    },
  };
}

/** The JSON log lines a server printed (other lines, such as the demo login, are skipped). */
export function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Runs fn while dir is read-only: as root (who ignores permissions), a read-only tmpfs mounted on it; otherwise mode 0555. */
export async function withReadOnly(dir: string, fn: () => unknown): Promise<void> {
  const root = userInfo().uid === 0;
  if (root) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m,mode=755', 'tmpfs', dir]);
  else chmodSync(dir, 0o555);
  try {
    await fn();
  } finally {
    if (root) execFileSync('umount', [dir]);
    else chmodSync(dir, 0o755);
  }
}
