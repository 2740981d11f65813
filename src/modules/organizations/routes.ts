import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../core/errors.ts';
import { emptyForm, formValues, integer, optional, parseForm, withError } from '../../core/forms.ts';
import { pickLocalized, type LocalizedText } from '../../core/i18n.ts';
import type { OrganizationLink } from '../module.ts';
import { createOrganization } from './commands/create-organization.ts';
import { editOrganization } from './commands/edit-organization.ts';
import {
  ORGANIZATION_KINDS,
  countMembers,
  descendantRegionIds,
  findOrganizationById,
  findOrganizationDetail,
  findRegion,
  flattenRegionTree,
  listChildren,
  listDirectory,
  regionTree,
  type OrganizationDetail,
} from './queries.ts';
import { canCreateChild, canCreateTopLevel, canEditOrganization, organizationAbilities } from './policy.ts';
import { regionOptions } from './presenters.ts';
import { organizationSchema } from './schemas.ts';
import { DirectoryPage } from './views/directory-page.tsx';
import { OrganizationFormPage } from './views/organization-form-page.tsx';
import { OrganizationPage } from './views/organization-page.tsx';
import { memberRoutes } from './members-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { kindOptions, loadOrganization, requireActor } from './load.ts';

const PAGE_SIZE = 20;
/** Sub-organizations listed on an organization's page; the rest are a link away, in the directory. */
const CHILDREN_SHOWN = 30;

type SlugParams = { Params: { slug: string } };
async function regionSelectOptions(request: FastifyRequest) {
  return regionOptions(request.ctx.lang, flattenRegionTree(await regionTree(request.server.uh.db)));
}

/** The form's values from a stored organization, for the edit form. */
function formFromOrganization(o: OrganizationDetail) {
  const v: Record<string, string> = { kind: o.kind, slug: o.slug, region: o.regionId ? String(o.regionId) : '' };
  for (const l of ['fa', 'vi', 'en'] as const) {
    v[`name_${l}`] = o.name[l] ?? '';
    v[`description_${l}`] = o.description[l] ?? '';
  }
  return emptyForm(v);
}

const SAVE_ERRORS = { slugTaken: ['slug', 'organizations.form.slugTaken'], noSuchRegion: ['region', 'forms.invalidChoice'] } as const;

/** Links other modules declare for organization pages; loaded lazily because the registry imports this module. */
async function organizationLinks(): Promise<OrganizationLink[]> {
  const { modules } = await import('../registry.ts');
  return modules.flatMap((m) => m.organizationLinks ?? []);
}

