import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkOut, many, queryWithoutTimeout, type Pool } from './database.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The platform's own migrations (sessions, rate limits, jobs' keys…); each module keeps its own beside its code. */
export const MIGRATIONS_DIR = path.join(SRC, 'db', 'migrations');
// Any fixed number: one app process migrates at a time, the others wait.
const MIGRATION_LOCK = 7_341_002;

/** One migration: its name (the file name without .sql, a timestamp first) and where its SQL is. */
export interface MigrationFile {
  name: string;
  file: string;
}

/** The folders migrations are collected from: src/db/migrations and every src/modules/<module>/migrations. */
export function migrationDirs(): string[] {
  const modules = path.join(SRC, 'modules');
  const own = readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(modules, entry.name, 'migrations')))
    .map((entry) => path.join(modules, entry.name, 'migrations'));
  return [MIGRATIONS_DIR, ...own];
}

/** Lists every migration in the order they run (by name, whichever folder it is in); two with one name are refused. */
export function migrationFiles(dirs: string | string[] = migrationDirs()): MigrationFile[] {
  const all = (Array.isArray(dirs) ? dirs : [dirs]).flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => ({ name: f.replace(/\.sql$/, ''), file: path.join(dir, f) })),
  );
  all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < all.length; i++) {
    if (all[i]?.name === all[i - 1]?.name)
      throw new Error(`Two migrations are named ${all[i]?.name}: ${all[i - 1]?.file} and ${all[i]?.file}. Rename the newer one.`);
  }
  return all;
}

/** Applies every migration not yet applied, each in its own transaction; returns the names applied. */
export async function migrate(pool: Pool, dirs: string | string[] = migrationDirs()): Promise<string[]> {
  const held = await checkOut(pool);
  const client = held.client;
  const applied: string[] = [];
  try {
    // Waiting for another process's migrations, and a migration itself (an index on a big table), may rightly
    // take longer than a request's statement timeout: this session has none. It is discarded afterwards.
    await client.query('SET statement_timeout = 0');
    await queryWithoutTimeout(client, 'SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await many(client, z.object({ name: z.string() }), 'SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const { name, file } of migrationFiles(dirs)) {
      if (done.has(name)) continue;
      const sql = readFileSync(file, 'utf8');
      try {
        await client.query('BEGIN');
        await queryWithoutTimeout(client, sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        held.failed(error);
        if (!held.lost()) await client.query('ROLLBACK').catch((rollbackError: unknown) => held.discard(rollbackError));
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
  } catch (error) {
    held.failed(error);
    throw error;
  } finally {
    if (!held.lost()) await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    held.discard('its session has no statement timeout'); // never give it back to requests
    held.release();
  }
  return applied;
}
