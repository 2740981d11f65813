import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commandDeps } from '../../../../core/commands.ts';
import { authorize } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../../core/forms.ts';
import { pickLocalized, type LocalizedText } from '../../../../core/i18n.ts';
import { requireActor } from '../../../../core/route-params.ts';
import { createOrganization, type CreateOrganizationResult } from '../../commands/create-organization.ts';
import { editOrganization, type EditOrganizationResult } from '../../commands/edit-organization.ts';
import { loadOrganization, loadOrganizationDetail, loadOrganizationLinks, loadRegionOptions } from '../../loaders.ts';
import { canCreateChild, canCreateTopLevel, canEditOrganization, organizationAbilities } from '../../policy.ts';
import { timeZoneOptions } from '../../domain/time-zones.ts';
import { kindOptions, organizationFormValues, organizationLink, presentDirectoryEntry, presentOrganization } from '../../presenters.ts';
import { countMembers } from '../../queries/members.ts';
import { findOrganizationById, listChildren, listDirectory } from '../../queries/organizations.ts';
import { descendantRegionIds, findRegion } from '../../../../core/regions.ts';
import { directoryQuerySchema, organizationSchema, type OrganizationForm } from '../../schemas.ts';
import { DirectoryPage } from '../../views/directory-page.tsx';
import { OrganizationFormPage } from '../../views/organization-form-page.tsx';
import { OrganizationPage } from '../../views/organization-page.tsx';

const PAGE_SIZE = 20;
/** Sub-organizations listed on an organization's page; the rest are a link away, in the directory. */
const CHILDREN_SHOWN = 30;

type SlugParams = { Params: { slug: string } };

const SAVE_ERRORS = { slugTaken: ['slug', 'organizations.form.slugTaken'], noSuchRegion: ['region', 'forms.invalidChoice'] } as const;

/** The create or edit form: where it posts, where "cancel" goes, and under which parent (creating a child). */
interface FormTarget {
  mode: 'create' | 'edit';
  action: string;
  cancel: string;
  parentName: LocalizedText | null;
}

/** Renders the organization form (new or edit) with the kinds and regions to choose from. */
async function renderForm(request: FastifyRequest, target: FormTarget, form: FormState) {
  const { ctx } = request;
  return OrganizationFormPage({
    ctx,
    ...target,
    parentName: target.parentName ? pickLocalized(target.parentName, ctx.lang) : null,
    form,
    kindOptions: kindOptions(ctx),
    regionOptions: await loadRegionOptions(request.server.uh.db, ctx.lang),
    timeZoneOptions: timeZoneOptions(ctx.lang),
  });
}

/** The form again with the command's refusal beside its field. */
function refusedForm(request: FastifyRequest, reason: keyof typeof SAVE_ERRORS): FormState {
  const [field, message] = SAVE_ERRORS[reason];
  return withError(formValues(request.body), field, request.ctx.t(message));
}

/** Validates the form and runs the save: the form again with its errors (422), or the organization's page. */
async function submitForm(
  request: FastifyRequest,
  reply: FastifyReply,
  target: FormTarget,
  save: (form: OrganizationForm) => Promise<CreateOrganizationResult | EditOrganizationResult>,
  flashId: string,
) {
  const parsed = parseForm(organizationSchema, request.body, request.ctx.t);
  if (!parsed.ok) return reply.render(await renderForm(request, target, parsed.form), 422);
  const result = await save(parsed.data);
  if (!result.ok) return reply.render(await renderForm(request, target, refusedForm(request, result.reason)), 422);
  return reply.redirectWithFlash(`/${request.ctx.lang}/organizations/${result.slug}`, flashId);
}

const TOP_LEVEL: FormTarget = { mode: 'create', action: '/organizations/new', cancel: '/organizations', parentName: null };
const editTarget = (slug: string): FormTarget => ({
  mode: 'edit',
  action: `/organizations/${slug}/edit`,
  cancel: `/organizations/${slug}`,
  parentName: null,
});
const childTarget = (parent: { slug: string; name: LocalizedText }): FormTarget => ({
  mode: 'create',
  action: `/organizations/${parent.slug}/new`,
  cancel: `/organizations/${parent.slug}`,
  parentName: parent.name,
});

