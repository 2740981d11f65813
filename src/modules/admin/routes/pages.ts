import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, LoginRequiredError } from '../../core/errors.ts';
import { formatDateTime, isoDateTime } from '../../core/dates.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../core/forms.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { REGION_KINDS, auditLogViewModel, flattenRegionTree, regionOptions, regionTree, type RegionNode } from '../organizations/index.ts';
import { createRegion } from './commands/create-region.ts';
import { canAdministerPlatform } from './policy.ts';
import { listOutbox, platformCounts } from './queries.ts';
import { outboxQuerySchema, regionSchema } from './schemas.ts';
import { AdminAuditPage } from './views/audit-page.tsx';
import { OutboxPage } from './views/outbox-page.tsx';
import { OverviewPage } from './views/overview-page.tsx';
import { RegionsPage, type RegionNodeView } from './views/regions-page.tsx';

const OUTBOX_PAGE_SIZE = 20;

/** Platform administrators only; a visitor is sent to log in, anyone else gets the 404 a missing page gets. */
function requirePlatformAdmin(request: FastifyRequest) {
  const actor = request.ctx.actor;
  if (!actor) throw new LoginRequiredError();
  authorize(canAdministerPlatform(actor));
  return actor;
}

function regionView(ctx: FastifyRequest['ctx'], node: RegionNode): RegionNodeView {
  return {
    id: node.id,
    code: node.code,
    kind: ctx.t(`organizations.regionKind.${node.kind}`),
    names: { fa: pickLocalized(node.name, 'fa'), vi: pickLocalized(node.name, 'vi'), en: pickLocalized(node.name, 'en') },
    children: node.children.map((c) => regionView(ctx, c)),
  };
}

/** The platform administrator's pages: overview, platform-wide audit log, mail outbox, regions. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.uh;

  app.get('/:lang/admin', async (request, reply) => {
    requirePlatformAdmin(request);
    return reply.render(OverviewPage({ ctx: request.ctx, counts: await platformCounts(db) }));
  });

  app.get('/:lang/admin/audit', async (request, reply) => {
    requirePlatformAdmin(request);
    const { props, status } = await auditLogViewModel(db, request, null, '/admin/audit');
    return reply.render(AdminAuditPage(props), status);
  });

  app.get('/:lang/admin/outbox', async (request, reply) => {
    requirePlatformAdmin(request);
    const { ctx } = request;
    const parsed = parseForm(outboxQuerySchema, request.query, ctx.t);
    const { rows, nextBefore } = await listOutbox(db, { before: parsed.ok ? (parsed.data.before ?? null) : null, limit: OUTBOX_PAGE_SIZE });
    return reply.render(
      OutboxPage({
        ctx,
        smtpConfigured: Boolean(config.smtpUrl),
        nextBefore,
        entries: rows.map((m) => ({
          id: m.id,
          date: formatDateTime(m.createdAt, ctx.lang),
          dateIso: isoDateTime(m.createdAt),
          recipient: m.recipient,
          subject: m.subject,
          body: m.bodyText,
          status: m.status,
          error: m.error,
        })),
      }),
      parsed.ok ? 200 : 422,
    );
  });

  async function renderRegions(request: FastifyRequest, form: FormState, status = 200) {
    const { ctx } = request;
    const tree = await regionTree(db);
    return RegionsPage({
      ctx,
      tree: tree.map((n) => regionView(ctx, n)),
      form,
      parentOptions: regionOptions(ctx.lang, flattenRegionTree(tree)),
      kindOptions: REGION_KINDS.map((k) => [k, ctx.t(`organizations.regionKind.${k}`)]),
    });
  }

  app.get('/:lang/admin/regions', async (request, reply) => {
    requirePlatformAdmin(request);
    return reply.render(await renderRegions(request, emptyForm({ kind: 'county' })));
  });

  app.post('/:lang/admin/regions', async (request, reply) => {
    const actor = requirePlatformAdmin(request);
    const { ctx } = request;
    const parsed = parseForm(regionSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderRegions(request, parsed.form), 422);
    const result = await createRegion(db, { userId: actor.userId, ip: request.ip }, parsed.data);
    if (!result.ok) {
      const [field, messageId] = result.reason === 'codeTaken' ? ['code', 'admin.regions.codeTaken'] : ['parent', 'forms.invalidChoice'];
      return reply.render(await renderRegions(request, withError(formValues(request.body), field, ctx.t(messageId))), 422);
    }
    return reply.redirectWithFlash(`/${ctx.lang}/admin/regions`, 'admin.regions.added');
  });
}
