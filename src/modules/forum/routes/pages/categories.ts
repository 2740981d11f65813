import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, type FormState } from '../../../../core/forms.ts';
import { pickLocalized, type LocalizedText } from '../../../../core/i18n.ts';
import { href } from '../../../../ui/layout.tsx';
import { saveCategory } from '../../commands/save-category.ts';
import { canManageCategories } from '../../policy.ts';
import { findCategory, type CategoryContextRow } from '../../queries/categories.ts';
import { categorySchema } from '../../schemas.ts';
import { CategoryFormPage } from '../../views/category-form-page.tsx';
import { forumDeps } from '../../loaders.ts';
import { findOrganizationBySlug, type OrganizationSummary } from '../../../organizations/index.ts';

type Params = { Params: { slug: string; categorySlug?: string } };

function categoryValues(category: CategoryContextRow): Record<string, string> {
  return {
    slug: category.slug,
    name_fa: category.name.fa ?? '',
    name_vi: category.name.vi ?? '',
    name_en: category.name.en ?? '',
    description_fa: category.description.fa ?? '',
    description_vi: category.description.vi ?? '',
    description_en: category.description.en ?? '',
    visibility: category.visibility,
    position: String(category.position),
  };
}

/** Creating and editing categories: the organization's admins and moderators. */
export async function categoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  async function load(request: FastifyRequest<Params>) {
    const deps = forumDeps(request);
    const organization = await findOrganizationBySlug(db, request.params.slug);
    authorize(!!organization && canManageCategories(deps.actor, { id: organization.id, ancestorIds: organization.ancestorIds }));
    let category: CategoryContextRow | undefined;
    if (request.params.categorySlug !== undefined) {
      category = await findCategory(db, organization.slug, request.params.categorySlug, deps.actor);
      authorize(!!category);
    }
    return { deps, organization, category };
  }

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    organization: OrganizationSummary,
    form: FormState,
    editing: string | null,
    status = 200,
  ) {
    const { ctx } = request;
    const base = `/organizations/${organization.slug}/forum`;
    return reply.render(
      CategoryFormPage({
        ctx,
        crumbs: [{ label: ctx.t('forum.organization.title', { organization: pickLocalized(organization.name, ctx.lang) }), path: base }],
        form,
        action: href(ctx, editing ? `${base}/categories/${editing}/edit` : `${base}/categories/new`),
        editing: editing !== null,
      }),
      status,
    );
  }

  async function submit(request: FastifyRequest<Params>, reply: FastifyReply) {
    const { ctx } = request;
    const { deps, organization, category } = await load(request);
    const editing = category?.slug ?? null;
    const parsed = parseForm(categorySchema, request.body, ctx.t);
    if (!parsed.ok) return render(request, reply, organization, parsed.form, editing, 422);
    const d = parsed.data;
    const values = formValues(request.body);
    const name: LocalizedText = {
      ...(d.name_fa && { fa: d.name_fa }),
      ...(d.name_vi && { vi: d.name_vi }),
      ...(d.name_en && { en: d.name_en }),
    };
    if (Object.keys(name).length === 0)
      return render(
        request,
        reply,
        organization,
        { values, errors: { [`name_${ctx.lang}`]: ctx.t('forum.errors.nameRequired') } },
        editing,
        422,
      );
    const description: LocalizedText = {
      ...(d.description_fa && { fa: d.description_fa }),
      ...(d.description_vi && { vi: d.description_vi }),
      ...(d.description_en && { en: d.description_en }),
    };
    const result = await saveCategory(deps, {
      organizationId: organization.id,
      categoryId: category?.id,
      category: { slug: d.slug, name, description, visibility: d.visibility, position: d.position },
    });
    if (!result.ok)
      return render(request, reply, organization, { values, errors: { slug: ctx.t('forum.errors.slugTaken') } }, editing, 422);
    return reply.redirectWithFlash(
      href(ctx, `/organizations/${organization.slug}/forum/${d.slug}`),
      category ? 'forum.flash.categoryUpdated' : 'forum.flash.categoryCreated',
    );
  }

  app.get<Params>('/:lang/organizations/:slug/forum/categories/new', async (request, reply) => {
    const { organization } = await load(request);
    return render(request, reply, organization, emptyForm({ visibility: 'members', position: '0' }), null);
  });
  app.post<Params>('/:lang/organizations/:slug/forum/categories/new', submit);

  app.get<Params>('/:lang/organizations/:slug/forum/categories/:categorySlug/edit', async (request, reply) => {
    const { organization, category } = await load(request);
    authorize(category !== undefined);
    return render(request, reply, organization, emptyForm(categoryValues(category)), category.slug);
  });
  app.post<Params>('/:lang/organizations/:slug/forum/categories/:categorySlug/edit', submit);
}
