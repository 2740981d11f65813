import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relocatedClusterDir, startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { startServer, TEST_SECRETS, TEST_VAPID_KEYS } from './support.ts';

const STACK = /\n\s+at /;
const mounts: string[] = [];
const folders: string[] = [];
afterAll(() => {
  for (const dir of mounts) execFileSync('umount', [dir]);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A data directory on a tmpfs of the given size, in a folder the postgres user can reach (so the cluster stays on it). */
function smallDisk(size: string): string {
  const holder = mkdtempSync(path.join(tmpdir(), 'unionhall-disk-'));
  chmodSync(holder, 0o755);
  folders.push(holder);
  const dir = path.join(holder, 'data');
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=755`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

/** Fills the file system of dir, leaving one page free (the app's lock file takes it; PostgreSQL finds none). */
function fill(dir: string): void {
  writeFileSync(path.join(dir, 'reserve'), Buffer.alloc(4096));
  const fd = openSync(path.join(dir, 'fill'), 'w');
  try {
    for (const size of [1 << 20, 512]) {
      try {
        for (;;) writeSync(fd, Buffer.alloc(size));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
    }
  } finally {
    closeSync(fd);
  }
  rmSync(path.join(dir, 'reserve'));
}

async function failedStart(env: Record<string, string>): Promise<string> {
  const server = startServer(env);
  expect(await server.exited, server.stderr()).toBe(1);
  const err = server.stderr().trim();
  expect(err).not.toMatch(STACK);
  return err;
}

// Mounting a tmpfs needs root, as this project's machine and CI run (PostgreSQL then runs as the postgres user).
describe('an embedded start that fails names the log and what to check', { timeout: 60_000 }, () => {
  it('on a full disk, when the server cannot start: the server log, its FATAL line, and free space', async () => {
    const dir = smallDisk('80m');
    await (await startEmbeddedPostgres(dir)).stop();
    fill(dir);
    // Secrets from the environment: nothing but the lock file is written into DATA_DIR before PostgreSQL starts.
    const err = await failedStart({ DATA_DIR: dir, ...TEST_SECRETS, ...TEST_VAPID_KEYS });
    const log = path.join(dir, 'postgres', 'server.log');
    expect(err).toBe(
      `The embedded PostgreSQL server did not start (FATAL: could not write lock file "postmaster.pid": No space left on device). ` +
        `Its log is ${log}: read its last lines, and check that the disk has free space (df -h ${path.join(dir, 'postgres')}) and that the folder belongs to the user that runs the server.`,
    );
    expect(existsSync(path.join(dir, 'unionhall.pid'))).toBe(false); // the lock is given back
  });

  it('on a full disk while the database is first created: what initdb said, its log, and free space', async () => {
    const dir = smallDisk('8m');
    const err = await failedStart({ DATA_DIR: dir });
    expect(err).toMatch(
      new RegExp(
        `^Creating the embedded database in ${dir}/postgres failed \\(.*No space left on device.*\\)\\. Check that the disk has free space \\(df -h ${dir}\\) and that the folder can be written; initdb('s output is in ${dir}/initdb\\.log| said: .*)\\.$`,
      ),
    );
  });

  it('when PostgreSQL refuses its configuration: the server log wherever the cluster is, and its FATAL line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unionhall-badconf-'));
    folders.push(dir, path.dirname(relocatedClusterDir(dir)));
    await (await startEmbeddedPostgres(dir)).stop();
    // As root in a mode-700 folder the cluster is relocated: the message must name the log where it really is.
    const pgDir = existsSync(path.join(dir, 'postgres', 'PG_VERSION')) ? path.join(dir, 'postgres') : relocatedClusterDir(dir);
    appendFileSync(path.join(pgDir, 'postgresql.conf'), '\nshared_buffers = plenty\n');
    const err = await failedStart({ DATA_DIR: dir });
    expect(err).toContain(
      `The embedded PostgreSQL server did not start (FATAL: configuration file "${pgDir}/postgresql.conf" contains errors). Its log is ${pgDir}/server.log:`,
    );
  });
});