/** The organizations' pages: directory, each organization, creating and editing, members, invitations, audit log. */
export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get<{ Querystring: Record<string, string> }>('/:lang/organizations', async (request, reply) => {
    const { ctx } = request;
    const parsed = parseForm(
      z.object({
        region: optional(integer({ min: 1 })),
        kind: optional(z.enum(ORGANIZATION_KINDS)),
        parent: optional(integer({ min: 1 })),
        page: optional(integer({ min: 1, max: 100_000 })),
      }),
      request.query,
      ctx.t,
    );
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
    const filterQuery = new URLSearchParams(Object.entries(kept).filter(([, v]) => v !== '')).toString();
    return reply.render(
      DirectoryPage({
        ctx,
        filters: parsed.ok ? emptyForm(values) : parsed.form,
        regionOptions: await regionSelectOptions(request),
        kindOptions: kindOptions(ctx),
        entries: rows.map((r) => ({
          slug: r.slug,
          name: pickLocalized(r.name, ctx.lang),
          kind: ctx.t(`organizations.kind.${r.kind}`),
          regionName: r.regionName ? pickLocalized(r.regionName, ctx.lang) : null,
          parentName: r.parentName ? pickLocalized(r.parentName, ctx.lang) : null,
          memberCount: r.memberCount,
        })),
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        filterQuery,
        parent: parent ? { slug: parent.slug, name: pickLocalized(parent.name, ctx.lang) } : null,
        canCreateTopLevel: canCreateTopLevel(ctx.actor),
      }),
      parsed.ok ? 200 : 422,
    );
  });

  // A top-level organization (no parent): platform administrators only.
  const renderCreateTop = async (request: FastifyRequest, form = emptyForm({ kind: 'labour_federation' })) =>
    OrganizationFormPage({
      ctx: request.ctx,
      mode: 'create',
      parentName: null,
      action: '/organizations/new',
      cancel: '/organizations',
      form,
      kindOptions: kindOptions(request.ctx),
      regionOptions: await regionSelectOptions(request),
    });
  app.get('/:lang/organizations/new', async (request, reply) => {
    authorize(canCreateTopLevel(requireActor(request)));
    return reply.render(await renderCreateTop(request));
  });
  app.post('/:lang/organizations/new', async (request, reply) => {
    const actor = requireActor(request);
    authorize(canCreateTopLevel(actor));
    const parsed = parseForm(organizationSchema, request.body, request.ctx.t);
    if (!parsed.ok) return reply.render(await renderCreateTop(request, parsed.form), 422);
    const result = await createOrganization(db, { userId: actor.userId, ip: request.ip }, null, parsed.data);
    if (!result.ok) {
      const [field, message] = SAVE_ERRORS[result.reason];
      return reply.render(await renderCreateTop(request, withError(formValues(request.body), field, request.ctx.t(message))), 422);
    }
    return reply.redirectWithFlash(`/${request.ctx.lang}/organizations/${result.slug}`, 'organizations.flash.created');
  });

  app.get<SlugParams>('/:lang/organizations/:slug', async (request, reply) => {
    const { ctx } = request;
    const organization = await findOrganizationDetail(db, request.params.slug);
    authorize(organization !== undefined);
    const [parent, children, memberCount, links, region] = await Promise.all([
      organization.parentId ? findOrganizationById(db, organization.parentId) : undefined,
      listChildren(db, organization.id, ctx.lang, CHILDREN_SHOWN),
      countMembers(db, organization.id),
      organizationLinks(),
      organization.regionId ? findRegion(db, organization.regionId) : undefined,
    ]);
    return reply.render(
      OrganizationPage({
        ctx,
        organization: {
          slug: organization.slug,
          name: pickLocalized(organization.name, ctx.lang),
          description: pickLocalized(organization.description, ctx.lang),
          kind: ctx.t(`organizations.kind.${organization.kind}`),
          regionName: region ? pickLocalized(region.name, ctx.lang) : null,
        },
        parent: parent ? { slug: parent.slug, name: pickLocalized(parent.name, ctx.lang) } : null,
        children: children.rows.map((c) => ({ slug: c.slug, name: pickLocalized(c.name, ctx.lang), kind: ctx.t(`organizations.kind.${c.kind}`) })),
        childrenTotal: children.total,
        allChildrenPath: `/organizations?parent=${organization.id}`,
        memberCount,
        links: links.map((l) => ({ label: ctx.t(l.labelId), path: l.path(organization.slug) })),
        can: organizationAbilities(ctx.actor, organization),
      }),
    );
  });

  // Editing: the organization's admins (or an ancestor's, or a platform administrator).
  const renderEdit = async (request: FastifyRequest, slug: string, form: ReturnType<typeof emptyForm>) =>
    OrganizationFormPage({
      ctx: request.ctx,
      mode: 'edit',
      parentName: null,
      action: `/organizations/${slug}/edit`,
      cancel: `/organizations/${slug}`,
      form,
      kindOptions: kindOptions(request.ctx),
      regionOptions: await regionSelectOptions(request),
    });
  app.get<SlugParams>('/:lang/organizations/:slug/edit', async (request, reply) => {
    const actor = requireActor(request);
    const organization = await findOrganizationDetail(db, request.params.slug);
    authorize(organization !== undefined && canEditOrganization(actor, organization));
    return reply.render(await renderEdit(request, organization.slug, formFromOrganization(organization)));
  });
  app.post<SlugParams>('/:lang/organizations/:slug/edit', async (request, reply) => {
    const actor = requireActor(request);
    const organization = await findOrganizationDetail(db, request.params.slug);
    authorize(organization !== undefined && canEditOrganization(actor, organization));
    const parsed = parseForm(organizationSchema, request.body, request.ctx.t);
    if (!parsed.ok) return reply.render(await renderEdit(request, organization.slug, parsed.form), 422);
    const result = await editOrganization(db, { userId: actor.userId, ip: request.ip }, organization, parsed.data);
    if (!result.ok) {
      const [field, message] = SAVE_ERRORS[result.reason];
      return reply.render(await renderEdit(request, organization.slug, withError(formValues(request.body), field, request.ctx.t(message))), 422);
    }
    return reply.redirectWithFlash(`/${request.ctx.lang}/organizations/${result.slug}`, 'organizations.flash.saved');
  });

  // A sub-organization: admins of this organization (or of an ancestor).
  const renderCreateChild = async (request: FastifyRequest, parent: { slug: string; name: LocalizedText }, form: ReturnType<typeof emptyForm>) =>
    OrganizationFormPage({
      ctx: request.ctx,
      mode: 'create',
      parentName: pickLocalized(parent.name, request.ctx.lang),
      action: `/organizations/${parent.slug}/new`,
      cancel: `/organizations/${parent.slug}`,
      form,
      kindOptions: kindOptions(request.ctx),
      regionOptions: await regionSelectOptions(request),
    });
  app.get<SlugParams>('/:lang/organizations/:slug/new', async (request, reply) => {
    const actor = requireActor(request);
    const parent = await loadOrganization(request);
    authorize(canCreateChild(actor, parent));
    return reply.render(await renderCreateChild(request, parent, emptyForm({ kind: 'enterprise_union', region: parent.regionId ? String(parent.regionId) : '' })));
  });
  app.post<SlugParams>('/:lang/organizations/:slug/new', async (request, reply) => {
    const actor = requireActor(request);
    const parent = await loadOrganization(request);
    authorize(canCreateChild(actor, parent));
    const parsed = parseForm(organizationSchema, request.body, request.ctx.t);
    if (!parsed.ok) return reply.render(await renderCreateChild(request, parent, parsed.form), 422);
    const result = await createOrganization(db, { userId: actor.userId, ip: request.ip }, parent, parsed.data);
    if (!result.ok) {
      const [field, message] = SAVE_ERRORS[result.reason];
      return reply.render(await renderCreateChild(request, parent, withError(formValues(request.body), field, request.ctx.t(message))), 422);
    }
    return reply.redirectWithFlash(`/${request.ctx.lang}/organizations/${result.slug}`, 'organizations.flash.created');
  });

  await app.register(memberRoutes);
  await app.register(auditRoutes);
  await app.register(invitationRoutes);
}
