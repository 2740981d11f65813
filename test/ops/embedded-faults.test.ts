import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../src/db/database.ts';
import { runningEmbeddedServer } from '../../src/db/embedded.ts';
import { isAlive, lostWrites, postReply, seedForumWriters, startWriteLoad, waitFor, type ForumWriters } from './faults-support.ts';
import { jsonLines, startServer, type ServerProcess } from './support.ts';
import { defined } from '../support/defined.ts';

// The app's embedded PostgreSQL server killed under write load (SIGKILL of the postmaster), in a private data
// directory of this test: the app must restart it, serve again and lose nothing it acknowledged; then killed
// for good (its configuration broken), when /healthz must fail and SIGTERM must still end the app cleanly.

describe('the embedded PostgreSQL server dying under the app', () => {
  // Mode 755: as root the server runs as the postgres user, who must be able to enter it.
  const dir = mkdtempSync(path.join(tmpdir(), 'unionhall-faults-'));
  chmodSync(dir, 0o755);
  const pgDir = path.join(dir, 'postgres');
  const postmasterPid = () => Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let app: ServerProcess;
  let base: string;
  let pool: Pool;
  let writers: ForumWriters;

  beforeAll(async () => {
    app = startServer({ DATA_DIR: dir, LOG_LEVEL: 'info', RUN_JOBS: '1', DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '5000' });
    base = await app.ready();
    pool = createPool(defined(runningEmbeddedServer(dir), 'the running server').connectionString, 2);
    writers = await seedForumWriters(pool, 60);
  }, 90_000);
  afterAll(async () => {
    await pool?.end().catch(() => {});
    if (app && app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    if (existsSync(path.join(pgDir, 'postmaster.pid')) && isAlive(postmasterPid())) process.kill(postmasterPid(), 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (token: string, body: string) => postReply(base, writers.topicId, token, body);

  it(
    'restarts it after SIGKILL of the postmaster, logs it, serves again, and loses no acknowledged write',
    { timeout: 45_000 },
    async () => {
      const load = startWriteLoad(send, writers.tokens, 4);
      await load.acknowledgedMore(20);
      const killed = postmasterPid();
      process.kill(killed, 'SIGKILL');
      const killedAt = Date.now();
      await waitFor('the restart to be logged', () => app.stdout().includes('The embedded PostgreSQL server is running again'), 30_000);
      await load.acknowledgedMore(20);
      const result = await load.stop();
      const firstAfter = result.acknowledgedSentAt.find((sentAt) => sentAt > killedAt + 100);
      const lost = await lostWrites(pool, writers.topicId, result.acknowledged);
      const logs = jsonLines(app.stdout());
      const restarted = logs.find((l) => String(l.msg).startsWith('The embedded PostgreSQL server is running again'));
      console.info(
        `[faults] embedded SIGKILL: acknowledged ${result.acknowledged.length}, lost ${lost.length}; statuses ${JSON.stringify(result.statuses)}; ` +
          `${String(restarted?.msg)}; first acknowledged write sent ${firstAfter ? firstAfter - killedAt : '?'} ms after the kill`,
      );
      expect(lost).toEqual([]);
      expect(result.statuses['500']).toBeUndefined();
      expect(Object.keys(result.statuses).every((status) => status === '201' || status === '503')).toBe(true);
      expect(
        logs.some((l) => l.msg === `The embedded PostgreSQL server (pid ${killed}) stopped unexpectedly; restarting it.` && l.level === 40),
      ).toBe(true);
      expect(postmasterPid()).not.toBe(killed);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    },
  );

  it('answers /healthz 503 once the server cannot be restarted, and still exits 0 on SIGTERM', { timeout: 45_000 }, async () => {
    // A setting PostgreSQL does not know: every restart now fails at once, as with a broken disk or data directory.
    appendFileSync(path.join(pgDir, 'postgresql.conf'), '\nunionhall_fault_test_broken = on\n');
    process.kill(postmasterPid(), 'SIGKILL');
    const killedAt = Date.now();
    await waitFor('/healthz to fail', async () => (await fetch(`${base}/healthz`)).status === 503, 30_000);
    const failedAfter = Date.now() - killedAt;
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ status: 'failed', database: 'embedded server could not be restarted' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const page = await fetch(`${base}/en/forum/t/${writers.topicId}`, { headers: { cookie: 'uh_session=someone' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(app.stdout()).toContain('The embedded PostgreSQL server could not be restarted after 5 attempts');

    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    console.info(
      `[faults] embedded unrecoverable: /healthz 503 ${failedAfter} ms after the kill; SIGTERM to exit ${Date.now() - signalledAt} ms`,
    );
    expect(jsonLines(app.stdout()).some((l) => l.msg === 'stopped')).toBe(true);
    expect(existsSync(path.join(dir, 'unionhall.pid'))).toBe(false);
  });
});
