import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrationDirs, migrationFiles } from './migrate.ts';

function folderWith(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uh-migrations-'));
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(path.join(dir, file), 'SELECT 1;');
  return dir;
}

describe('migrationFiles', () => {
  it('collects every folder’s migrations in name order, whichever folder they are in', () => {
    const platform = folderWith(['20261101T1000-create-users.sql', '20261120T0900-add-sessions.sql', 'notes.txt']);
    const module = folderWith(['20261110T1200-create-meetings.sql']);
    expect(migrationFiles([platform, module]).map((m) => m.name)).toEqual([
      '20261101T1000-create-users',
      '20261110T1200-create-meetings',
      '20261120T0900-add-sessions',
    ]);
    expect(migrationFiles([platform, module])[1]?.file).toBe(path.join(module, '20261110T1200-create-meetings.sql'));
  });

  it('refuses two migrations with one name, naming both files', () => {
    const a = folderWith(['20261101T1000-create-users.sql']);
    const b = folderWith(['20261101T1000-create-users.sql']);
    expect(() => migrationFiles([a, b])).toThrow(/Two migrations are named 20261101T1000-create-users/);
  });

  it('reads the platform folder and every module’s migrations folder', () => {
    const dirs = migrationDirs();
    expect(dirs[0]).toBe(MIGRATIONS_DIR);
    for (const dir of dirs.slice(1)) expect(dir).toMatch(/src\/modules\/[a-z-]+\/migrations$/);
    expect(migrationFiles().length).toBeGreaterThan(15);
  });
});
