import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPool } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to the server's maintenance database, for creating per-file databases. */
    adminDatabaseUrl: string;
    /** The migrated database every test file's database is copied from. */
    templateDatabase: string;
    /** Prefix of every database this run creates. */
    testRunPrefix: string;
  }
}

const STALE_AFTER_SECONDS = 3 * 3600;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts the database once per run: the server named by TEST_DATABASE_URL (CI's PostgreSQL 15),
 * or else the embedded server. Migrates a template database that each test file copies.
 */
export default async function setup(project: TestProject) {
  // Each vitest project runs global setup; the database is started once and shared.
  const state = ((globalThis as { __unionhallTestDb?: SharedDatabase }).__unionhallTestDb ??= { started: start(), users: 0 });
  state.users++;
  const { adminUrl, run, stop } = await state.started;
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', `${run}_template`);
  project.provide('testRunPrefix', run);
  return async () => {
    if (--state.users === 0) await stop();
  };
}

// Kept on globalThis: vitest loads this file once per project, in separate module instances.
interface SharedDatabase {
  started: Promise<{ adminUrl: string; run: string; stop: () => Promise<void> }>;
  users: number;
}

async function start(): Promise<{ adminUrl: string; run: string; stop: () => Promise<void> }> {
  // Each run has its own prefix, so several runs (several developers' sessions) can share one server.
  const RUN = `uh_t${Math.floor(Date.now() / 1000).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const TEMPLATE = `${RUN}_template`;
  let embedded: EmbeddedServer | null = null;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = withDatabase(process.env.TEST_DATABASE_URL, 'postgres');
  } else {
    embedded = await startEmbeddedPostgres(path.resolve('.cache/test-postgres'));
    adminUrl = embedded.urlFor('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Databases left by interrupted runs hours ago (their names carry the run's start time).
  const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^uh_t[0-9a-z]+_'`);
  for (const { datname } of stale.rows) {
    const started = parseInt(/^uh_t([0-9a-z]{6,7})/.exec(datname)?.[1] ?? '0', 36);
    if (Date.now() / 1000 - started > STALE_AFTER_SECONDS) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${TEMPLATE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const pool = createPool(withDatabase(adminUrl, TEMPLATE));
  await migrate(pool);
  await pool.end();
  await admin.end();

  return {
    adminUrl,
    run: RUN,
    stop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      const left = await cleanup.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [RUN]);
      for (const { datname } of left.rows) await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await cleanup.end();
      await embedded?.stop();
    },
  };
}
