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
  }
}

export const TEMPLATE = 'uh_test_template';

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
  const { adminUrl, stop } = await state.started;
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  return async () => {
    if (--state.users === 0) await stop();
  };
}

// Kept on globalThis: vitest loads this file once per project, in separate module instances.
interface SharedDatabase {
  started: Promise<{ adminUrl: string; stop: () => Promise<void> }>;
  users: number;
}

async function start(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
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
  // Databases left by an interrupted earlier run.
  const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'uh_test_%'`);
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const pool = createPool(withDatabase(adminUrl, TEMPLATE));
  await migrate(pool);
  await pool.end();
  await admin.end();

  return {
    adminUrl,
    stop: async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const left = await cleanup.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'uh_test_%'`);
    for (const { datname } of left.rows) await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await cleanup.end();
    await embedded?.stop();
    },
  };
}
