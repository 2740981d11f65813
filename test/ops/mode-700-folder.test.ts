import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relocatedClusterDir } from '../../src/db/embedded.ts';
import { ROOT, startServer, type ServerProcess } from './support.ts';
import { defined } from '../support/defined.ts';

// A clone in a folder the postgres system user cannot enter: /root is mode 700, and so is anything `mktemp -d` makes.
const home = mkdtempSync(path.join(tmpdir(), 'unionhall-home-'));
const clone = path.join(home, 'unionhall');
const asRoot = userInfo().uid === 0;
const children: ServerProcess['child'][] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dataDir of [path.join(clone, 'data'), path.join(clone, '.cache/test-postgres')]) {
    rmSync(path.dirname(relocatedClusterDir(dataDir)), { recursive: true, force: true });
  }
  rmSync(home, { recursive: true, force: true });
});

/** What `git clone` gives, from this working tree (so the code under test is the code being changed). */
function copyRepository(): void {
  mkdirSync(clone);
  for (const entry of ['src', 'public', 'test/support', 'package.json', 'tsconfig.json', 'vitest.config.ts']) {
    cpSync(path.join(ROOT, entry), path.join(clone, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')); // what `npm ci` would make
}

/** A test run inside the clone that reports where the test harness's embedded cluster lives. */
const PROBE = `import pg from 'pg';
import { expect, inject, it } from 'vitest';
it('reaches the migrated template on the embedded test cluster', async () => {
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = '/' + inject('templateDatabase');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rows } = await client.query("SELECT current_setting('data_directory') AS dir, (SELECT count(*)::int FROM schema_migrations) AS migrations");
  await client.end();
  expect(rows[0].migrations).toBeGreaterThan(10);
  console.log('PROBE ' + JSON.stringify(rows[0]));
});
`;

function runVitest(cwd: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    // A clean environment: no TEST_DATABASE_URL, so the harness starts its own embedded cluster, as `npm test` does.
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', file, '--project', 'unit'], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('from a folder the postgres user cannot enter', { timeout: 60_000 }, () => {
  it('npm start and the test harness both run on the embedded database, with no change of permissions', async () => {
    copyRepository();
    expect(statSync(home).mode & 0o777).toBe(0o700);
    mkdirSync(path.join(clone, 'test/ops'));

    // Both at once, to keep the test short: the app with its default DATA_DIR (./data), and a vitest run.
    const app = startServer({}, { cwd: clone });
    children.push(app.child);
    writeFileSync(path.join(clone, 'test/ops/probe.test.ts'), PROBE);
    const harness = runVitest(clone, 'test/ops/probe.test.ts');

    const base = await app.ready();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const dataDir = path.join(clone, 'data');
    const notice = `[postgres] The embedded database is kept in ${relocatedClusterDir(dataDir)}, because the system user "postgres" that runs it cannot enter ${home}; secrets and the lock file stay in ${dataDir}.`;
    if (asRoot) {
      expect(app.stderr().split('\n')).toContain(notice);
      expect(existsSync(path.join(relocatedClusterDir(dataDir), 'PG_VERSION'))).toBe(true);
    } else {
      expect(app.stderr()).not.toContain('is kept in'); // PostgreSQL runs as this user, who can enter the folder
    }
    expect(existsSync(path.join(dataDir, 'unionhall.pid'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'session-secret'))).toBe(true);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);

    const run = await harness;
    expect(run.code, run.out).toBe(0);
    const probe = JSON.parse(defined(/PROBE (\{.*\})/.exec(run.out)?.[1], 'the PROBE line')) as { dir: string };
    const testCluster = path.join(clone, '.cache/test-postgres');
    expect(probe.dir).toBe(asRoot ? relocatedClusterDir(testCluster) : path.join(testCluster, 'postgres'));
    expect(statSync(home).mode & 0o777).toBe(0o700); // nobody changed the folder's permissions
  });
});
