import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { z } from 'zod';
import { oneOrThrow } from '../core/rows.ts';
import { checkOut, many, type Pool } from './database.ts';
import { migrationDirs, migrationFiles } from './migrate.ts';

/**
 * Backups are plain SQL files in pg_dump's format, so `psql -f` restores them as well as `unionhall restore`:
 * a header, the schema (the SQL of every applied migration, in order), each table's rows as
 * `COPY ... FROM stdin;` blocks, then the sequences' positions. Rows are streamed, never held in memory.
 */
export const BACKUP_MAGIC = '-- Unionhall backup';

/** Schemas that are not the app's: PostgreSQL's own, and pg-boss's queue (it recreates its tables at start). */
const SKIPPED_SCHEMAS = ['pg_catalog', 'information_schema', 'pgboss'];

/** Must stay the same as the table migrate.ts creates. */
const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

export interface TableInfo {
  schema: string;
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Qualified, quoted name for SQL. */
  qualified: string;
}

export interface BackupSummary {
  migrations: string[];
  tables: { table: string; rows: number }[];
}

export interface RestoreSummary {
  tables: { table: string; rows: number }[];
}

/** Refused because the target database is not empty, or the file is not a backup: nothing was changed. */
export class RestoreRefusedError extends Error {}
/** The backup names a migration this version of Unionhall does not have (it was made by a newer one). */
export class BackupError extends Error {}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const skippedSchemasSql = `n.nspname <> ALL($1::text[]) AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

const TableRow = z.object({
  oid: z.number(),
  schema: z.string(),
  name: z.string(),
  columns: z.array(z.string()).nullable(),
  pk: z.array(z.string()).nullable(),
  refs: z.array(z.number()),
});
const NameRow = z.object({ name: z.string() });

/** The app's tables, parents before the tables whose foreign keys point at them (schema_migrations first). */
export async function listTables(db: pg.Pool | pg.PoolClient): Promise<TableInfo[]> {
  const rows = await many(
    db,
    TableRow,
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
       (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
       (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE i.indrelid = c.oid AND i.indisprimary) AS pk,
       COALESCE((SELECT array_agg(DISTINCT f.confrelid::int) FROM pg_constraint f
         WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid), '{}') AS refs
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND ${skippedSchemasSql}
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     ORDER BY (c.relname = 'schema_migrations') DESC, n.nspname, c.relname`,
    [SKIPPED_SCHEMAS],
  );
  // Topological order by foreign keys; a cycle (rare) falls back to name order, which replica mode tolerates.
  const byOid = new Map(rows.map((r) => [r.oid, r]));
  const done = new Set<number>();
  const visiting = new Set<number>();
  const ordered: typeof rows = [];
  const visit = (oid: number) => {
    if (done.has(oid) || visiting.has(oid)) return;
    const row = byOid.get(oid);
    if (!row) return;
    visiting.add(oid);
    for (const ref of row.refs) visit(ref);
    visiting.delete(oid);
    done.add(oid);
    ordered.push(row);
  };
  for (const row of rows) visit(row.oid);
  return ordered.map((r) => ({
    schema: r.schema,
    name: r.name,
    columns: r.columns ?? [],
    primaryKey: r.pk ?? [],
    qualified: `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`,
  }));
}

/** Errors of the output (a full disk...) are kept here and thrown at the next write, never left unhandled. */
const outputErrors = new WeakMap<Writable, Error>();

async function write(out: Writable, text: string | Buffer): Promise<void> {
  const failed = outputErrors.get(out);
  if (failed) throw failed;
  if (!out.write(text)) await drained(out);
}

