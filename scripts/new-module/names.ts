/** The forms of a module's name the generated files use, derived from the kebab-case plural given on the command line. */
export interface ModuleNames {
  /** `service-desks`: the folder, the URL segment, the locale namespace. */
  kebab: string;
  /** `service-desk`: the command's and the view's file names. */
  kebabOne: string;
  /** `serviceDesks`: variables and function names about many. */
  camel: string;
  /** `serviceDesk`: variables about one. */
  camelOne: string;
  /** `ServiceDesks`: components about many. */
  pascal: string;
  /** `ServiceDesk`: types and functions about one. */
  pascalOne: string;
  /** `service_desks`: the table. */
  snake: string;
  /** `service_desk`: the audit entry's subject type. */
  snakeOne: string;
  /** `service desks`: prose. */
  words: string;
  /** `service desk`: prose about one. */
  wordsOne: string;
}

const KEBAB_PLURAL = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** Names a module may not take: they would shadow a folder or a route the platform already has. */
const RESERVED = new Set(['api', 'core', 'ui', 'db', 'modules', 'locales', 'static', 'assets']);

/** The singular of an English plural as module names use them: `activities` → `activity`, `boxes` → `box`. */
export function singularOf(word: string): string {
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Words whose "-s" is not a plural: their singular would be wrong (news → new), so the name must say what one is. */
const UNCOUNTABLE = new Set(['news', 'series', 'species', 'status', 'bus', 'campus', 'corpus', 'focus', 'census']);

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Why a name cannot be a new module's name, or null when it can (existence on disk is checked by the caller). */
export function nameProblem(name: string): string | null {
  if (!KEBAB_PLURAL.test(name)) return `"${name}" is not kebab-case: use lower-case words joined by "-", e.g. service-desks.`;
  if (name.length > 40) return `"${name}" is too long (at most 40 characters).`;
  if (!name.endsWith('s') || name.endsWith('ss'))
    return `"${name}" is not a plural: name the module after what it holds, e.g. service-desks.`;
  if (RESERVED.has(name)) return `"${name}" is reserved by the platform.`;
  const last = name.split('-').at(-1) ?? name;
  if (UNCOUNTABLE.has(last)) return `"${name}" has no singular to name one item by: say what one is, e.g. ${name}-items.`;
  if (singularOf(last).length < 2) return `"${name}" has no usable singular.`;
  return null;
}

/** Every form of the name; call nameProblem first. */
export function moduleNames(kebab: string): ModuleNames {
  const parts = kebab.split('-');
  const last = parts.at(-1) ?? kebab;
  const partsOne = [...parts.slice(0, -1), singularOf(last)];
  const camelOf = (words: string[]) => words.map((w, i) => (i === 0 ? w : capitalize(w))).join('');
  return {
    kebab,
    kebabOne: partsOne.join('-'),
    camel: camelOf(parts),
    camelOne: camelOf(partsOne),
    pascal: parts.map(capitalize).join(''),
    pascalOne: partsOne.map(capitalize).join(''),
    snake: parts.join('_'),
    snakeOne: partsOne.join('_'),
    words: parts.join(' '),
    wordsOne: partsOne.join(' '),
  };
}
