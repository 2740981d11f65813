import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emptyForm, formValues, parseForm } from '../../../core/forms.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { PAGE_CACHE_OPTIONS, pageCacheEnabled } from '../live/index.ts';
import { createFilterOptionsCache } from './filter-options.ts';
import { keptUntilForumChanges } from './kept.ts';
import { searchSchema, type SearchForm } from './schemas.ts';
import { runSearch, type SearchFound, type SearchResult } from './search.ts';
import { SearchPage } from './views/search-page.tsx';

/** Searches whose results are kept at once (each 20–30 KB: 20 results with their snippets; 30 MB at most). */
const SEARCHES_KEPT = 1_000;

const toInput = (data: SearchForm & { q: string }) => ({
  q: data.q,
  org: data.org,
  categoryId: data.category,
  from: data.from,
  to: data.to,
  page: data.page ?? 1,
});

/** A result as JSON: the author is a member's id and name, or an anonymous author's pseudonym number only. */
export function resultJson(r: SearchResult) {
  return {
    postId: r.postId,
    topicId: r.topicId,
    postNumber: r.postNumber,
    topicTitle: r.topicTitle,
    titleMatch: r.titleMatch,
    category: { id: r.categoryId, name: r.categoryName },
    organization: { slug: r.organizationSlug, name: r.organizationName },
    author: r.author.kind === 'member' ? { kind: 'member', id: r.author.id, name: r.author.name } : r.author.kind === 'anonymous' ? { kind: 'anonymous', pseudonymNumber: r.author.pseudonymNumber } : { kind: 'gone' },
    createdAt: r.createdAt.toISOString(),
    snippet: r.snippet.map((w) => ({ text: w.word, match: w.hit })),
  };
}

/** The search page and GET /api/v1/search. */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const filterOptions = createFilterOptionsCache(db, app.uh.live);
  // What searches found, shared by viewers of one scope (signed-in members too) for as long as visitors'
  // search pages are kept; off with the page cache (PAGE_CACHE=0, and in tests).
  const found = pageCacheEnabled() ? keptUntilForumChanges<SearchFound | null>(app.uh.live, { ttlMs: PAGE_CACHE_OPTIONS.searchTtlMs, max: SEARCHES_KEPT }) : undefined;
  app.addHook('onClose', async () => {
    filterOptions.close();
    found?.close();
  });

  app.get('/:lang/forum/search', async (request: FastifyRequest, reply: FastifyReply) => {
    const { ctx } = request;
    const query = (request.query ?? {}) as Record<string, unknown>;
    // The filters' choices are read while the search runs (two queries, one wait).
    const optionsRead = filterOptions.get(ctx.actor);
    const parsed = parseForm(searchSchema(ctx.lang), query, ctx.t);
    const input = parsed.ok && parsed.data.q ? toInput({ ...parsed.data, q: parsed.data.q }) : null;
    const [options, outcome] = await Promise.all([optionsRead, input ? runSearch(db, ctx.actor, input, ctx.t, found) : null]);
    const organizations = [...new Map(options.map((o) => [o.organization_slug, pickLocalized(o.organization_name, ctx.lang)])).entries()];
    const categories: Array<[string, string]> = options.map((o) => [String(o.id), `${pickLocalized(o.name, ctx.lang)} · ${pickLocalized(o.organization_name, ctx.lang)}`]);
    const searched = Object.keys(query).length > 0;
    const base = { ctx, organizations, categories, searched, queryWithoutPage: '' };
    if (!searched) return reply.render(SearchPage({ ...base, form: emptyForm(), outcome: null, page: 1 }));

    if (!parsed.ok) return reply.render(SearchPage({ ...base, form: parsed.form, outcome: null, page: 1 }), 422);
    const values = formValues(query);
    const keep = new URLSearchParams(Object.entries(values).filter(([k, v]) => k !== 'page' && v !== ''));
    const form = { values, errors: {} };
    if (!input) return reply.render(SearchPage({ ...base, form, outcome: null, page: 1 }));
    return reply.render(SearchPage({ ...base, form, outcome, page: input.page, queryWithoutPage: keep.toString() }));
  });

  app.get('/api/v1/search', async (request: FastifyRequest, reply: FastifyReply) => {
    const { ctx } = request;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const parsed = parseForm(searchSchema('en'), query, ctx.t);
    if (!parsed.ok) return reply.code(422).send({ error: { code: 'invalid_input', message: ctx.t('errors.badRequest'), fields: parsed.form.errors } });
    if (!parsed.data.q) return reply.code(422).send({ error: { code: 'invalid_input', message: ctx.t('errors.badRequest'), fields: { q: ctx.t('forms.required') } } });
    const input = toInput({ ...parsed.data, q: parsed.data.q });
    const outcome = await runSearch(db, ctx.actor, input, undefined, found);
    return {
      query: input.q,
      page: input.page,
      fuzzy: outcome?.fuzzy ?? false,
      results: (outcome?.results ?? []).map(resultJson),
      nextPage: outcome?.more ? input.page + 1 : null,
    };
  });
}
