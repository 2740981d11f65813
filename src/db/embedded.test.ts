import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  createEmptyDatabase,
  describeSchema,
  fingerprint,
  jsonLines,
  startServer,
  type EmptyDatabase,
  type ServerProcess,
} from '../../test/ops/support.ts';
import { runCli } from '../cli/program.ts';
import { createPool, type Pool } from './database.ts';
import { runningEmbeddedServer, startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';
import { migrate } from './migrate.ts';
import { oneOrThrow } from '../core/rows.ts';
import { defined } from '../../test/support/defined.ts';
import { waitFor } from '../../test/support/wait.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Text that search normalization must treat the same on every server: Persian, Arabic letter forms, digits, Vietnamese. */
const SAMPLES = ['كارگران ايران', 'کارگرانِ ایران', '۱۴۰۱/۰۱/۲۲', '١٢٣ كيك', 'Bắc Giang', 'ĐOÀN THANH NIÊN', 'بندر انزلی', 'مـــــزد'];

// The embedded server's whole life, in order, on one temporary data directory (never ./data or .cache).
describe('the embedded PostgreSQL server', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'unionhall-embedded-'));
  const pgDir = path.join(dir, 'postgres');
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const lockFile = path.join(dir, 'unionhall.pid');
  const env = { DATA_DIR: dir, LOG_LEVEL: 'info' };
  let server: EmbeddedServer | undefined;
  let pool: Pool | undefined;
  const children: ServerProcess[] = [];
  const spawnApp = (extra: Record<string, string> = {}) => {
    const child = startServer({ ...env, ...extra });
    children.push(child);
    return child;
  };
  const postmasterPid = () => Number(readFileSync(pidFile, 'utf8').split('\n')[0]);

  afterAll(async () => {
    await pool?.end().catch(() => {});
    await server?.stop().catch(() => {});
    for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    if (existsSync(pidFile) && alive(postmasterPid())) {
      const pid = postmasterPid();
      process.kill(pid, 'SIGINT');
      // Cleanup goes on (removing the directory) even if the server lingers past the deadline.
      await waitFor(() => !alive(pid), 'the postmaster to stop', { timeoutMs: 10_000, everyMs: 100 }).catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a UTF-8 cluster (C.UTF-8), socket only, where pg_trgm and unaccent work on Persian; migrations give the same schema as PostgreSQL 15', async () => {
    server = await startEmbeddedPostgres(dir);
    pool = createPool(server.connectionString, 3);
    const info = await pool.query(
      `SELECT pg_encoding_to_char(encoding) AS encoding, datctype, datcollate, current_setting('listen_addresses') AS listen,
              current_setting('server_version_num')::int AS version
       FROM pg_database WHERE datname = current_database()`,
    );
    expect(info.rows[0]).toMatchObject({ encoding: 'UTF8', datctype: 'C.UTF-8', datcollate: 'C.UTF-8', listen: '' });
    expect(info.rows[0].version).toBeGreaterThanOrEqual(180000);
    expect(new URL(server.connectionString).searchParams.get('host')).toMatch(/^\//); // a unix socket directory

    const applied = await migrate(pool);
    expect(applied.length).toBeGreaterThan(0);
    const search = await pool.query(
      `SELECT array_length(show_trgm('کارگران'), 1) AS trigrams,
              similarity('کارگران ایران', 'کارگران') AS similarity,
              'اتحادیه کارگران گیلان' % 'کارگران گیلان' AS matches,
              public.unaccent('Bắc Giang') AS unaccented,
              public.uh_normalize('كارگران ۱۴۰۱') AS normalized`,
    );
    expect(search.rows[0].trigrams).toBeGreaterThan(3); // with LC_CTYPE C, Persian letters would give no trigrams at all
    expect(search.rows[0].similarity).toBeGreaterThan(0.4);
    expect(search.rows[0]).toMatchObject({ matches: true, unaccented: 'Bac Giang', normalized: 'کارگران 1401' });

    // The same migrations on the server the other tests use (CI's PostgreSQL 15): same tables, columns, results.
    const templateUrl = new URL(inject('adminDatabaseUrl'));
    templateUrl.pathname = `/${inject('templateDatabase')}`;
    const reference = createPool(templateUrl.toString(), 1);
    try {
      expect(await describeSchema(pool)).toEqual(await describeSchema(reference));
      const normalize = `SELECT array_agg(public.uh_normalize(s) ORDER BY i) AS out FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i)`;
      const embedded = (await pool.query(normalize, [SAMPLES])).rows[0].out;
      expect(embedded).toEqual((await reference.query(normalize, [SAMPLES])).rows[0].out);
      expect(embedded[0]).toBe(embedded[1]); // Arabic kaf/yeh and the kasra fold into the Persian forms
    } finally {
      await reference.end();
    }
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const second = spawnApp();
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`Another Unionhall process (pid ${process.pid}) is already using the data directory ${dir}.`);
    expect(second.stderr()).toContain('give this one its own DATA_DIR');
    // The refused process did not disturb the running server.
    expect(oneOrThrow((await defined(pool).query('SELECT 1 AS ok')).rows).ok).toBe(1);

    await defined(pool).end();
    pool = undefined;
    await defined(server).stop();
    server = undefined;
    expect(existsSync(pidFile)).toBe(false);
    expect(existsSync(lockFile)).toBe(false);
  });

  let app: ServerProcess;
  let base: string;
  let backupFile = '';
  let sourceFingerprint: Awaited<ReturnType<typeof fingerprint>> = {};

  it('recovers by itself after the app is killed with SIGKILL, and keeps every committed row', async () => {
    const first = spawnApp({ SEED_DEMO: '1' });
    await first.ready();
    const running = runningEmbeddedServer(dir);
    expect(running).not.toBeNull();
    const client = new pg.Client({ connectionString: defined(running).connectionString });
    await client.connect();
    await client.query(`INSERT INTO users (name, email, password_hash) VALUES ('بازمانده', 'survivor@example.org', 'h')`);
    await client.end();

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const orphan = postmasterPid();
    expect(alive(orphan)).toBe(true); // the database server outlived the app

    app = spawnApp({ LOG_LEVEL: 'debug' });
    base = await app.ready();
    expect(app.stderr()).toContain(`Stopping a database server (pid ${orphan}) left running by an earlier process.`);
    expect(alive(orphan)).toBe(false);
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(app.child.pid));
    expect(app.stdout()).not.toContain('Demo data created'); // seeded once, by the first start

    const again = new pg.Client({ connectionString: defined(runningEmbeddedServer(dir), 'the running server').connectionString });
    await again.connect();
    const row = await again.query(`SELECT name FROM users WHERE email = 'survivor@example.org'`);
    await again.end();
    expect(row.rows).toEqual([{ name: 'بازمانده' }]);
  });

  it('recovers when the database server died too (stale postmaster.pid, crash recovery from the WAL)', async () => {
    const client = new pg.Client({ connectionString: defined(runningEmbeddedServer(dir), 'the running server').connectionString });
    await client.connect();
    await client.query(`INSERT INTO users (name, email, password_hash) VALUES ('Người còn lại', 'crash@example.org', 'h')`);
    await client.end();
    const postmaster = postmasterPid();
    app.child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL'); // as if the machine lost power: no checkpoint, postmaster.pid left behind
    await app.exited;
    await waitFor(() => !alive(postmaster), 'the killed postmaster to be gone', { everyMs: 50 });
    expect(existsSync(pidFile)).toBe(true);

    app = spawnApp({ RUN_JOBS: '1' });
    base = await app.ready();
    const again = new pg.Client({ connectionString: defined(runningEmbeddedServer(dir), 'the running server').connectionString });
    await again.connect();
    const rows = await again.query(`SELECT email FROM users WHERE email IN ('survivor@example.org', 'crash@example.org') ORDER BY email`);
    await again.end();
    expect(rows.rows).toEqual([{ email: 'crash@example.org' }, { email: 'survivor@example.org' }]);
    expect(readFileSync(path.join(pgDir, 'server.log'), 'utf8')).toMatch(/database system was interrupted|not properly shut down/);
  });

  it('lets the command line back up while the app runs on the embedded server', async () => {
    const file = path.join(dir, 'while-running.sql');
    const source = createPool(defined(runningEmbeddedServer(dir), 'the running server').connectionString, 1);
    sourceFingerprint = await fingerprint(source);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['backup', file], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { DATA_DIR: dir, LOG_LEVEL: 'silent' },
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('survivor@example.org');
    backupFile = file;
    expect(await fingerprint(source)).toEqual(sourceFingerprint); // nothing changed meanwhile: the file must hold exactly this
    await source.end();
    expect(alive(postmasterPid())).toBe(true); // the app's server was used, not stopped
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('finishes a request in flight on SIGTERM, then stops the embedded server cleanly', async () => {
    const body = 'email=someone%40example.org&password=' + 'x'.repeat(2000);
    const request = http.request(`${base}/en/login`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
    });
    const logged = (what: (line: Record<string, unknown>) => boolean) => jsonLines(app.stdout()).some(what);
    request.write(body.slice(0, 1000));
    // The request is in flight once the server has logged it (its headers are read; half its body has not come).
    await waitFor(
      () => logged((l) => l.msg === 'incoming request' && (l.req as { url?: string } | undefined)?.url === '/en/login'),
      'the login request to be logged',
    );
    app.child.kill('SIGTERM');
    // The rest of the request arrives once the app has begun shutting down.
    await waitFor(() => logged((l) => l.msg === 'shutting down: finishing requests in flight'), 'the app to begin shutting down');
    const stillRunning = app.child.exitCode === null && app.child.signalCode === null;
    request.end(body.slice(1000));
    const result = await response;
    expect(stillRunning).toBe(true); // the app waited for the rest of the request after SIGTERM
    expect(result.status).toBeLessThan(500);
    expect(result.body.length).toBeGreaterThan(0);
    expect(await app.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false); // PostgreSQL shut down cleanly
    expect(existsSync(lockFile)).toBe(false);
    expect(readFileSync(path.join(pgDir, 'server.log'), 'utf8')).toMatch(/database system is shut down\s*$/);
    expect(app.stdout()).toMatch(/"msg":"stopped"/);
  });
  it('starts when postmaster.pid names a live process that is not PostgreSQL (a reused pid), leaving that process alone', async () => {
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(pidFile, `${bystander.pid}\n${pgDir}\n`);
      server = await startEmbeddedPostgres(dir);
      expect(alive(defined(bystander.pid))).toBe(true);
      await server.stop();
      server = undefined;
    } finally {
      bystander.kill('SIGKILL');
    }
  });

  it('restores the backup into a fresh embedded data directory with the command line, and into PostgreSQL 15 with psql', async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'unionhall-restored-'));
    try {
      const err: string[] = [];
      const code = await runCli(['restore', backupFile], {
        out: () => {},
        err: (l) => err.push(l),
        env: { DATA_DIR: fresh, LOG_LEVEL: 'silent' },
      });
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const restored = await startEmbeddedPostgres(fresh);
      const restoredPool = createPool(restored.connectionString, 1);
      try {
        expect(await fingerprint(restoredPool)).toEqual(sourceFingerprint);
      } finally {
        await restoredPool.end();
        await restored.stop();
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }

    // Moving from the embedded server (PostgreSQL 18) to a production server (15) is a backup and a psql -f.
    const target: EmptyDatabase = await createEmptyDatabase();
    try {
      const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', target.url, '-f', backupFile], {
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(await fingerprint(target.pool)).toEqual(sourceFingerprint);
    } finally {
      await target.drop();
    }
  });
});
