import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { relocatedClusterDir } from '../src/db/embedded.ts';
import { moduleNames, nameProblem } from '../scripts/new-module/names.ts';

/**
 * `npm run new-module`: a module generated into a copy of this working tree type-checks, passes the architecture
 * test, and its own tests pass there; bad and existing names are refused.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = 'service-desks';
const home = mkdtempSync(path.join(tmpdir(), 'unionhall-new-module-'));
const copy = path.join(home, 'unionhall');
const children: Array<ReturnType<typeof spawn>> = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Only used when TEST_DATABASE_URL is unset and the copy's harness started its own embedded cluster.
  rmSync(path.dirname(relocatedClusterDir(path.join(copy, '.cache/test-postgres'))), { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/** What `git clone` gives: the tracked files as they are in this working tree, and node_modules as `npm ci` would. */
function copyRepository(): void {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet committed
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    copyFileSync(from, path.join(copy, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
}

/** Runs a Node script in a folder with a clean environment (TEST_DATABASE_URL passed through); its exit code and output. */
function run(cwd: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? home, LANG: 'C.UTF-8', NO_COLOR: '1' };
    if (process.env.TEST_DATABASE_URL) env.TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const generator = ['--import', 'tsx', 'scripts/new-module.ts'];

describe('npm run new-module', () => {
  it('generates a module that type-checks, keeps the shape, and passes its own tests', { timeout: 90_000 }, async () => {
    copyRepository();
    const generated = await run(copy, [...generator, SAMPLE]);
    expect(generated.out).toContain(`created src/modules/${SAMPLE}/index.ts`);
    expect(generated.code).toBe(0);
    expect(readFileSync(path.join(copy, 'src/modules/registry.ts'), 'utf8')).toContain('serviceDesksModule,');
    for (const file of ['src/locales/fa/service-desks.json', 'src/locales/vi/service-desks.json', 'docs/modules/service-desks.md']) {
      expect(existsSync(path.join(copy, file)), file).toBe(true);
    }
    // The type check and the tests run side by side: the tests wait on the database, the type check on the CPU.
    const [typecheck, tests] = await Promise.all([
      run(copy, ['node_modules/typescript/bin/tsc', '--noEmit']),
      run(copy, ['node_modules/vitest/vitest.mjs', 'run', 'test/architecture.test.ts', `src/modules/${SAMPLE}`, '--project', 'unit']),
    ]);
    expect(typecheck.out).toBe('');
    expect(typecheck.code).toBe(0);
    expect(tests.out).toMatch(/Test Files\s+2 passed/);
    expect(tests.code).toBe(0);
    // The same name twice is refused, and nothing is overwritten.
    const again = await run(copy, [...generator, SAMPLE]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('already exists');
  });

  it('refuses names that are not kebab-case plurals, or that a module already has, with exit 1 and a reason', async () => {
    for (const [name, reason] of [
      ['ServiceDesks', 'not kebab-case'],
      ['service_desks', 'not kebab-case'],
      ['service-desk', 'not a plural'],
      ['meetings', 'already exists'],
    ] as const) {
      const refused = await run(ROOT, [...generator, name]);
      expect(refused.code, name).toBe(1);
      expect(refused.out, name).toContain(reason);
    }
    expect((await run(ROOT, generator)).code).toBe(1);
    const help = await run(ROOT, [...generator, '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run new-module <name>');
  });

  it('derives the singular, camel, Pascal and snake forms of a name', () => {
    expect(moduleNames('service-desks')).toMatchObject({
      kebabOne: 'service-desk',
      camel: 'serviceDesks',
      pascalOne: 'ServiceDesk',
      snake: 'service_desks',
    });
    expect(moduleNames('care-activities').kebabOne).toBe('care-activity');
    expect(moduleNames('mailboxes').kebabOne).toBe('mailbox');
    expect(nameProblem('news-items')).toBeNull();
    expect(nameProblem('business')).toContain('not a plural');
    expect(nameProblem('news')).toContain('news-items');
    expect(nameProblem('1-things')).toContain('not kebab-case');
  });
});
