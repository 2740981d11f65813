// `npm run new-module <name>`: writes a working module skeleton in the shape of docs/ARCHITECTURE.md ("The module
// shape"), registers it in src/modules/registry.ts, and formats what it wrote with the project's Prettier settings,
// the way Decidim's component generator starts a component. Run with `node --import tsx scripts/new-module.ts`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { moduleNames, nameProblem, type ModuleNames } from './new-module/names.ts';
import { moduleFiles } from './new-module/templates.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

const HELP = `Usage: npm run new-module <name>

Generates src/modules/<name>/ in the module shape (docs/ARCHITECTURE.md): a manifest, a list page and a create form,
GET and POST /api/v1/<name>, a loader, a policy, zod schemas, a create command with its audit entry, queries, a
presenter, views, a migration for a table scoped by organization, factories, a seed and tests; its messages in
src/locales/{fa,vi,en}/<name>.json; docs/modules/<name>.md; and the module in src/modules/registry.ts.

<name> is the kebab-case plural of what the module holds, e.g. service-desks (singular service-desk).

Then: npx tsc --noEmit && npx vitest run src/modules/<name>`;

/** A UTC timestamp in the migrations' form, 20261204T2030. */
function migrationStamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-:]/g, '');
}

/** The registry with the new module imported after the others and appended to the list. */
export function registerModule(registry: string, n: ModuleNames): string {
  const lines = registry.split('\n');
  const lastImport = lines.findLastIndex((line) => /^import .* from '\.\/[a-z0-9-]+\/index\.ts';$/.test(line));
  const listStart = lines.findIndex((line) => line.startsWith('export const modules'));
  const listEnd = lines.findIndex((line, i) => i > listStart && line.startsWith('];'));
  if (lastImport < 0 || listStart < 0 || listEnd < 0) throw new Error('src/modules/registry.ts is not in the expected form');
  lines.splice(listEnd, 0, `  ${n.camel}Module,`);
  lines.splice(lastImport + 1, 0, `import { ${n.camel}Module } from './${n.kebab}/index.ts';`);
  return lines.join('\n');
}

/** Formats a file's text as `prettier --write` would (SQL and Markdown are left as written). */
async function formatted(file: string, text: string): Promise<string> {
  if (/\.(sql|md)$/.test(file)) return text;
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** Why this name cannot be generated here, or null. */
function refusal(name: string | undefined): string | null {
  if (name === undefined) return 'Give the module a name, e.g. npm run new-module service-desks (see --help).';
  const problem = nameProblem(name);
  if (problem) return problem;
  const n = moduleNames(name);
  const taken = [`src/modules/${n.kebab}`, `src/locales/en/${n.kebab}.json`, `docs/modules/${n.kebab}.md`].find((p) =>
    existsSync(path.join(ROOT, p)),
  );
  if (taken) return `A module named "${name}" already exists (${taken}).`;
  const registry = readFileSync(path.join(ROOT, 'src/modules/registry.ts'), 'utf8');
  if (registry.includes(`${n.camel}Module`)) return `src/modules/registry.ts already names ${n.camel}Module.`;
  return null;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0 || names.length > 1) {
    console.error(`new-module: takes one name and --help only (got ${args.join(' ')}).`);
    return 1;
  }
  const name = names.at(0);
  const problem = refusal(name);
  if (problem !== null || name === undefined) {
    console.error(`new-module: ${problem ?? 'no name'}`);
    return 1;
  }
  const n = moduleNames(name);
  // The API declares zod route schemas (OpenAPI generated from them) once core/api-docs.ts exists.
  const files = moduleFiles(n, migrationStamp(new Date()));
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(ROOT, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await formatted(file, text));
    console.log(`  created ${relative}`);
  }
  const registryFile = path.join(ROOT, 'src/modules/registry.ts');
  writeFileSync(registryFile, await formatted(registryFile, registerModule(readFileSync(registryFile, 'utf8'), n)));
  console.log('  updated src/modules/registry.ts');
  console.log(`\nNext: npx tsc --noEmit && npx vitest run src/modules/${n.kebab}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
