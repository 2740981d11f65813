import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commandDeps } from '../../../core/commands.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../core/forms.ts';
import { countUsers } from '../../accounts/index.ts';
import { auditLogViewModel, countOrganizations } from '../../organizations/index.ts';
import { createRegion } from '../commands/create-region.ts';
import { requirePlatformAdmin } from '../loaders.ts';
import { presentOutboxEntry, presentRegionNode } from '../presenters.ts';
import { flattenRegionTree, REGION_KINDS, regionOptions, regionTree } from '../../../core/regions.ts';
import { adminCounts, listOutbox } from '../queries.ts';
import { outboxQuerySchema, regionSchema } from '../schemas.ts';
import { AdminAuditPage } from '../views/audit-page.tsx';
import { OutboxPage } from '../views/outbox-page.tsx';
import { OverviewPage } from '../views/overview-page.tsx';
import { RegionsPage } from '../views/regions-page.tsx';

const OUTBOX_PAGE_SIZE = 20;

/** The platform administrator's pages: overview, platform-wide audit log, mail outbox, regions. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.uh;

  app.get('/:lang/admin', async (request, reply) => {
    requirePlatformAdmin(request.ctx);
    const [users, organizations, counts] = await Promise.all([countUsers(db), countOrganizations(db), adminCounts(db)]);
    return reply.render(OverviewPage({ ctx: request.ctx, counts: { users, organizations, ...counts } }));
  });

  app.get('/:lang/admin/audit', async (request, reply) => {
    requirePlatformAdmin(request.ctx);
    const { props, status } = await auditLogViewModel(db, request, null, '/admin/audit');
    return reply.render(AdminAuditPage(props), status);
  });

  app.get('/:lang/admin/outbox', async (request, reply) => {
    requirePlatformAdmin(request.ctx);
    const { ctx } = request;
    const parsed = parseForm(outboxQuerySchema, request.query, ctx.t);
    const { rows, nextBefore } = await listOutbox(db, { before: parsed.ok ? (parsed.data.before ?? null) : null, limit: OUTBOX_PAGE_SIZE });
    const entries = rows.map((m) => presentOutboxEntry(ctx.lang, m));
    return reply.render(OutboxPage({ ctx, smtpConfigured: Boolean(config.smtpUrl), nextBefore, entries }), parsed.ok ? 200 : 422);
  });

  async function renderRegions(request: FastifyRequest, form: FormState) {
    const { ctx } = request;
    const tree = await regionTree(db);
    return RegionsPage({
      ctx,
      tree: tree.map((n) => presentRegionNode(ctx, n)),
      form,
      parentOptions: regionOptions(ctx.lang, flattenRegionTree(tree)),
      kindOptions: REGION_KINDS.map((k) => [k, ctx.t(`organizations.regionKind.${k}`)]),
    });
  }

  app.get('/:lang/admin/regions', async (request, reply) => {
    requirePlatformAdmin(request.ctx);
    return reply.render(await renderRegions(request, emptyForm({ kind: 'county' })));
  });

  app.post('/:lang/admin/regions', async (request, reply) => {
    const actor = requirePlatformAdmin(request.ctx);
    const { ctx } = request;
    const parsed = parseForm(regionSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await renderRegions(request, parsed.form), 422);
    const result = await createRegion(commandDeps(request, actor), parsed.data);
    if (!result.ok) {
      const [field, messageId] = result.reason === 'codeTaken' ? ['code', 'admin.regions.codeTaken'] : ['parent', 'forms.invalidChoice'];
      return reply.render(await renderRegions(request, withError(formValues(request.body), field, ctx.t(messageId))), 422);
    }
    return reply.redirectWithFlash(`/${ctx.lang}/admin/regions`, 'admin.regions.added');
  });
}
