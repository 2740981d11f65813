import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOut, queryWithoutTimeout, type Pool } from './database.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any fixed number: one app process migrates at a time, the others wait.
const MIGRATION_LOCK = 7_341_002;

/** Lists migration files in the order they run (their names start with a timestamp). */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** Applies every migration not yet applied, each in its own transaction; returns the names applied. */
export async function migrate(pool: Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
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
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const file of migrationFiles(dir)) {
      const name = file.replace(/\.sql$/, '');
      if (done.has(name)) continue;
      const sql = readFileSync(path.join(dir, file), 'utf8');
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
