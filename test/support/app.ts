import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createPool, type Pool } from '../../src/db/database.ts';
import type { Mailer } from '../../src/core/mail.ts';

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database for one test file, copied from the migrated template (fast: no migrations run). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${inject('testRunPrefix')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant: wait and try again.
      if (attempt > 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const pool = createPool(url, 5);
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Configuration for tests: quiet logs, fixed secrets, no demo seed, a private data directory. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'unionhall-test-')),
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    ANONYMITY_KEY: 'test-anonymity-key-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    RUN_JOBS: '0',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: Pool;
  config: Config;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Boots the whole app in-process on its own fresh database. */
export async function createTestApp(options: { config?: Record<string, string>; mailer?: Mailer } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(options.config);
  const app = await buildApp({ config, db: database.pool, connectionString: database.url, mailer: options.mailer, logger: false });
  await app.ready();
  return {
    app,
    db: database.pool,
    config,
    databaseUrl: database.url,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * The app for the tests of one file: booted before them (beforeAll), closed after them (afterAll). Its parts are
 * read when a test or a later hook runs, so the file's own beforeAll may use them. With `freshRateLimits`, the
 * rate-limit counters are emptied before each test (every request of a test client comes from the same address).
 */
export function appForTests(options: Parameters<typeof createTestApp>[0] & { freshRateLimits?: boolean } = {}): TestApp {
  let current: TestApp | undefined;
  const booted = (): TestApp => {
    if (!current) throw new Error('the test app is used before beforeAll booted it');
    return current;
  };
  beforeAll(async () => {
    current = await createTestApp(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  if (options.freshRateLimits) {
    beforeEach(async () => {
      await booted().db.query('DELETE FROM rate_limits');
    });
  }
  return {
    get app() {
      return booted().app;
    },
    get db() {
      return booted().db;
    },
    get config() {
      return booted().config;
    },
    get databaseUrl() {
      return booted().databaseUrl;
    },
    close: () => booted().close(),
  };
}
