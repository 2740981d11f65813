import { Layout, PageHeader } from '../../../ui/layout.tsx';
import { AuditLog, type AuditLogProps } from '../../organizations/index.ts';
import { AdminNav } from './parts.tsx';

/** The platform-wide audit log, every organization's entries and the platform's own. */
export function AdminAuditPage(props: AuditLogProps) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('admin.audit.title')} noindex>
      <PageHeader title={t('admin.audit.title')} lead={t('admin.audit.lead')} />
      <AdminNav ctx={props.ctx} />
      <AuditLog {...props} showOrganization />
    </Layout>
  );
}
