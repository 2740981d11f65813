import type { RequestContext } from '../../../core/context.ts';
import { Layout, href } from '../../../ui/layout.tsx';
import type { AgreementView } from '../presenters.ts';
import { StatusBadge } from './parts.tsx';

/** Cooperation agreements: public ones, and drafts of the viewer's organizations. */
export function AgreementListPage({
  ctx,
  agreements,
  canCreate,
  organizationName,
}: {
  ctx: RequestContext;
  agreements: AgreementView[];
  canCreate: boolean;
  organizationName?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('agreements.list.title')} description={t('agreements.list.lead')}>
      <div class="page-header">
        <h1>{t('agreements.list.title')}</h1>
        {canCreate && (
          <div class="page-header__actions">
            <a class="button" href={href(ctx, '/agreements/new')}>
              {t('agreements.list.new')}
            </a>
          </div>
        )}
      </div>
      {organizationName ? (
        <p class="lead">
          <bdi>{organizationName}</bdi>
        </p>
      ) : (
        <p class="lead">{t('agreements.list.lead')}</p>
      )}
      {agreements.length === 0 ? (
        <p class="muted">{t('agreements.list.empty')}</p>
      ) : (
        <ul class="list-plain stack">
          {agreements.map((a) => (
            <li class="card">
              <h2>
                <a href={href(ctx, `/agreements/${a.id}`)} dir="auto">
                  {a.title}
                </a>
              </h2>
              <p class="meta">
                {a.periodText} · <StatusBadge ctx={ctx} status={a.status} />
              </p>
              <p>
                {a.parties.map((p, i) => (
                  <>
                    {i > 0 && ' · '}
                    <bdi>{p.name}</bdi>
                  </>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
