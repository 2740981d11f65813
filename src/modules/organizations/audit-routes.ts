import type { FastifyInstance } from 'fastify';
import { authorize } from '../../core/errors.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { auditLogViewModel } from './audit-view-model.ts';
import { loadOrganization, requireActor } from './load.ts';
import { canReadAudit } from './policy.ts';
import { AuditPage } from './views/audit-page.tsx';

/** An organization's audit log, for its admins; anyone else gets the same 404 as for a missing page. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/audit', async (request, reply) => {
    const actor = requireActor(request);
    const organization = await loadOrganization(request);
    authorize(canReadAudit(actor, organization));
    const { props, status } = await auditLogViewModel(app.uh.db, request, organization.id, `/organizations/${organization.slug}/audit`);
    return reply.render(AuditPage({ ...props, organization: { slug: organization.slug, name: pickLocalized(organization.name, request.ctx.lang) } }), status);
  });
}
