import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emptyForm, formValues, parseForm } from '../../../../core/forms.ts';
import { pickLocalized } from '../../../../core/i18n.ts';
import { searchCaches } from '../../domain/search-caches.ts';
import { runSearch, searchInput } from '../../domain/search.ts';
import { searchSchema } from '../../schemas.ts';
import { SearchPage } from '../../views/search-page.tsx';

/** The search page. */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  const { filterOptions, found } = searchCaches(app);

  app.get('/:lang/forum/search', async (request: FastifyRequest, reply: FastifyReply) => {
    const { ctx } = request;
    const query = (request.query ?? {}) as Record<string, unknown>;
    // The filters' choices are read while the search runs (two queries, one wait).
    const optionsRead = filterOptions.get(ctx.actor);
    const parsed = parseForm(searchSchema(ctx.lang), query, ctx.t);
    const input = parsed.ok && parsed.data.q ? searchInput({ ...parsed.data, q: parsed.data.q }) : null;
    const [options, outcome] = await Promise.all([optionsRead, input ? runSearch(db, ctx.actor, input, ctx.t, found) : null]);
    const organizations = [...new Map(options.map((o) => [o.organizationSlug, pickLocalized(o.organizationName, ctx.lang)])).entries()];
    const categories: Array<[string, string]> = options.map((o) => [
      String(o.id),
      `${pickLocalized(o.name, ctx.lang)} · ${pickLocalized(o.organizationName, ctx.lang)}`,
    ]);
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
}
