import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The module shape of docs/ARCHITECTURE.md, checked: the names a module may have at its top level, imports of
 * other modules only through their index.ts, no import cycle between modules, and SQL only in queries.
 */

const TOP_LEVEL_FILES = new Set([
  'index.ts',
  'loaders.ts',
  'policy.ts',
  'schemas.ts',
  'queries.ts',
  'presenters.ts',
  'seed.ts',
  'factories.ts',
  'jobs.ts',
]);
const TOP_LEVEL_DIRS = new Set(['routes', 'commands', 'queries', 'views', 'domain', 'migrations']);
const ROUTE_ENTRIES = new Set(['pages.ts', 'api.ts', 'pages', 'api']);
const isTest = (name: string) => /\.test\.tsx?$/.test(name);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

// Upper-case SQL in code: the project writes its SQL keywords in capitals, and nothing else looks like this.
const SQL = /\b(SELECT\s[\s\S]*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+[a-z_]+\s+(AS\s+\w+\s+)?SET\s|DELETE\s+FROM\s)/;
const mayHoldSql = (relative: string) =>
  /(^|\/)queries(\.ts$|\/)/.test(relative) ||
  relative.includes('/migrations/') ||
  /(^|\/)factories\.ts$/.test(relative) ||
  isTest(relative);

// docs/ARCHITECTURE.md, "Rows": a queries file or a factory reads rows only through one()/many() with a row schema.
const readsRows = (relative: string) =>
  !isTest(relative) && (/(^|\/)queries(\.ts$|\/)/.test(relative) || /(^|\/)factories\.ts$/.test(relative));
