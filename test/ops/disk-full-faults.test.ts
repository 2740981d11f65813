import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../src/db/database.ts';
import { runningEmbeddedServer } from '../../src/db/embedded.ts';
import { isAlive, lostWrites, postReply, seedForumWriters, startWriteLoad, waitFor, type ForumWriters } from './faults-support.ts';
import { startServer, type ServerProcess } from './support.ts';
import { defined } from '../support/defined.ts';

// The disk under the app's embedded PostgreSQL fills up while members post (a tmpfs of this test's own, as root):
// the app must answer 503 with Retry-After (never 500, never die), lose nothing it acknowledged, and serve writes
// again once space is freed, without a restart.

/** Writes zeros into `file` until the file system is full. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 8192]) {
      try {
        for (;;) writeSync(fd, Buffer.alloc(size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe('the disk under the embedded database filling up while members post', () => {
  const holder = mkdtempSync(path.join(tmpdir(), 'unionhall-diskfull-'));
  chmodSync(holder, 0o755);
  const dir = path.join(holder, 'data');
  mkdirSync(dir);
  const filler = path.join(dir, 'filler');
  let mounted = false;
  let app: ServerProcess;
  let base: string;
  let pool: Pool;
  let writers: ForumWriters;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=320m,mode=755', 'tmpfs', dir]);
    mounted = true;
    app = startServer({ DATA_DIR: dir, LOG_LEVEL: 'info', DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '5000' });
    base = await app.ready();
    pool = createPool(defined(runningEmbeddedServer(dir), 'the running server').connectionString, 2);
    writers = await seedForumWriters(pool, 60);
  }, 90_000);
  afterAll(async () => {
    await pool?.end().catch(() => {});
    if (app && app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (mounted) execFileSync('umount', ['-l', dir]);
    rmSync(holder, { recursive: true, force: true });
  });

  const send = (token: string, body: string) => postReply(base, writers.topicId, token, body);

  it(
    'answers 503 while the disk is full, loses no acknowledged write, and writes again once space is freed',
    { timeout: 60_000 },
    async () => {
      const load = startWriteLoad(send, writers.tokens, 4);
      await load.acknowledgedMore(10);
      fillUp(filler);
      const filledAt = Date.now();
      await waitFor('writes to be refused', () => (load.result.statuses['503'] ?? 0) >= 5, 30_000);
      const refusedAfter = Date.now() - filledAt;
      const duringFull = await fetch(`${base}/api/v1/forum/topics/${writers.topicId}/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writers.tokens[0]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'Sent while the disk was full' }),
      });
      rmSync(filler);
      const freedAt = Date.now();
      await load.acknowledgedMore(10, 30_000);
      const recoveredAfter = Date.now() - freedAt;
      const result = await load.stop();
      const lost = await lostWrites(pool, writers.topicId, result.acknowledged);
      console.info(
        `[faults] disk full: acknowledged ${result.acknowledged.length}, lost ${lost.length}; statuses ${JSON.stringify(result.statuses)}; ` +
          `first 503s ${refusedAfter} ms after the disk filled; writes acknowledged again ${recoveredAfter} ms after space was freed`,
      );
      expect([201, 503]).toContain(duringFull.status);
      if (duringFull.status === 503) expect(duringFull.headers.get('retry-after')).toBe('5');
      expect(lost).toEqual([]);
      expect(result.statuses['500']).toBeUndefined();
      expect(Object.keys(result.statuses).every((status) => status === '201' || status === '503')).toBe(true);
      expect(app.child.exitCode).toBeNull();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    },
  );
});
