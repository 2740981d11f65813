import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createLiveEvents, type LiveEvents } from '../../src/core/live.ts';
import { createPool, type Pool } from '../../src/db/database.ts';
import { keptUntilForumChanges } from '../../src/modules/forum/domain/kept.ts';
import { forumChanges } from '../../src/modules/forum/domain/forum-changes.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/app.ts';
import {
  lostWrites,
  seedForumWriters,
  startProxy,
  startWriteLoad,
  throughProxy,
  waitFor,
  type ForumWriters,
  type TcpProxy,
} from './faults-support.ts';
import { startServer } from './support.ts';

// Faults of the database under a running app, in this process: its connections cut mid-transaction, the
// server frozen (a TCP proxy that stops forwarding), the LISTEN connection lost for seconds; and a start
// against a server that accepts connections but never answers. Only this file's own database is touched.

/** Short limits, so that a frozen database shows within a few seconds. */
const LIMITS = { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1500', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000' };
/** The longest a request may wait for a frozen database: a statement's limit plus the client's grace, plus a connect. */
const WORST_WAIT_MS = 1500 + 2000 + 1000;

let database: TestDatabase;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

/** A proxy of this test's own in front of the test server (so only this test's connections go through it). */
async function proxyForTest(): Promise<TcpProxy> {
  const proxy = await startProxy(Number(new URL(database.url).port || 5432));
  closers.push(() => proxy.close());
  return proxy;
}
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
  await database?.drop();
});

/** The whole app on this file's database, reached at url (directly, or through the proxy), with LIMITS. */
async function appOn(url: string): Promise<{ app: FastifyInstance; pool: Pool }> {
  const config = testConfig(LIMITS);
  const pool = createPool(url, 5, config.databaseTimeouts);
  const app = await buildApp({ config, db: pool, connectionString: url, logger: false });
  await app.ready();
  closers.push(async () => {
    await app.close();
    await pool.end();
  });
  return { app, pool };
}

function replyVia(app: FastifyInstance, writers: ForumWriters) {
  return async (token: string, body: string) =>
    (
      await app.inject({
        method: 'POST',
        url: `/api/v1/forum/topics/${writers.topicId}/posts`,
        headers: { authorization: `Bearer ${token}` },
        payload: { body },
      })
    ).statusCode;
}

describe('a client cut mid-transaction', () => {
  it(
    'pg_terminate_backend of every app connection while requests write: the process keeps serving, no acknowledged write is lost',
    { timeout: 30_000 },
    async () => {
      const { app } = await appOn(database.url);
      const writers = await seedForumWriters(database.pool, 40);
      const killer = new pg.Client({ connectionString: database.url });
      await killer.connect();
      closers.push(() => killer.end());
      const load = startWriteLoad(replyVia(app, writers), writers.tokens, 6);
      let terminated = 0;
      const recoveries: number[] = [];
      for (let round = 0; round < 5; round++) {
        await load.acknowledgedMore(5);
        // This database's backends only (the app's pool, its LISTEN connection), never the test's own.
        const { rowCount } = await killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        terminated += rowCount ?? 0;
        const cutAt = Date.now();
        await load.acknowledgedMore(1);
        recoveries.push(Date.now() - cutAt);
      }
      await load.acknowledgedMore(15); // later requests succeed
      const result = await load.stop();
      const lost = await lostWrites(database.pool, writers.topicId, result.acknowledged);
      console.info(
        `[faults] cut mid-transaction: ${terminated} backends terminated in 5 rounds; acknowledged ${result.acknowledged.length}, lost ${lost.length}; ` +
          `statuses ${JSON.stringify(result.statuses)}; next acknowledged write ${Math.max(...recoveries)} ms after a cut at most`,
      );
      expect(lost).toEqual([]);
      expect(result.statuses['500']).toBeUndefined();
      expect(Object.keys(result.statuses).every((status) => status === '201' || status === '503')).toBe(true);
      expect(terminated).toBeGreaterThan(5);
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    },
  );
});