const UNPARSED_ROWS: Array<[RegExp, string]> = [
  [/\b(?:one|many)\(\s*[\w.]+\s*,\s*[`'"]/, 'calls one()/many() without a row schema'],
  [/\b(?:one|many)</, 'types one()/many() with a type argument instead of a row schema'],
  [/\.query</, 'types .query<…>() rows by hand (read rows with one()/many() and a row schema)'],
  [/\.rows\b/, 'reads .rows of a query (read rows with one()/many() and a row schema)'],
];
/** How a file reads rows without parsing them, one line per way. */
const unparsedRows = (code: string) => UNPARSED_ROWS.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);

/** The checks, for the modules under one folder (the real src/modules, or a fixture tree in the self-test). */
function shapeChecker(MODULES: string) {
  const moduleNames = () => readdirSync(MODULES).filter((name) => statSync(path.join(MODULES, name)).isDirectory());

  /** The module a path in src/modules belongs to. */
  const moduleOf = (file: string) => path.relative(MODULES, file).split(path.sep)[0] ?? '';

  /** Whether a path lies inside a module's folder (src/modules/module.ts and registry.ts belong to no module). */
  const inAModule = (file: string) => file.startsWith(MODULES + path.sep) && path.relative(MODULES, file).includes(path.sep);

  /** Relative imports of a file, resolved to absolute paths. */
  function importsOf(file: string): string[] {
    const source = readFileSync(file, 'utf8');
    const found = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
    return found.map((m) => path.resolve(path.dirname(file), m[1] ?? m[2] ?? ''));
  }

  /** Every rule a module breaks, as lines a reader can act on. */
  function violations(module: string): string[] {
    const root = path.join(MODULES, module);
    const found: string[] = [];
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() ? !TOP_LEVEL_DIRS.has(entry.name) : !TOP_LEVEL_FILES.has(entry.name) && !isTest(entry.name)) {
        found.push(`${module}/${entry.name}: not a part of the module shape`);
      }
    }
    const routes = path.join(root, 'routes');
    try {
      for (const name of readdirSync(routes))
        if (!ROUTE_ENTRIES.has(name) && !isTest(name)) found.push(`${module}/routes/${name}: routes are pages.ts|pages/ and api.ts|api/`);
    } catch {
      // a module without routes
    }
    for (const file of filesUnder(root)) {
      const relative = path.relative(MODULES, file);
      for (const target of importsOf(file)) {
        if (!inAModule(target)) continue;
        const other = moduleOf(target);
        const door = path.relative(path.join(MODULES, other), target);
        // A module's test factories are for every module's tests (docs/ARCHITECTURE.md, factories.ts).
        if (other !== module && door !== 'index.ts' && !(isTest(file) && door === 'factories.ts')) {
          found.push(`${relative}: imports ${path.relative(MODULES, target)} (only ${other}/index.ts may be imported)`);
        }
      }
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (!mayHoldSql(relative) && SQL.test(code)) found.push(`${relative}: SQL outside queries.ts/queries/`);
      if (readsRows(relative)) for (const what of unparsedRows(code)) found.push(`${relative}: ${what}`);
    }
    return found;
  }

  /** The modules each module imports (through any file). */
  function moduleGraph(): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    for (const module of moduleNames()) {
      const uses = new Set<string>();
      for (const file of filesUnder(path.join(MODULES, module))) {
        if (isTest(file)) continue;
        for (const target of importsOf(file)) if (inAModule(target) && moduleOf(target) !== module) uses.add(moduleOf(target));
      }
      graph.set(module, uses);
    }
    return graph;
  }

  return { moduleNames, inAModule, violations, moduleGraph };
}

/** Import cycles between modules, each as "a → b → a" (started from its smallest module name). */
function cyclesOf(graph: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const visit = (module: string, trail: string[]) => {
    for (const next of graph.get(module) ?? []) {
      if (next === trail[0]) cycles.push([...trail, next].join(' → '));
      else if (!trail.includes(next) && trail[0] !== undefined && next > trail[0]) visit(next, [...trail, next]);
    }
  };
  for (const module of graph.keys()) visit(module, [module]);
  return cycles;
}

const real = shapeChecker(path.resolve(import.meta.dirname, '../src/modules'));

describe('the module shape (docs/ARCHITECTURE.md)', () => {
  it.each(real.moduleNames())(
    '%s has only the shape’s parts, imports others through index.ts, keeps SQL in queries and parses its rows',
    (module) => {
      expect(real.violations(module)).toEqual([]);
    },
  );

  it('has no import cycle between modules', () => {
    expect(cyclesOf(real.moduleGraph())).toEqual([]);
  });

  it('reports each kind of break in a module tree made to break them', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uh-shape-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('module.ts', 'export interface UnionhallModule { name: string }\n');
    write(
      'alpha/index.ts',
      "import type { UnionhallModule } from '../module.ts';\nimport { beta } from '../beta/index.ts';\nexport const alpha: UnionhallModule = { name: beta };\n",
    );
    write('alpha/helpers.ts', 'export const x = 1;\n');
    write(
      'alpha/routes/pages.ts',
      "import { q } from '../../beta/queries.ts';\nexport const sql = `SELECT id FROM users WHERE id = $1`;\n",
    );
    write('alpha/routes/load.ts', 'export const y = 2;\n');
    write('alpha/queries.ts', "export const ok = 'SELECT 1 FROM regions';\n");
    write('alpha/alpha.test.ts', "import { createThing } from '../beta/factories.ts';\n");
    write('beta/index.ts', "import { alpha } from '../alpha/index.ts';\nexport const beta = String(alpha);\n");
    write('beta/queries.ts', 'export const q = 1;\n');
    write(
      'gamma/queries.ts',
      'const IdRow = z.object({ id: z.number() });\nexport const a = () => many(db, IdRow, `SELECT id FROM users`);\n' +
        'export const b = () => one(db, `SELECT id FROM users`);\nexport const c = () => many<{ id: number }>(db, `SELECT id FROM users`);\n' +
        'export const d = async () => (await db.query<{ id: number }>(`SELECT id FROM users`)).rows;\n',
    );
    write('beta/factories.ts', 'export const createThing = 1;\n');
    const fixture = shapeChecker(root);
    try {
      expect(fixture.violations('alpha').sort()).toEqual(
        [
          'alpha/helpers.ts: not a part of the module shape',
          'alpha/routes/load.ts: routes are pages.ts|pages/ and api.ts|api/',
          'alpha/routes/pages.ts: SQL outside queries.ts/queries/',
          'alpha/routes/pages.ts: imports beta/queries.ts (only beta/index.ts may be imported)',
        ].sort(),
      );
      expect(fixture.violations('beta')).toEqual([]);
      expect(fixture.violations('gamma').sort()).toEqual(
        [
          'gamma/queries.ts: calls one()/many() without a row schema',
          'gamma/queries.ts: types one()/many() with a type argument instead of a row schema',
          'gamma/queries.ts: types .query<…>() rows by hand (read rows with one()/many() and a row schema)',
          'gamma/queries.ts: reads .rows of a query (read rows with one()/many() and a row schema)',
        ].sort(),
      );
      expect(cyclesOf(fixture.moduleGraph())).toEqual(['alpha → beta → alpha']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('tells SQL from prose, and the manifest type from a module file', () => {
    expect(SQL.test("await db.query('UPDATE forum_posts SET body = $1')")).toBe(true);
    expect(SQL.test('// select the first one from the list')).toBe(false);
    expect(mayHoldSql('forum/queries/search.ts')).toBe(true);
    expect(mayHoldSql('forum/routes/pages.ts')).toBe(false);
    expect(real.inAModule(path.resolve(import.meta.dirname, '../src/modules/module.ts'))).toBe(false);
    expect(real.inAModule(path.resolve(import.meta.dirname, '../src/modules/forum/index.ts'))).toBe(true);
  });
});