/** The directory, each organization's page, and creating and editing organizations. */
export function organizationPages(app: FastifyInstance): void {
  const { db } = app.uh;

  app.get<{ Querystring: Record<string, string> }>('/:lang/organizations', async (request, reply) => {
    const { ctx } = request;
    const parsed = parseForm(directoryQuerySchema, request.query, ctx.t);
    const filter = parsed.ok ? parsed.data : {};
    const page = filter.page ?? 1;
    const [regionIds, parent] = await Promise.all([
      filter.region ? descendantRegionIds(db, filter.region) : null,
      filter.parent ? findOrganizationById(db, filter.parent) : undefined,
    ]);
    const { rows, total } = await listDirectory(
      db,
      { regionIds, kind: filter.kind ?? null, parentId: filter.parent ?? null, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      ctx.lang,
    );
    const values = formValues(request.query);
    const kept = parsed.ok ? { region: values.region ?? '', kind: values.kind ?? '', parent: values.parent ?? '' } : {};
    const view = DirectoryPage({
      ctx,
      filters: parsed.ok ? emptyForm(values) : parsed.form,
      regionOptions: await loadRegionOptions(db, ctx.lang),
      kindOptions: kindOptions(ctx),
      entries: rows.map((r) => presentDirectoryEntry(ctx, r)),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      filterQuery: new URLSearchParams(Object.entries(kept).filter(([, v]) => v !== '')).toString(),
      parent: parent ? organizationLink(ctx, parent) : null,
      canCreateTopLevel: canCreateTopLevel(ctx.actor),
    });
    return reply.render(view, parsed.ok ? 200 : 422);
  });

  // A top-level organization (no parent): platform administrators only.
  app.get('/:lang/organizations/new', async (request, reply) => {
    authorize(canCreateTopLevel(requireActor(request.ctx)));
    return reply.render(await renderForm(request, TOP_LEVEL, emptyForm({ kind: 'labour_federation' })));
  });
  app.post('/:lang/organizations/new', async (request, reply) => {
    const actor = requireActor(request.ctx);
    authorize(canCreateTopLevel(actor));
    const save = (form: OrganizationForm) => createOrganization(commandDeps(request, actor), { parent: null, form });
    return submitForm(request, reply, TOP_LEVEL, save, 'organizations.flash.created');
  });

  app.get<SlugParams>('/:lang/organizations/:slug', async (request, reply) => {
    const { ctx } = request;
    const organization = await loadOrganizationDetail(request);
    const [parent, children, memberCount, links, region] = await Promise.all([
      organization.parentId ? findOrganizationById(db, organization.parentId) : undefined,
      listChildren(db, organization.id, ctx.lang, CHILDREN_SHOWN),
      countMembers(db, organization.id),
      loadOrganizationLinks(),
      organization.regionId ? findRegion(db, organization.regionId) : undefined,
    ]);
    const view = OrganizationPage({
      ctx,
      organization: presentOrganization(ctx, organization, region),
      parent: parent ? organizationLink(ctx, parent) : null,
      children: children.rows.map((c) => ({ ...organizationLink(ctx, c), kind: ctx.t(`organizations.kind.${c.kind}`) })),
      childrenTotal: children.total,
      allChildrenPath: `/organizations?parent=${organization.id}`,
      memberCount,
      links: links.map((l) => ({ label: ctx.t(l.labelId), path: l.path(organization.slug) })),
      can: organizationAbilities(ctx.actor, organization),
    });
    return reply.render(view);
  });

  // Editing: the organization's admins (or an ancestor's, or a platform administrator).
  app.get<SlugParams>('/:lang/organizations/:slug/edit', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const organization = await loadOrganizationDetail(request);
    authorize(canEditOrganization(actor, organization));
    return reply.render(await renderForm(request, editTarget(organization.slug), organizationFormValues(organization)));
  });
  app.post<SlugParams>('/:lang/organizations/:slug/edit', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const organization = await loadOrganizationDetail(request);
    authorize(canEditOrganization(actor, organization));
    const save = (form: OrganizationForm) => editOrganization(commandDeps(request, actor), { current: organization, form });
    return submitForm(request, reply, editTarget(organization.slug), save, 'organizations.flash.saved');
  });

  // A sub-organization: admins of this organization (or of an ancestor).
  app.get<SlugParams>('/:lang/organizations/:slug/new', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const parent = await loadOrganization(request);
    authorize(canCreateChild(actor, parent));
    const form = emptyForm({ kind: 'enterprise_union', region: parent.regionId ? String(parent.regionId) : '' });
    return reply.render(await renderForm(request, childTarget(parent), form));
  });
  app.post<SlugParams>('/:lang/organizations/:slug/new', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const parent = await loadOrganization(request);
    authorize(canCreateChild(actor, parent));
    const save = (form: OrganizationForm) => createOrganization(commandDeps(request, actor), { parent, form });
    return submitForm(request, reply, childTarget(parent), save, 'organizations.flash.created');
  });
}
