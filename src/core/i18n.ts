import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type Lang } from '../config.ts';

export { LANGUAGES, type Lang };

export const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** Values interpolated into a message: ICU arguments such as {count} or {name}. */
export type MessageValues = Record<string, string | number | Date>;
/** Translates a message id into the request's language. */
export type Translate = (id: string, values?: MessageValues) => string;

type Catalog = Map<string, string>;

function flatten(prefix: string, value: unknown, into: Catalog): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, inner, into);
  }
}

/** Loads src/locales/<lang>/<namespace>.json into flat catalogs keyed "namespace.key.path". */
export function loadCatalogs(dir = LOCALES_DIR): Record<Lang, Catalog> {
  const catalogs = {} as Record<Lang, Catalog>;
  for (const lang of LANGUAGES) {
    const catalog: Catalog = new Map();
    for (const file of readdirSync(path.join(dir, lang))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const namespace = file.replace(/\.json$/, '');
      flatten(namespace, JSON.parse(readFileSync(path.join(dir, lang, file), 'utf8')), catalog);
    }
    catalogs[lang] = catalog;
  }
  return catalogs;
}

const catalogs = loadCatalogs();
const compiled = new Map<string, IntlMessageFormat>();

/** True when the message id exists (in English, the reference catalog). */
export function hasMessage(id: string): boolean {
  return catalogs.en.has(id);
}

/** Returns a translator for one language; unknown ids render as the id itself so they are easy to spot. */
export function translator(lang: Lang): Translate {
  return (id, values) => {
    const source = catalogs[lang].get(id) ?? catalogs.en.get(id);
    if (source === undefined) return id;
    if (!values && !source.includes('{')) return source;
    const key = `${lang}\u0000${id}`;
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, lang);
      compiled.set(key, format);
    }
    return String(format.format(values));
  };
}

/** Text direction of a language. */
export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Text in several languages, as stored in jsonb columns: {"fa": "...", "vi": "...", "en": "..."}. */
export type LocalizedText = Partial<Record<Lang, string>>;

/** Picks the text in the wanted language, falling back to any language that has it. */
export function pickLocalized(text: LocalizedText | null | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.en || text.vi || text.fa || '';
}

/** Chooses the best supported language from an Accept-Language header. */
export function negotiateLanguage(header: string | undefined, fallback: Lang): Lang {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((entry) => isLang(entry.base))?.base as Lang | undefined) ?? fallback;
}

/** Formats a number in the language's digits and grouping. */
export function formatNumber(value: number, lang: Lang, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : lang, options).format(value);
}
