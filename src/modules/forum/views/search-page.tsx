import type { RequestContext } from '../../../core/context.ts';
import { formatDateTime, isoDateTime } from '../../../core/dates.ts';
import type { FormState } from '../../../core/forms.ts';
import { pickLocalized } from '../../../core/i18n.ts';
import { DateField, ErrorSummary, SelectField, TextField } from '../../../ui/form.tsx';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { SearchOutcome, SearchResult } from '../domain/search.ts';

export interface SearchPageModel {
  ctx: RequestContext;
  form: FormState;
  /** Organizations and categories the viewer may filter by. */
  organizations: Array<[string, string]>;
  categories: Array<[string, string]>;
  /** Null before a search (or for a query without words). */
  outcome: SearchOutcome | null;
  searched: boolean;
  page: number;
  /** The query string without the page, for pagination links. */
  queryWithoutPage: string;
}

/** A snippet: the post's own words, the matching ones marked; every word is escaped text. */
function Snippet({ words }: { words: SearchResult['snippet'] }) {
  if (words.length === 0) return null;
  return (
    <p class="search-result__snippet" dir="auto">
      {words.map((w, i) => (
        <>
          {i > 0 && ' '}
          {w.hit ? <mark>{w.word}</mark> : w.word}
        </>
      ))}
      {' …'}
    </p>
  );
}

function Result({ ctx, result }: { ctx: RequestContext; result: SearchResult }) {
  return (
    <li class="search-result">
      <a class="search-result__title" href={href(ctx, `/forum/t/${result.topicId}/${result.postNumber}`)} dir="auto">
        {result.topicTitle}
      </a>
      <p class="meta">
        <bdi>{pickLocalized(result.categoryName, ctx.lang)}</bdi>
        {' · '}
        <bdi>{pickLocalized(result.organizationName, ctx.lang)}</bdi>
        {' · '}
        <bdi>{result.authorLabel}</bdi>
        {' · '}
        <time datetime={isoDateTime(result.createdAt)}>{formatDateTime(result.createdAt, ctx.lang)}</time>
        {result.postNumber > 1 && (
          <>
            {' '}
            {' · '}
            {ctx.t('forum-search.reply', { number: result.postNumber })}
          </>
        )}
      </p>
      <Snippet words={result.snippet} />
    </li>
  );
}

/** The forum search page: a GET form with filters, then results with highlighted snippets. */
export function SearchPage(model: SearchPageModel) {
  const { ctx, form, outcome } = model;
  const { t } = ctx;
  const base = href(ctx, '/forum/search');
  return (
    <Layout ctx={ctx} title={t('forum-search.title')} noindex>
      <PageHeader title={t('forum-search.title')} lead={t('forum-search.lead')} />
      <form method="get" action={base} class="form search-form" role="search">
        <ErrorSummary ctx={ctx} form={form} />
        <TextField form={form} name="q" label={t('forum-search.query')} type="search" />
        <details
          class="search-form__filters"
          open={Boolean(form.values.org || form.values.category || form.values.from || form.values.to) || undefined}
        >
          <summary>{t('common.filter')}</summary>
          <SelectField form={form} name="org" label={t('common.organization')} options={model.organizations} emptyLabel={t('common.all')} />
          <SelectField
            form={form}
            name="category"
            label={t('forum-search.category')}
            options={model.categories}
            emptyLabel={t('common.all')}
          />
          <DateField ctx={ctx} form={form} name="from" label={t('forum-search.from')} />
          <DateField ctx={ctx} form={form} name="to" label={t('forum-search.to')} />
        </details>
        <button type="submit" class="button">
          {t('common.search')}
        </button>
      </form>
      {model.searched && outcome === null && Object.keys(form.errors).length === 0 && <p class="muted">{t('forum-search.noWords')}</p>}
      {outcome && (
        <section aria-labelledby="results-heading" class="search-results">
          <h2 id="results-heading">{t('forum-search.results')}</h2>
          {outcome.fuzzy && <p class="muted">{t('forum-search.fuzzyNotice')}</p>}
          {outcome.results.length === 0 ? (
            <p class="muted">{t('forum-search.none')}</p>
          ) : (
            <ol class="list-plain">
              {outcome.results.map((r) => (
                <Result ctx={ctx} result={r} />
              ))}
            </ol>
          )}
          {(model.page > 1 || outcome.more) && (
            <nav class="pagination" aria-label={t('forum-search.pages')}>
              {model.page > 1 && (
                <a href={`${base}?${model.queryWithoutPage}&page=${model.page - 1}`} rel="prev">
                  {t('common.previous')}
                </a>
              )}
              {outcome.more && (
                <a href={`${base}?${model.queryWithoutPage}&page=${model.page + 1}`} rel="next">
                  {t('common.next')}
                </a>
              )}
            </nav>
          )}
        </section>
      )}
    </Layout>
  );
}
