import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/db/key-fingerprints.ts';
import { createEmptyDatabase, startServer, TEST_SECRETS, type EmptyDatabase, type ServerProcess } from './support.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'unionhall-keys-'));
const OTHER_SESSION_SECRET = 'another-session-secret-that-is-long-enough-0123456789';
const OTHER_ANONYMITY_KEY = 'another-anonymity-key-that-is-long-enough-0123456789';
const STACK = /\n\s+at /;

const made: EmptyDatabase[] = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  for (const database of made) await database.drop();
});

function start(env: Record<string, string>): ServerProcess {
  const server = startServer(env);
  running.push(server);
  return server;
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

// Two processes on one database must share SESSION_SECRET (forms, cookies) and ANONYMITY_KEY (pseudonyms, seals).
describe('several processes on one database', { timeout: 60_000 }, () => {
  it('refuses a second process whose keys differ, saying which and what to copy; the same keys start', async () => {
    const db = await createEmptyDatabase();
    made.push(db);
    const first = start({ DATABASE_URL: db.url, DATA_DIR: dataDir() });
    await first.ready();
    const { rows } = await db.pool.query<{ name: string; fingerprint: string }>(
      'SELECT name, fingerprint FROM key_fingerprints ORDER BY name',
    );
    expect(rows).toEqual([
      { name: 'anonymity_key', fingerprint: keyFingerprint(TEST_SECRETS.ANONYMITY_KEY, 'anonymity_key') },
      { name: 'session_secret', fingerprint: keyFingerprint(TEST_SECRETS.SESSION_SECRET, 'session_secret') },
    ]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(TEST_SECRETS.ANONYMITY_KEY); // a one-way fingerprint, never the key
    expect(stored).not.toContain(TEST_SECRETS.SESSION_SECRET);

    const otherKey = start({ DATABASE_URL: db.url, DATA_DIR: dataDir(), ANONYMITY_KEY: OTHER_ANONYMITY_KEY });
    expect(await otherKey.exited).toBe(1);
    expect(otherKey.stderr().trim()).toBe(
      'ANONYMITY_KEY of this process differs from what the other processes on this database use (its fingerprint is in the table ' +
        'key_fingerprints): give this process the same ANONYMITY_KEY, copied from your secret store or from DATA_DIR/anonymity-key of the process that started first.',
    );

    const both = start({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir(),
      ANONYMITY_KEY: OTHER_ANONYMITY_KEY,
      SESSION_SECRET: OTHER_SESSION_SECRET,
      LOG_LEVEL: 'warn',
    });
    expect(await both.exited).toBe(1);
    expect(both.stderr()).toMatch(
      /^SESSION_SECRET and ANONYMITY_KEY of this process differ from what the other processes .* DATA_DIR\/session-secret and DATA_DIR\/anonymity-key of the process that started first\.\n$/,
    );
    expect(both.stderr()).not.toMatch(STACK);

    const same = start({ DATABASE_URL: db.url, DATA_DIR: dataDir() });
    await same.ready();
    expect((await fetch(`${await first.ready()}/readyz`)).status).toBe(200); // the refused ones disturbed nothing
    await stop(same);
    await stop(first);
  });

  it('lets exactly one of two processes started at once with different keys on a new database run', async () => {
    const db = await createEmptyDatabase();
    made.push(db);
    const a = start({ DATABASE_URL: db.url, DATA_DIR: dataDir() });
    const b = start({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir(),
      ANONYMITY_KEY: OTHER_ANONYMITY_KEY,
      SESSION_SECRET: OTHER_SESSION_SECRET,
    });
    const outcome = (server: ServerProcess) =>
      Promise.race([server.ready().then(() => 'ready' as const), server.exited.then(() => 'refused' as const)]);
    const [ra, rb] = await Promise.all([outcome(a), outcome(b)]);
    expect([ra, rb].sort()).toEqual(['ready', 'refused']);
    const loser = ra === 'refused' ? a : b;
    expect(await loser.exited).toBe(1);
    expect(loser.stderr()).toContain('of this process differ from what the other processes on this database use');
    await stop(ra === 'ready' ? a : b);
  });

  it("with generated secrets (GENERATE_SECRETS=1), a second process refused until it is given the first one's files", async () => {
    const db = await createEmptyDatabase();
    made.push(db);
    const firstDir = dataDir();
    const first = start({ DATABASE_URL: db.url, DATA_DIR: firstDir, GENERATE_SECRETS: '1', SESSION_SECRET: '', ANONYMITY_KEY: '' });
    await first.ready();
    await stop(first);

    const silent = start({ DATABASE_URL: db.url, DATA_DIR: dataDir(), SESSION_SECRET: '', ANONYMITY_KEY: '' });
    expect(await silent.exited).toBe(1);
    expect(silent.stderr()).toContain('SESSION_SECRET and ANONYMITY_KEY are not set, and with DATABASE_URL they are not generated');

    const generatedToo = start({ DATABASE_URL: db.url, DATA_DIR: dataDir(), GENERATE_SECRETS: '1', SESSION_SECRET: '', ANONYMITY_KEY: '' });
    expect(await generatedToo.exited).toBe(1);
    // Its own generated VAPID pair differs too: browsers subscribed to the first process's key would drop its pushes.
    expect(generatedToo.stderr()).toContain('SESSION_SECRET, ANONYMITY_KEY and VAPID_PRIVATE_KEY of this process differ');

    const copied = start({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir(),
      SESSION_SECRET: readFileSync(path.join(firstDir, 'session-secret'), 'utf8').trim(),
      ANONYMITY_KEY: readFileSync(path.join(firstDir, 'anonymity-key'), 'utf8').trim(),
    });
    await copied.ready();
    await stop(copied);
  });
});
