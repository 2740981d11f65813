import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DatabaseSetupError, openDatabase } from '../../src/db/connect.ts';
import { createEmptyDatabase, jsonLines, startServer, TEST_SECRETS, type EmptyDatabase } from './support.ts';
import { oneOrThrow } from '../../src/core/rows.ts';
import { waitFor } from './faults-support.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'unionhall-ops-'));
const made: EmptyDatabase[] = [];
afterAll(async () => {
  for (const database of made) await database.drop();
});

describe('the server process with DATABASE_URL', () => {
  it('migrates and seeds an empty database, prints the demo login once, logs JSON with request ids and no secrets, stops on SIGTERM', async () => {
    const db = await createEmptyDatabase();
    made.push(db);
    const env = { DATABASE_URL: db.url, DATA_DIR: dataDir(), SEED_DEMO: '1', LOG_LEVEL: 'info' };

    const first = startServer(env);
    const base = await first.ready();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok' });
    const page = await fetch(`${base}/en`, {
      headers: { cookie: 'uh_session=cookie-secret-4711; other=cookie-secret-4712', authorization: 'Bearer header-secret-4713' },
    });
    expect(page.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const out = first.stdout();
    const plain = out.split('\n').filter((line) => line.startsWith('Demo data created.'));
    expect(plain).toEqual([`Demo data created. Log in at ${base}/en/login as admin@demo.unionhall.org with password unionhall-demo`]);
    const logs = jsonLines(out);
    expect(logs.length).toBeGreaterThan(3);
    const incoming = logs.find((l) => l.msg === 'incoming request' && (l.req as { url?: string })?.url === '/en');
    expect(incoming?.reqId).toMatch(/^[0-9a-f-]{36}$/);
    const completed = logs.find((l) => l.msg === 'request completed' && l.reqId === incoming?.reqId);
    expect(completed).toMatchObject({ level: 30, res: { statusCode: 200 } });
    expect(out + first.stderr()).not.toMatch(/cookie-secret|header-secret/);
    expect(logs.some((l) => l.msg === 'stopped')).toBe(true);

    const second = startServer(env);
    await second.ready();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.stdout()).not.toContain('Demo data created');
    const users = await db.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM users');
    expect(oneOrThrow(users.rows).count).toBeGreaterThan(5);
  });

  it('on SIGTERM, closes a connection that never finishes after the grace period, and still exits 0', { timeout: 60_000 }, async () => {
    const db = await createEmptyDatabase();
    made.push(db);
    const server = startServer({ DATABASE_URL: db.url, DATA_DIR: dataDir() });
    const base = new URL(await server.ready());
    const socket = net.connect(Number(base.port), base.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers of a request whose body never comes: a stuck client (or a live stream) must not hold the shutdown forever.
    socket.write(
      'POST /en/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=',
    );
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    // The request is in flight once the server has logged it (its headers are read; its body never comes).
    await waitFor('the stuck request to be logged', () =>
      jsonLines(server.stdout()).some((l) => l.msg === 'incoming request' && (l.req as { url?: string } | undefined)?.url === '/en/login'),
    );
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000); // it did wait for the request first
    expect(server.stdout()).toContain('connections still open after the grace period: closing them');
  });

  it('refuses a database whose encoding or character type is not UTF-8, and says how to fix it', async () => {
    const ascii = await createEmptyDatabase({ encoding: 'SQL_ASCII', ctype: 'C' });
    const cType = await createEmptyDatabase({ encoding: 'UTF8', ctype: 'C' });
    made.push(ascii, cType);

    const error = await openDatabase(loadConfig({ DATABASE_URL: ascii.url, DATA_DIR: dataDir(), ...TEST_SECRETS })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseSetupError);
    expect((error as Error).message).toContain('encoding SQL_ASCII with LC_CTYPE C');
    expect((error as Error).message).toContain(
      `CREATE DATABASE unionhall ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;`,
    );

    const second = await openDatabase(loadConfig({ DATABASE_URL: cType.url, DATA_DIR: dataDir(), ...TEST_SECRETS })).catch(
      (e: unknown) => e,
    );
    expect((second as Error).message).toContain('encoding UTF8 with LC_CTYPE C.');

    const server = startServer({ DATABASE_URL: ascii.url, DATA_DIR: dataDir() });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('Unionhall needs UTF-8 text and a UTF-8 character type');
    expect(server.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const tables = await ascii.pool.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.rowCount).toBe(0); // nothing was migrated into it
  });

  it('explains a server it cannot reach and a database that does not exist', async () => {
    const unreachable = await openDatabase(
      loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unionhall', DATA_DIR: dataDir(), ...TEST_SECRETS }),
    ).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(DatabaseSetupError);
    expect((unreachable as Error).message).toMatch(
      /Cannot reach the PostgreSQL server at postgres@127\.0\.0\.1:1\/unionhall \(ECONNREFUSED\)/,
    );

    const db = await createEmptyDatabase();
    made.push(db);
    const missing = new URL(db.url);
    missing.pathname = '/uh_no_such_database';
    const absent = await openDatabase(loadConfig({ DATABASE_URL: missing.toString(), DATA_DIR: dataDir(), ...TEST_SECRETS })).catch(
      (e: unknown) => e,
    );
    expect((absent as Error).message).toMatch(/does not exist\. Create it with:/);
  });

  it('refuses bad configuration with the variable named, before touching any database', async () => {
    const server = startServer({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', DATA_DIR: dataDir() });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('PORT: must be a whole number from 0 to 65535');
    expect(server.stderr()).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
  });
});
