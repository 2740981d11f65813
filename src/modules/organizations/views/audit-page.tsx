import { Layout, PageHeader, href } from '../../../ui/layout.tsx';
import { AuditLog, type AuditLogProps } from './parts.tsx';

/** One organization's audit log, for its admins. */
export function AuditPage(props: AuditLogProps & { organization: { slug: string; name: string } }) {
  const { ctx, organization } = props;
  const title = ctx.t('organizations.audit.title', { organization: organization.name });
  return (
    <Layout ctx={ctx} title={title} noindex>
      <PageHeader title={title} lead={ctx.t('organizations.audit.lead')} />
      <p>
        <a href={href(ctx, `/organizations/${organization.slug}`)}>{ctx.t('organizations.members.backToOrganization')}</a>
      </p>
      <AuditLog {...props} />
    </Layout>
  );
}
