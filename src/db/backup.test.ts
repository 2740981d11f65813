import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/app.ts';
import { createEmptyDatabase, describeSchema, fingerprint, type EmptyDatabase } from '../../test/ops/support.ts';
import fc from 'fast-check';
import { BACKUP_MAGIC, BackupReader, backupToFile, restoreFromFile, RestoreRefusedError, writeBackup } from './backup.ts';
import { seedDemo } from './seed/index.ts';
import { oneOrThrow } from '../core/rows.ts';
import { defined } from '../../test/support/defined.ts';

describe('backup and restore', () => {
  let source: TestDatabase;
  const made: EmptyDatabase[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'unionhall-backup-'));
  const file = path.join(dir, 'backup.sql');
  let before: Awaited<ReturnType<typeof fingerprint>>;

  const empty = async () => {
    const database = await createEmptyDatabase();
    made.push(database);
    return database;
  };

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemo(source.pool);
    // Rows that test COPY's escaping: tabs, newlines, backslashes, Persian and Vietnamese text, NULLs, json, inet.
    await source.pool.query(
      `INSERT INTO users (name, email, phone, password_hash, locale) VALUES
        ($1, 'tricky@example.org', NULL, 'x', 'fa'),
        ($2, NULL, '+989121234567', 'y', 'vi'),
        ('\\N is not null', 'backslash@example.org', NULL, 'z', 'en')`,
      ['کارگرِ «رشت»\tبا\nسطر دوم \\ و ‮override‬', 'Nguyễn Thị Hằng 😀'],
    );
    await source.pool.query(
      `INSERT INTO audit_log (actor_id, action, details, ip)
       SELECT NULL, 'test.bulk', jsonb_build_object('n', g, 'text', 'سطر ' || g || E'\\t"quoted"'), '10.0.0.1'::inet
       FROM generate_series(1, 20000) g`,
    );
    // Deleted and updated rows: gaps in ids and a physical order that differs from the key order.
    await source.pool.query(`DELETE FROM audit_log WHERE id % 7 = 0`);
    await source.pool.query(`UPDATE regions SET name = name || '{"note": "updated"}' WHERE code = 'ir'`);
    before = await fingerprint(source.pool);
    const summary = await backupToFile(source.pool, file);
    expect(summary.tables.find((t) => t.table === 'public.users')?.rows).toBe(defined(before['public.users']).rows);
  });

  afterAll(async () => {
    await source?.drop();
    for (const database of made) await database.drop();
  });

  it('writes a plain SQL file with the schema, COPY blocks and sequence positions', () => {
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(BACKUP_MAGIC)).toBe(true);
    expect(text).toContain('CREATE TABLE users');
    expect(text).toMatch(/^COPY "public"\."users" \("id", "name", .*\) FROM stdin;$/m);
    expect(text).toMatch(/^COPY "public"\."schema_migrations" \("name", "applied_at"\) FROM stdin;$/m);
    expect(text).toMatch(/^SELECT pg_catalog\.setval\('"public"\."users_id_seq"', \d+, true\);$/m);
    // Parents come before the tables that refer to them.
    expect(text.indexOf('COPY "public"."users"')).toBeLessThan(text.indexOf('COPY "public"."memberships"'));
    expect(text.indexOf('COPY "public"."organizations"')).toBeLessThan(text.indexOf('COPY "public"."memberships"'));
    expect(text.trimEnd().endsWith('-- Unionhall backup complete')).toBe(true);
  });

  it('restores into an empty database with every row, the same schema, and sequences that go on from there', async () => {
    const target = await empty();
    const summary = await restoreFromFile(target.pool, file);
    expect(summary.tables.length).toBe(Object.keys(before).length);
    expect(await fingerprint(target.pool)).toEqual(before);
    expect(await describeSchema(target.pool)).toEqual(await describeSchema(source.pool));
    const max = await target.pool.query<{ max: number }>('SELECT max(id)::int AS max FROM users');
    const next = await target.pool.query<{ id: number }>(
      `INSERT INTO users (name, email, password_hash) VALUES ('After', 'after@example.org', 'h') RETURNING id`,
    );
    expect(oneOrThrow(next.rows).id).toBeGreaterThan(oneOrThrow(max.rows).max);
    // Triggers and constraints are on again: a row that breaks a foreign key is refused.
    await expect(target.pool.query(`INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ('x', 999999999, now())`)).rejects.toThrow(
      /foreign key/,
    );
  });

  it("restores with psql -f into an empty database on the machine's PostgreSQL", async () => {
    const target = await empty();
    const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', target.url, '-f', file], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(await fingerprint(target.pool)).toEqual(before);
  });

  it('refuses a database that is not empty, and changes nothing', async () => {
    const error = await restoreFromFile(source.pool, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefusedError);
    expect((error as Error).message).toMatch(/not empty.*public\.\w+/s);
    expect(await fingerprint(source.pool)).toEqual(before);
  });

  it('fails cleanly when the disk is full', async () => {
    await expect(writeBackup(source.pool, createWriteStream('/dev/full'))).rejects.toThrow(/ENOSPC/);
    expect((await source.pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1); // the pool's connection came back usable
  });

  it('refuses a file that is not a backup', async () => {
    const target = await empty();
    const other = path.join(dir, 'other.sql');
    writeFileSync(other, 'DROP TABLE users;\n');
    await expect(restoreFromFile(target.pool, other)).rejects.toThrow(/not a Unionhall backup/);
  });

  it('leaves the database empty when the file is cut off in the middle of the rows', async () => {
    const target = await empty();
    const text = readFileSync(file, 'utf8');
    const cut = path.join(dir, 'cut.sql');
    writeFileSync(cut, text.slice(0, text.indexOf('test.bulk') + 5000));
    await expect(restoreFromFile(target.pool, cut)).rejects.toThrow(/incomplete/);
    const left = await target.pool.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
    expect(left.rowCount).toBe(0);
  });
});

describe('reading a backup file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'unionhall-reader-'));

  it('finds the end of every COPY block whatever the chunk boundaries, and passes the rows on unchanged', async () => {
    let n = 0;
    const row = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((r) => !r.includes('\n') && r !== '\\.');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(row, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 9 }),
        async (blocks, chunkSize) => {
          const file = path.join(dir, `r${n++}.sql`);
          const data = blocks.map((rows) => rows.map((r) => r + '\n').join(''));
          writeFileSync(file, `${BACKUP_MAGIC}\n` + data.map((d, i) => `COPY t${i} (a) FROM stdin;\n${d}\\.\nSELECT ${i};\n`).join(''));
          const reader = new BackupReader(file, chunkSize);
          expect(await reader.line()).toBe(BACKUP_MAGIC);
          for (let i = 0; i < data.length; i++) {
            expect(await reader.line()).toBe(`COPY t${i} (a) FROM stdin;`);
            const slices: Buffer[] = [];
            expect(await reader.copyData(async (slice) => void slices.push(Buffer.from(slice)))).toBe(true);
            expect(Buffer.concat(slices).toString('utf8')).toBe(data[i]);
            expect(await reader.line()).toBe(`SELECT ${i};`);
          }
          expect(await reader.line()).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});