describe('the database frozen', () => {
  it(
    'answers 503 with Retry-After within the timeouts (a localized page, JSON under /api/), /readyz 503 quickly, and 200 again once it thaws',
    { timeout: 30_000 },
    async () => {
      const proxy = await proxyForTest();
      const url = throughProxy(database.url, proxy);
      const { app } = await appOn(url);
      const writers = await seedForumWriters(database.pool, 2);
      const auth = { authorization: `Bearer ${writers.tokens[0]}` };
      const topicUrl = `/api/v1/forum/topics/${writers.topicId}`;
      expect((await app.inject({ url: topicUrl, headers: auth })).statusCode).toBe(200);

      proxy.freeze();
      try {
        const timed = async (request: InjectOptions) => {
          const started = Date.now();
          const response = await app.inject(request);
          return { response, ms: Date.now() - started };
        };
        const [ready, ...answers] = await Promise.all([
          timed({ url: '/readyz' }),
          timed({ url: topicUrl, headers: auth }),
          timed({ url: topicUrl, headers: auth }),
          timed({ method: 'POST', url: `${topicUrl}/posts`, headers: auth, payload: { body: 'Written while the database is frozen.' } }),
          timed({ url: `/fa/forum/t/${writers.topicId}`, headers: { cookie: 'uh_session=some-session-token' } }),
          timed({ url: `/vi/forum/t/${writers.topicId}`, headers: { cookie: 'uh_session=some-session-token' } }),
        ]);
        console.info(
          `[faults] frozen: /readyz ${ready.response.statusCode} in ${ready.ms} ms; requests ${answers.map((a) => `${a.response.statusCode} in ${a.ms} ms`).join(', ')}`,
        );
        expect(ready.response.statusCode).toBe(503);
        expect(ready.ms).toBeLessThan(2_500);
        for (const { response, ms } of answers) {
          expect(response.statusCode).toBe(503);
          expect(response.headers['retry-after']).toBe('5');
          expect(ms).toBeLessThan(WORST_WAIT_MS + 1_000);
        }
        expect(answers[0].response.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
        expect(answers[3].response.body).toContain('سامانه لحظاتی در دسترس نیست');
        expect(answers[3].response.body).toContain('<html lang="fa" dir="rtl">');
        expect(answers[4].response.body).toContain('Dịch vụ tạm thời không khả dụng');
      } finally {
        proxy.unfreeze();
      }
      const thawed = Date.now();
      const recoveredIn = await waitFor(
        'the app to answer again',
        async () => (await app.inject({ url: topicUrl, headers: auth })).statusCode === 200,
        10_000,
      );
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      const frozenWrite = await database.pool.query(
        `SELECT 1 FROM forum_posts WHERE body_source = 'Written while the database is frozen.'`,
      );
      console.info(
        `[faults] frozen: 200 again ${Date.now() - thawed} ms after the thaw (${recoveredIn} ms polling); the refused write ${frozenWrite.rowCount ? 'was' : 'was not'} stored`,
      );
    },
  );
});

describe('the LISTEN connection lost for seconds', () => {
  it(
    'reconnects with backoff, tells onResync (the forum caches are dropped), and live events flow again',
    { timeout: 30_000 },
    async () => {
      const proxy = await proxyForTest();
      const limits = testConfig(LIMITS).databaseTimeouts;
      const warnings: string[] = [];
      let downMs = 0;
      const log = {
        warn: (_: object, message: string) => warnings.push(message),
        info: (details: object, message: string) => {
          warnings.push(message);
          downMs = (details as { downMs: number }).downMs;
        },
      };
      const here: LiveEvents = await createLiveEvents(throughProxy(database.url, proxy), database.pool, {
        log,
        timeouts: limits,
        backoffMs: 50,
        maxBackoffMs: 400,
      });
      const there: LiveEvents = await createLiveEvents(database.url, database.pool);
      closers.push(
        () => here.close(),
        () => there.close(),
      );
      const kept = keptUntilForumChanges<string>(here, { ttlMs: 60_000, max: 10 });
      expect(await kept.get('wages', async () => 'before the outage')).toBe('before the outage');
      const resynced = new Promise<void>((resolve) => here.onResync(resolve));

      proxy.down();
      await waitFor('the loss to be noticed', () => !here.isListening(), 5_000);
      // A change in another process while this one cannot hear it: only the resync can make up for it.
      await forumChanges(there).announce(false);
      // Ten refused reconnections with the backoff capped at 400 ms: an outage of several seconds.
      await waitFor('ten reconnection attempts', () => proxy.refused() >= 10, 15_000);
      proxy.up();
      await resynced;
      await here.listening();

      expect(await kept.get('wages', async () => 'after the outage')).toBe('after the outage');
      const heard = new Promise<Record<string, unknown>>((resolve) => here.subscribe('faults:test', resolve));
      await there.publish('faults:test', { n: 1 });
      expect(await heard).toEqual({ n: 1 });
      expect(warnings[0]).toMatch(/LISTEN connection to the database was lost/);
      expect(warnings.at(-1)).toMatch(/listening again/);
      console.info(`[faults] LISTEN: listening again ${downMs} ms after the loss, after ${proxy.refused()} refused attempts`);
    },
  );
});

describe('the app’s LISTEN connection lost for seconds', () => {
  it(
    'ends the open live streams on resync (browsers reconnect and catch up), and serves the forum again',
    { timeout: 30_000 },
    async () => {
      const proxy = await proxyForTest();
      const { app } = await appOn(throughProxy(database.url, proxy));
      const writers = await seedForumWriters(database.pool, 1);
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const stream = await new Promise<http.IncomingMessage>((resolve) =>
        http.get(`${base}/en/forum/t/${writers.topicId}/events`, resolve),
      );
      expect(stream.statusCode).toBe(200);
      const ended = new Promise<void>((resolve) => stream.on('end', resolve).resume());
      const resynced = new Promise<void>((resolve) => app.uh.live.onResync(resolve));

      proxy.down();
      await waitFor('the loss to be noticed', () => !app.uh.live.isListening(), 5_000);
      await waitFor('three reconnection attempts', () => proxy.refused() >= 3, 15_000);
      proxy.up();
      await resynced;
      await ended;
      await app.uh.live.listening();
      expect((await fetch(`${base}/en/forum/t/${writers.topicId}`)).status).toBe(200);
    },
  );
});

describe('a start against a server that accepts connections but never answers', () => {
  it('exits within the connect timeout with one sentence naming DATABASE_URL', { timeout: 30_000 }, async () => {
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => accepted.push(socket.on('error', () => {})));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      for (const socket of accepted) socket.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const server = startServer({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/unionhall`,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'unionhall-silent-')),
      DB_CONNECT_TIMEOUT_MS: '1500',
    });
    expect(await server.exited).toBe(1);
    const elapsed = Date.now() - started;
    console.info(`[faults] silent server: exited after ${elapsed} ms`);
    expect(elapsed).toBeLessThan(1500 + 8_000); // the timeout plus starting node and loading the app
    expect(server.stderr().trim()).toBe(
      `The server at postgres@127.0.0.1:${port}/unionhall accepted the connection but did not answer as PostgreSQL within 1500 ms (DB_CONNECT_TIMEOUT_MS): ` +
        'check that DATABASE_URL points at a PostgreSQL server that is running and not overloaded.',
    );
  });
});
