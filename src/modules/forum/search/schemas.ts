import { z } from 'zod';
import { dateField, integer, optional, text } from '../../../core/forms.ts';
import type { Lang } from '../../../core/i18n.ts';
import { MAX_PAGES } from './queries.ts';

/** The search form (GET query string); the same fields for the page and for /api/v1/search. */
export function searchSchema(lang: Lang) {
  // Built once per language: a search is a hot path and zod schemas are immutable.
  let schema = schemas.get(lang);
  if (!schema) schemas.set(lang, (schema = buildSearchSchema(lang)));
  return schema;
}

function buildSearchSchema(lang: Lang) {
  return z.object({
    /** The words to find; each is a prefix. Up to 200 characters, no bidi overrides or control characters. */
    q: optional(text({ max: 200 })),
    /** An organization's slug: only its categories. */
    org: optional(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'forum-search.errors.org' }).max(100)),
    /** A category id: only that category. */
    category: optional(integer({ min: 1 })),
    /** First day (Jalali on Persian pages, ISO otherwise), inclusive. */
    from: optional(dateField(lang)),
    /** Last day, inclusive. */
    to: optional(dateField(lang)),
    /** Page of results, 1 to MAX_PAGES. */
    page: optional(integer({ min: 1, max: MAX_PAGES })),
  });
}

const schemas = new Map<Lang, ReturnType<typeof buildSearchSchema>>();

export type SearchForm = z.output<ReturnType<typeof buildSearchSchema>>;
