// ESLint (flat config): typescript-eslint's strict, type-checked rules over src, test and bench; the plain browser
// scripts in public/js and the few Node .js/.mjs files get the recommended JavaScript rules with their own globals.
// Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here. See docs/ARCHITECTURE.md, "Lint and format".
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Globals of the browsers public/js runs in (written out: the project has no `globals` package). */
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'navigator',
    'location',
    'history',
    'console',
    'setTimeout',
    'clearTimeout',
    'fetch',
    'EventSource',
    'URL',
    'URLSearchParams',
    'FormData',
    'Event',
    'CustomEvent',
    'HTMLElement',
  ].map((name) => [name, 'readonly']),
);
/** Globals of Node for the .js/.mjs files outside public/ (bin/, bench/load-worker.mjs). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'URL', 'Buffer', 'performance'].map((name) => [
    name,
    'readonly',
  ]),
);

export default defineConfig(
  { ignores: ['node_modules/', 'data/', '.cache/', 'test-results/', 'screenshots/', 'bench/results.json'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Template literals of numbers and booleans (ids, counts, flags in log lines and SQL fragments) are intended here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `_`-prefixed parameters and destructured leftovers are the codebase's way to say "deliberately unused".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Fastify handlers and hooks are async functions whose returned promise Fastify awaits; passing them is correct.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, properties: false } }],
      // Fastify hooks and handlers are `async` so that a throw becomes a rejection Fastify handles, with or without an await.
      '@typescript-eslint/require-await': 'off',
      // `(x) => resolve(x)` and `() => reply.send()` are idiomatic callbacks; a void value in a statement position stays an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: {
      // Tests read `res.json()` and raw rows (typed `any` by Fastify and pg) and assert their shape right there.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // What beforeAll assigns is typed as set, yet afterAll must survive a beforeAll that failed (`app?.close()`).
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // Refusing and stripping control characters is deliberate here (form fields, file names, log lines).
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['public/js/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
    // The scripts keep to ES5 syntax for old phones, so `catch (e)` must name a binding it may not use.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['bin/**/*.js', '**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
);
