import type { RequestContext } from '../../../core/context.ts';
import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import type { OrganizationAbilities } from '../policy.ts';

export interface OrganizationPageProps {
  ctx: RequestContext;
  organization: { slug: string; name: string; description: string; kind: string; regionName: string | null };
  parent: { slug: string; name: string } | null;
  /** The first sub-organizations; childrenTotal says how many there are in all. */
  children: Array<{ slug: string; name: string; kind: string }>;
  childrenTotal: number;
  /** The directory filtered to this organization's sub-organizations. */
  allChildrenPath: string;
  memberCount: number;
  /** Links other modules add to every organization's page (forum, programs, meetings...). */
  links: Array<{ label: string; path: string }>;
  can: OrganizationAbilities;
}

/** An organization's public page: about, its place in the tree, its members' number, and its modules. */
export function OrganizationPage(props: OrganizationPageProps) {
  const { ctx, organization, can } = props;
  const { t } = ctx;
  const base = `/organizations/${organization.slug}`;
  const adminLinks = [
    can.edit && { path: `${base}/edit`, label: t('organizations.page.edit') },
    can.viewMembers && { path: `${base}/members`, label: t('organizations.page.members') },
    can.readAudit && { path: `${base}/audit`, label: t('organizations.page.audit') },
    can.createChild && { path: `${base}/new`, label: t('organizations.page.createChild') },
  ].filter((l): l is { path: string; label: string } => Boolean(l));
  return (
    <Layout ctx={ctx} title={organization.name} description={organization.description.slice(0, 160) || undefined}>
      <PageHeader title={organization.name} />
      <section class="card org-about" aria-labelledby="org-about">
        <h2 id="org-about">{t('organizations.page.about')}</h2>
        {organization.description ? (
          <p dir="auto" class="org-about__description">
            {organization.description}
          </p>
        ) : (
          <p class="muted">{t('organizations.page.noDescription')}</p>
        )}
        <dl class="org-facts">
          <dt>{t('organizations.form.kind')}</dt>
          <dd>{organization.kind}</dd>
          <dt>{t('common.region')}</dt>
          <dd>{organization.regionName ? <bdi>{organization.regionName}</bdi> : t('common.none')}</dd>
          <dt>{t('organizations.page.parent')}</dt>
          <dd>
            {props.parent ? (
              <a href={href(ctx, `/organizations/${props.parent.slug}`)}>
                <bdi>{props.parent.name}</bdi>
              </a>
            ) : (
              t('common.none')
            )}
          </dd>
          <dt>{t('organizations.page.membersHeading')}</dt>
          <dd>{t('organizations.page.memberCount', { count: props.memberCount })}</dd>
        </dl>
      </section>
      {props.links.length > 0 && (
        <nav class="card" aria-labelledby="org-sections">
          <h2 id="org-sections">{t('organizations.page.sections')}</h2>
          <ul class="list-plain org-links">
            {props.links.map((link) => (
              <li>
                <a href={href(ctx, link.path)}>{link.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <section class="card" aria-labelledby="org-children">
        <h2 id="org-children">{t('organizations.page.children')}</h2>
        {props.children.length === 0 ? (
          <p class="muted">{t('organizations.page.noChildren')}</p>
        ) : (
          <ul class="list-plain">
            {props.children.map((child) => (
              <li>
                <a href={href(ctx, `/organizations/${child.slug}`)}>
                  <bdi>{child.name}</bdi>
                </a>{' '}
                <span class="badge">{child.kind}</span>
              </li>
            ))}
          </ul>
        )}
        {props.childrenTotal > props.children.length && (
          <p>
            <a href={href(ctx, props.allChildrenPath)}>{t('organizations.page.allChildren', { count: props.childrenTotal })}</a>
          </p>
        )}
      </section>
      {adminLinks.length > 0 && (
        <nav class="card" aria-labelledby="org-manage">
          <h2 id="org-manage">{t('organizations.page.manage')}</h2>
          <ul class="list-plain org-links">
            {adminLinks.map((link) => (
              <li>
                <a href={href(ctx, link.path)}>{link.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
