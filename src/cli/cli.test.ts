import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../core/passwords.ts';
import { oneOrThrow } from '../core/rows.ts';
import { defined } from '../../test/support/defined.ts';
import { createUser } from '../../test/support/factories.ts';
import { createEmptyDatabase, fingerprint, ROOT, type EmptyDatabase } from '../../test/ops/support.ts';
import { runCli } from './program.ts';
import type { CliIo } from './io.ts';

/** Runs the command line in-process with its own environment; returns what it printed. */
async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the unionhall command line', () => {
  const made: EmptyDatabase[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'unionhall-cli-'));
  let db: EmptyDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    made.push(db);
    env = { DATABASE_URL: db.url, DATA_DIR: dir, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    for (const database of made) await database.drop();
  });

  it('has --help for the program and for every command', async () => {
    const top = await cli(['--help'], env);
    expect(top.code).toBe(0);
    for (const command of ['migrate', 'seed-demo', 'create-admin', 'backup', 'restore']) {
      expect(top.out).toContain(command);
      const help = await cli([command, '--help'], env);
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: unionhall ${command}`);
      expect(help.out).toContain('DATABASE_URL');
    }
    expect((await cli(['create-admin', '--help'], env)).out).toContain('UNIONHALL_ADMIN_PASSWORD');
  });

  it('explains an unknown command or a missing option with exit code 1', async () => {
    const unknown = await cli(['frobnicate'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown command 'frobnicate'/);
    const missing = await cli(['create-admin', '--name', 'A'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/required option '--email <email>' not specified/);
  });

  it('migrate applies every migration once', async () => {
    const first = await cli(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Applied \d+ migration\(s\)/);
    const rows = await db.pool.query('SELECT name FROM schema_migrations');
    expect(rows.rowCount).toBeGreaterThan(0);
    const again = await cli(['migrate'], env);
    expect(again.out).toContain('up to date');
  });

  it('seed-demo fills an empty database, then refuses to mix demo people with existing ones', async () => {
    const first = await cli(['seed-demo'], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('admin@demo.unionhall.org');
    const second = await cli(['seed-demo'], env);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/already has \d+ account\(s\)/);
  });

  it('create-admin takes the password from UNIONHALL_ADMIN_PASSWORD', async () => {
    const result = await cli(['create-admin', '--email', 'Chief@Example.org', '--name', 'رئیس', '--language', 'fa'], {
      ...env,
      UNIONHALL_ADMIN_PASSWORD: 'a long enough password',
    });
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('a long enough password');
    const row = await db.pool.query('SELECT id, name, locale, is_platform_admin, password_hash FROM users WHERE email = $1', [
      'chief@example.org',
    ]);
    expect(row.rows[0]).toMatchObject({ name: 'رئیس', locale: 'fa', is_platform_admin: true });
    expect(await verifyPassword(row.rows[0].password_hash, 'a long enough password')).toBe(true);
    const audit = await db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'platform_admin.created' AND subject_id = $1`, [
      String(row.rows[0].id),
    ]);
    expect(audit.rowCount).toBe(1);
  });

  it('create-admin generates and prints a password when none is given', async () => {
    const result = await cli(['create-admin', '--email', 'second@example.org', '--name', 'Second'], env);
    expect(result.code).toBe(0);
    const password = /Password \(shown only now; change it after the first login\): (\S+)/.exec(result.out)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(16);
    const row = await db.pool.query('SELECT password_hash FROM users WHERE email = $1', ['second@example.org']);
    expect(await verifyPassword(oneOrThrow(row.rows).password_hash, defined(password, 'the printed password'))).toBe(true);
  });

  it('create-admin refuses bad input and an existing account, and promotes one only when asked', async () => {
    expect((await cli(['create-admin', '--email', 'not-an-email', '--name', 'X'], env)).err).toMatch(/--email must be an email address/);
    expect((await cli(['create-admin', '--email', 'x@example.org', '--name', '   '], env)).err).toMatch(/--name must not be empty/);
    expect((await cli(['create-admin', '--email', 'x@example.org', '--name', 'X', '--language', 'de'], env)).err).toMatch(
      /--language must be one of fa, vi, en/,
    );
    expect(
      (await cli(['create-admin', '--email', 'x@example.org', '--name', 'X'], { ...env, UNIONHALL_ADMIN_PASSWORD: 'short' })).err,
    ).toMatch(/UNIONHALL_ADMIN_PASSWORD is too short/);
    await createUser(db.pool, { name: 'Plain', email: 'plain@example.org' });
    const { password_hash: kept } = oneOrThrow(
      (await db.pool.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'plain@example.org'`)).rows,
    );
    const refused = await cli(['create-admin', '--email', 'plain@example.org', '--name', 'Plain'], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already exists.*--promote/s);
    const promoted = await cli(['create-admin', '--email', 'plain@example.org', '--name', 'Plain', '--promote'], env);
    expect(promoted.code).toBe(0);
    const row = await db.pool.query(`SELECT is_platform_admin, password_hash FROM users WHERE email = 'plain@example.org'`);
    expect(row.rows[0]).toEqual({ is_platform_admin: true, password_hash: kept });
  });

  it('backup then restore gives back every row; restore refuses a database that has tables', async () => {
    const file = path.join(dir, 'cli-backup.sql');
    const backup = await cli(['backup', file], env);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/Backup written to .*cli-backup\.sql: \d+ migration\(s\), \d+ tables, \d+ rows\./);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const again = await cli(['backup', file], env);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists.*--force/s);

    const refused = await cli(['restore', file], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/The database is not empty/);

    const target = await createEmptyDatabase();
    made.push(target);
    const restored = await cli(['restore', file], { ...env, DATABASE_URL: target.url });
    expect(restored.code).toBe(0);
    expect(await fingerprint(target.pool)).toEqual(await fingerprint(db.pool));
    expect(readFileSync(file, 'utf8')).toContain('COPY "public"."users"');

    const missing = await cli(['restore', path.join(dir, 'nope.sql')], env);
    expect(missing.err).toMatch(/No such file/);
  });

  it('reports bad configuration as the app does', async () => {
    const result = await cli(['migrate'], { DATABASE_URL: 'mysql://localhost/x', DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.err).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('runs as a bin and through npm run unionhall', () => {
    const bin = spawnSync(process.execPath, [path.join(ROOT, 'bin/unionhall.js'), 'restore', '--help'], {
      encoding: 'utf8',
      cwd: tmpdir(),
    });
    expect(bin.status).toBe(0);
    expect(bin.stdout).toContain('Usage: unionhall restore [options] <file>');
    const npm = spawnSync('npm', ['run', '--silent', 'unionhall', '--', 'frobnicate'], { encoding: 'utf8', cwd: ROOT });
    expect(npm.status).toBe(1);
    expect(npm.stderr).toContain("unknown command 'frobnicate'");
  });
});
