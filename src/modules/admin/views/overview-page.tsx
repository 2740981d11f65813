import type { RequestContext } from '../../../core/context.ts';
import { formatNumber } from '../../../core/i18n.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AdminNav } from './parts.tsx';

export interface OverviewPageProps {
  ctx: RequestContext;
  counts: { users: number; organizations: number; regions: number; heldMail: number; auditLastWeek: number };
}

/** The administrator's start page: the platform in numbers, and where to go. */
export function OverviewPage({ ctx, counts }: OverviewPageProps) {
  const { t, lang } = ctx;
  const tiles: Array<[string, number, string | null]> = [
    ['admin.overview.users', counts.users, null],
    ['admin.overview.organizations', counts.organizations, '/organizations'],
    ['admin.overview.regions', counts.regions, '/admin/regions'],
    ['admin.overview.heldMail', counts.heldMail, '/admin/outbox'],
    ['admin.overview.auditLastWeek', counts.auditLastWeek, '/admin/audit'],
  ];
  return (
    <Layout ctx={ctx} title={t('admin.overview.title')} noindex>
      <PageHeader title={t('admin.overview.title')} lead={t('admin.overview.lead')} />
      <AdminNav ctx={ctx} />
      <ul class="grid list-plain admin-tiles">
        {tiles.map(([labelId, value, path]) => (
          <li class="card admin-tile">
            {path ? (
              <a href={href(ctx, path)}>
                <span class="admin-tile__value">{formatNumber(value, lang)}</span>
                <span class="admin-tile__label">{t(labelId)}</span>
              </a>
            ) : (
              <>
                <span class="admin-tile__value">{formatNumber(value, lang)}</span>
                <span class="admin-tile__label">{t(labelId)}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {counts.heldMail > 0 && <p class="card">{t('admin.overview.heldMailNote')}</p>}
    </Layout>
  );
}
