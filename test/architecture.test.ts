import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The module shape of docs/ARCHITECTURE.md, checked: the names a module may have at its top level, imports of
 * other modules only through their index.ts, no import cycle between modules, SQL only in queries, and no route
 * handler over 40 lines.
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

/** Most lines a route handler may span (docs/ARCHITECTURE.md, "Handlers"): past it, work belongs in a loader, command or presenter. */
const HANDLER_MAX_LINES = 40;
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'route']);

/** Each route handler in one file, with its route and how many lines it spans. */
function handlersOf(file: string): Array<{ route: string; line: number; lines: number }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declared = new Map<string, ts.Node>();
  const found: Array<{ route: string; line: number; lines: number }> = [];
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const isFunction = (node: ts.Node) => ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node);
  const record = (route: string, handler: ts.Node | undefined) => {
    // A handler named by identifier is measured where it is declared in the file.
    const target = handler && ts.isIdentifier(handler) ? declared.get(handler.text) : handler;
    if (!target || !isFunction(target)) return;
    const line = lineOf(target.getStart(source));
    found.push({ route, line, lines: lineOf(target.getEnd()) - line + 1 });
  };
  const collect = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) && node.name) declared.set(node.name.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) declared.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ROUTE_METHODS.has(node.expression.name.text)) {
      const [first] = node.arguments;
      if (node.expression.name.text === 'route') {
        // app.route({ method, url, handler })
        if (first && ts.isObjectLiteralExpression(first)) {
          const url = first.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'url');
          const route = url && ts.isPropertyAssignment(url) ? url.initializer.getText(source) : '(route)';
          for (const property of first.properties) {
            if (!property.name || !ts.isIdentifier(property.name) || property.name.text !== 'handler') continue;
            if (ts.isPropertyAssignment(property)) record(route, property.initializer);
            else if (ts.isMethodDeclaration(property)) {
              const line = lineOf(property.getStart(source));
              found.push({ route, line, lines: lineOf(property.getEnd()) - line + 1 });
            } else if (ts.isShorthandPropertyAssignment(property)) record(route, property.name);
          }
        }
      } else if (first && ts.isStringLiteralLike(first) && node.arguments.length >= 2) {
        // app.get(url, handler) and app.get(url, options, handler)
        record(`${node.expression.name.text.toUpperCase()} ${first.text}`, node.arguments.at(-1));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Handlers over the limit in the route files under one modules folder, as "file:line ROUTE: n lines". */
function longHandlers(MODULES: string, max = HANDLER_MAX_LINES): string[] {
  const routeFiles = filesUnder(MODULES).filter((file) => path.relative(MODULES, file).split(path.sep)[1] === 'routes' && !isTest(file));
  return routeFiles.flatMap((file) =>
    handlersOf(file)
      .filter((handler) => handler.lines > max)
      .map((handler) => `${path.relative(MODULES, file)}:${handler.line} ${handler.route}: ${handler.lines} lines (at most ${max})`),
  );
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

  it('has no route handler over 40 lines', () => {
    expect(longHandlers(path.resolve(import.meta.dirname, '../src/modules'))).toEqual([]);
  });

  it('measures route handlers, and reports one of 41 lines in a fixture tree', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uh-handlers-'));
    const body = (lines: number) => Array.from({ length: lines - 2 }, (_, i) => `    const v${i} = ${i};`).join('\n');
    const file = path.join(root, 'alpha/routes/pages.ts');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      [
        'export async function routes(app: any) {',
        `  app.get('/fits', async (request, reply) => {\n${body(40)}\n  });`,
        `  app.post('/long', { config: {} }, async (request, reply) => {\n${body(41)}\n  });`,
        `  app.route({ method: 'GET', url: '/named', handler: named });`,
        `  function named() {\n${body(42)}\n  }`,
        '}',
        '',
      ].join('\n'),
    );
    try {
      expect(handlersOf(file).map((h) => [h.route, h.lines])).toEqual([
        ['GET /fits', 40],
        ['POST /long', 41],
        ["'/named'", 42],
      ]);
      expect(longHandlers(root)).toEqual([
        'alpha/routes/pages.ts:42 POST /long: 41 lines (at most 40)',
        "alpha/routes/pages.ts:84 '/named': 42 lines (at most 40)",
      ]);
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
