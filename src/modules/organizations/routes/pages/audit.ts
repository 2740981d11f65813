import type { FastifyInstance } from 'fastify';
import { authorize } from '../../../../core/errors.ts';
import { requireActor } from '../../../../core/route-params.ts';
import { auditLogViewModel, loadOrganization } from '../../loaders.ts';
import { canReadAudit } from '../../policy.ts';
import { organizationLink } from '../../presenters.ts';
import { AuditPage } from '../../views/audit-page.tsx';

/** An organization's audit log, for its admins; anyone else gets the same 404 as for a missing page. */
export function auditPages(app: FastifyInstance): void {
  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/audit', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const organization = await loadOrganization(request);
    authorize(canReadAudit(actor, organization));
    const { props, status } = await auditLogViewModel(app.uh.db, request, organization.id, `/organizations/${organization.slug}/audit`);
    return reply.render(AuditPage({ ...props, organization: organizationLink(request.ctx, organization) }), status);
  });
}