/** Writes the whole database as a plain SQL backup to out, from one consistent snapshot. */
export async function writeBackup(pool: Pool, out: Writable, migrationsDirs: string[] = migrationDirs()): Promise<BackupSummary> {
  out.on('error', (error) => outputErrors.set(out, error));
  const held = await checkOut(pool);
  const client = held.client;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // As pg_dump: a big table's COPY may run for minutes, and the snapshot stays open while the file is written.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SET LOCAL idle_in_transaction_session_timeout = 0');
    const info = oneOrThrow(
      await many(
        client,
        z.object({ version: z.string(), database: z.string(), now: z.string() }),
        `SELECT current_setting('server_version') AS version, current_database() AS database, now()::text AS now`,
      ),
    );
    const hasMigrations = oneOrThrow(
      await many(client, z.object({ ok: z.boolean() }), `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS ok`),
    ).ok;
    if (!hasMigrations)
      throw new BackupError(
        'This database has no schema_migrations table: it is not a Unionhall database (run `unionhall migrate` first).',
      );
    const migrations = (await many(client, NameRow, 'SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
    const migrationSql: Array<{ name: string; sql: string }> = [];
    const known = new Map(migrationFiles(migrationsDirs).map((m) => [m.name, m.file]));
    for (const name of migrations) {
      const file = known.get(name);
      if (file === undefined) {
        throw new BackupError(
          `Migration ${name} is applied in the database but missing from ${migrationsDirs.join(', ')}: back up with the Unionhall version that applied it.`,
        );
      }
      migrationSql.push({ name, sql: readFileSync(file, 'utf8') });
    }
    const tables = await listTables(client);

    await write(
      out,
      [
        `${BACKUP_MAGIC} (plain SQL in pg_dump's format)`,
        `-- Created: ${info.now}`,
        `-- From: database ${info.database} on PostgreSQL ${info.version}`,
        `-- Migrations: ${migrations.length}${migrations.length ? ` (last: ${migrations[migrations.length - 1]})` : ''}`,
        `-- Tables: ${tables.length}`,
        '--',
        '-- Restore it into an EMPTY database (UTF8, LC_CTYPE C.UTF-8), as a superuser, with either:',
        '--   unionhall restore FILE',
        '--   psql -X -v ON_ERROR_STOP=1 --single-transaction -d DATABASE -f FILE',
        '',
        '\\set ON_ERROR_STOP on',
        'SET statement_timeout = 0;',
        'SET lock_timeout = 0;',
        "SET client_encoding = 'UTF8';",
        'SET standard_conforming_strings = on;',
        'SET check_function_bodies = false;',
        'SET client_min_messages = warning;',
        '-- Triggers and foreign-key checks stay off while rows load (as pg_dump --disable-triggers).',
        'SET session_replication_role = replica;',
        '',
        '--',
        '-- Schema: the migrations applied to the database, in order',
        '--',
        '',
        SCHEMA_MIGRATIONS_DDL,
        '',
      ].join('\n') + '\n',
    );
    for (const { name, sql } of migrationSql) {
      await write(out, `--\n-- Migration: ${name}\n--\n\n${sql.replace(/\s*$/, '')}\n;\n\n`);
    }

    // Migrations may insert rows of their own; the backup's rows replace them.
    if (tables.length) await write(out, `--\n-- Data\n--\n\nTRUNCATE TABLE ${tables.map((t) => t.qualified).join(', ')};\n\n`);
    const summary: BackupSummary = { migrations, tables: [] };
    for (const table of tables) {
      if (table.columns.length === 0) continue; // nothing to copy (only generated columns)
      const columns = table.columns.map(quoteIdent).join(', ');
      const orderBy = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
      await write(
        out,
        `--\n-- Data for Name: ${table.name}; Type: TABLE DATA; Schema: ${table.schema}\n--\n\nCOPY ${table.qualified} (${columns}) FROM stdin;\n`,
      );
      const stream = client.query(copyTo(`COPY (SELECT ${columns} FROM ${table.qualified}${orderBy}) TO STDOUT`));
      for await (const chunk of stream) await write(out, chunk as Buffer);
      await write(out, '\\.\n\n');
      summary.tables.push({ table: `${table.schema}.${table.name}`, rows: stream.rowCount });
    }

    // The values as text: a sequence may pass what a JS number holds exactly.
    const sequences = await many(
      client,
      z.object({ schema: z.string(), name: z.string(), lastValue: z.string().nullable(), startValue: z.string() }),
      `SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS "lastValue", s.start_value::text AS "startValue"
       FROM pg_sequences s JOIN pg_namespace n ON n.nspname = s.schemaname
       WHERE ${skippedSchemasSql} ORDER BY 1, 2`,
      [SKIPPED_SCHEMAS],
    );
    if (sequences.length) {
      await write(out, '--\n-- Sequences\n--\n\n');
      for (const s of sequences) {
        const name = quoteLiteral(`${quoteIdent(s.schema)}.${quoteIdent(s.name)}`);
        await write(
          out,
          s.lastValue === null
            ? `SELECT pg_catalog.setval(${name}, ${s.startValue}, false);\n`
            : `SELECT pg_catalog.setval(${name}, ${s.lastValue}, true);\n`,
        );
      }
    }
    // Materialized views were created empty by the migrations: fill them from the restored rows.
    const views = await many(
      client,
      z.object({ schema: z.string(), name: z.string() }),
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'm' AND c.relispopulated AND ${skippedSchemasSql} ORDER BY c.oid`,
      [SKIPPED_SCHEMAS],
    );
    if (views.length) {
      await write(out, '\n--\n-- Materialized views\n--\n\n');
      for (const v of views) await write(out, `REFRESH MATERIALIZED VIEW ${quoteIdent(v.schema)}.${quoteIdent(v.name)};\n`);
    }
    await write(out, '\nRESET session_replication_role;\n\n-- Unionhall backup complete\n');
    await client.query('COMMIT');
    return summary;
  } catch (error) {
    held.failed(error);
    if (!held.lost()) await client.query('ROLLBACK').catch(() => {});
    held.discard(error); // a connection left in the middle of a COPY is not given back to the pool
    throw error;
  } finally {
    held.release();
  }
}

/** Writes a backup to a file: first to FILE.partial, renamed when complete, so a failed backup leaves no half file. */
export async function backupToFile(pool: Pool, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  try {
    const summary = await writeBackup(pool, out);
    out.end();
    await finished(out);
    renameSync(partial, file);
    return summary;
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Relations of the app's kind already in the database; a restore needs none. */
export async function existingRelations(db: pg.Pool | pg.PoolClient): Promise<string[]> {
  const rows = await many(
    db,
    NameRow,
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${skippedSchemasSql}
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     ORDER BY 1`,
    [SKIPPED_SCHEMAS],
  );
  return rows.map((r) => r.name);
}

/** Waits until a writable stream wants more, or rejects with its error (without piling up listeners). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

const COPY_LINE = /^COPY (.+) FROM stdin;$/;
const NEWLINE = 0x0a;
const END_OF_DATA = Buffer.from('\n\\.\n');
const END_OF_DATA_FIRST = Buffer.from('\\.\n');

/** Reads a file in large chunks, handing out lines (for SQL) or raw slices (for COPY data, passed on as they are). */
export class BackupReader {
  private pending: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(file: string, chunkSize = 1 << 20) {
    this.chunks = createReadStream(file, { highWaterMark: chunkSize })[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, next.value]) : next.value;
    return true;
  }

  /** The next line without its newline, or null at the end of the file. */
  async line(): Promise<string | null> {
    for (;;) {
      const at = this.pending.indexOf(NEWLINE);
      if (at >= 0) {
        const text = this.pending.toString('utf8', 0, at);
        this.pending = this.pending.subarray(at + 1);
        return text.endsWith('\r') ? text.slice(0, -1) : text;
      }
      if (!(await this.more())) {
        if (!this.pending.length) return null;
        const text = this.pending.toString('utf8');
        this.pending = Buffer.alloc(0);
        return text;
      }
    }
  }

  /**
   * Hands COPY data to write() in large slices, up to the line `\.` that ends it (not included).
   * Returns false when the file ends first.
   */
  async copyData(write: (slice: Buffer) => Promise<void>): Promise<boolean> {
    let atStart = true;
    for (;;) {
      if (atStart && this.pending.length >= END_OF_DATA_FIRST.length) {
        if (this.pending.subarray(0, END_OF_DATA_FIRST.length).equals(END_OF_DATA_FIRST)) {
          this.pending = this.pending.subarray(END_OF_DATA_FIRST.length);
          return true; // a table without rows
        }
        atStart = false;
      }
      if (!atStart) {
        const end = this.pending.indexOf(END_OF_DATA);
        if (end >= 0) {
          await write(this.pending.subarray(0, end + 1));
          this.pending = this.pending.subarray(end + END_OF_DATA.length);
          return true;
        }
        // Keep the last few bytes: they may be the start of the end marker.
        const ready = this.pending.length - (END_OF_DATA.length - 1);
        if (ready > 0) {
          await write(this.pending.subarray(0, ready));
          this.pending = this.pending.subarray(ready);
        }
      }
      if (!(await this.more())) {
        // The file may end right after "\." without a final newline.
        const rest = this.pending.toString('utf8');
        if (rest === '\\.' || rest.endsWith('\n\\.')) {
          if (rest.length > 2) await write(this.pending.subarray(0, this.pending.length - 2));
          this.pending = Buffer.alloc(0);
          return true;
        }
        return false;
      }
    }
  }

  close(): void {
    void this.chunks.return?.();
  }
}

/**
 * Restores a backup file into an empty database, in one transaction: the SQL between COPY blocks runs as it is,
 * each COPY block streams through COPY FROM STDIN. psql meta-commands (lines starting with a backslash) are skipped.
 */
export async function restoreFromFile(pool: Pool, file: string): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new RestoreRefusedError(`No such file: ${file}`);
  const reader = new BackupReader(file);
  const first = await reader.line();
  if (first === null || !first.startsWith(BACKUP_MAGIC)) {
    reader.close();
    throw new RestoreRefusedError(`${file} is not a Unionhall backup (its first line should start with "${BACKUP_MAGIC}").`);
  }

  const held = await checkOut(pool);
  const client = held.client;
  try {
    const existing = await existingRelations(client);
    if (existing.length) {
      const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? `, and ${existing.length - 5} more` : '');
      throw new RestoreRefusedError(
        `The database is not empty: it already has ${existing.length} tables or sequences (${shown}). ` +
          'A restore only goes into an empty database, so that nothing is mixed or overwritten. ' +
          "Create a new database (CREATE DATABASE unionhall_restored ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0) " +
          'and point DATABASE_URL at it, or, with the embedded server, use a new empty DATA_DIR.',
      );
    }
    held.discard('replica role'); // the session's settings (replica role) must not go back to the pool
    await client.query('BEGIN');
    const summary: RestoreSummary = { tables: [] };
    let sql = '';
    const runSql = async () => {
      if (sql.trim()) {
        try {
          await client.query(sql);
        } catch (error) {
          const e = error as Error & { code?: string };
          if (e.code === '42501' && /session_replication_role/.test(e.message)) {
            throw new BackupError(`Restoring needs a PostgreSQL superuser (it switches triggers off while rows load): ${e.message}`);
          }
          throw error;
        }
      }
      sql = '';
    };
    for (let line = await reader.line(); line !== null; line = await reader.line()) {
      const target = COPY_LINE.exec(line)?.[1];
      if (target === undefined) {
        if (!line.startsWith('\\')) sql += line + '\n';
        continue;
      }
      await runSql();
      const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
      let failure: Error | undefined;
      stream.on('error', (error) => (failure = error));
      try {
        const ended = await reader.copyData(async (slice) => {
          if (failure) throw failure;
          if (!stream.write(slice)) await drained(stream);
        });
        if (!ended) throw new BackupError(`${file} ends inside the data of ${target}: the backup is incomplete.`);
        if (failure) throw failure;
        stream.end();
        await finished(stream);
      } catch (error) {
        // Abort the COPY (CopyFail) so the connection leaves copy mode and can roll back.
        if (!stream.destroyed) {
          stream.destroy(error as Error);
          await once(stream, 'close').catch(() => {});
        }
        throw error instanceof BackupError ? error : (failure ?? error);
      }
      summary.tables.push({ table: target.replace(/ \(.*$/, '').replace(/"/g, ''), rows: stream.rowCount });
    }
    await runSql();
    await client.query('COMMIT');
    return summary;
  } catch (error) {
    held.failed(error);
    if (!held.lost()) await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    reader.close();
    held.release();
  }
}
