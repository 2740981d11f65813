import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../../core/context.ts';
import type { Actor } from '../../../core/authorization.ts';
import { commandDeps } from '../../../core/commands.ts';
import { authorize, permit } from '../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../core/forms.ts';
import { dateInputValue, gregorianYearOf } from '../../../core/dates.ts';
import { pickLocalized, type Lang } from '../../../core/i18n.ts';
import { parseNumberedList } from '../../../core/numbered-list.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { filesOf } from '../../../core/uploads.ts';
import { findOrganizationBySlug } from '../../organizations/index.ts';
import { agreementAbilities, canViewDocuments } from '../policy.ts';
import { agreementRef, presentAgreement } from '../presenters.ts';
import { findDocument, type AgreementDetail, type AgreementInput } from '../queries.ts';
import { agreementFormSchema, agreementInputFrom, areaFormSchema, areasFormSchema, targetFormSchema } from '../schemas.ts';
import { checkParties, loadVisibleAgreement, loadVisibleAgreements, partyChoices, presentAgreementFor } from '../loaders.ts';
import { prepareDocument } from '../domain/documents.ts';
import { saveAgreement } from '../commands/save-agreement.ts';
import { addAreas } from '../commands/add-areas.ts';
import { addTarget } from '../commands/add-target.ts';
import { addDocument } from '../commands/add-document.ts';
import { editArea } from '../commands/edit-area.ts';
import { AgreementListPage } from '../views/agreement-list-page.tsx';
import { AgreementFormPage } from '../views/agreement-form-page.tsx';
import { AgreementPage, type AgreementPageForms } from '../views/agreement-page.tsx';

type Params = { id: string };

const emptyPageForms = (): AgreementPageForms => ({ areas: emptyForm(), target: emptyForm(), document: emptyForm(), area: emptyForm() });

/** The form's values when editing a saved agreement. */
function valuesOf(agreement: AgreementDetail, lang: Lang): Record<string, string> {
  const values: Record<string, string> = {
    title: agreement.title,
    signedOn: dateInputValue(agreement.signedOn, lang),
    periodStart: dateInputValue(agreement.periodStart, lang),
    periodEnd: dateInputValue(agreement.periodEnd, lang),
    goals: agreement.goals,
    status: agreement.status,
  };
  agreement.parties.forEach((p, i) => {
    values[`party${i + 1}`] = String(p.id);
    values[`signatory${i + 1}`] = p.signatoryName;
    values[`signatoryRole${i + 1}`] = p.signatoryRole;
  });
  return values;
}

/** The agreements' pages: list, create, edit, each agreement with its areas, targets, progress and documents. */
export async function agreementPages(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  app.get('/:lang/agreements', async (request, reply) => {
    const { ctx } = request;
    const [agreements, choices] = await Promise.all([
      loadVisibleAgreements(db, ctx.actor, { limit: 200, offset: 0 }),
      partyChoices(db, ctx.actor, ctx.lang),
    ]);
    return reply.render(
      AgreementListPage({ ctx, agreements: agreements.map((a) => presentAgreement(a, ctx.lang)), canCreate: choices.canCreateAny }),
    );
  });

  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/agreements', async (request, reply) => {
    const { ctx } = request;
    const organization = await findOrganizationBySlug(db, request.params.slug);
    authorize(!!organization);
    const [agreements, choices] = await Promise.all([
      loadVisibleAgreements(db, ctx.actor, { limit: 200, offset: 0 }, organization.id),
      partyChoices(db, ctx.actor, ctx.lang),
    ]);
    return reply.render(
      AgreementListPage({
        ctx,
        agreements: agreements.map((a) => presentAgreement(a, ctx.lang)),
        canCreate: choices.canCreateAny,
        organizationName: pickLocalized(organization.name, ctx.lang),
      }),
    );
  });

  const renderForm = async (ctx: RequestContext, form: FormState, agreementId: number | null) => {
    const choices = await partyChoices(db, ctx.actor, ctx.lang);
    return AgreementFormPage({ ctx, form, agreementId, organizationOptions: choices.options });
  };

  /** Validates the agreement form and its parties; the data or the form to show again. */
  const readForm = async (
    ctx: RequestContext,
    actor: Actor,
    body: unknown,
  ): Promise<{ ok: true; input: AgreementInput; areas: string[] } | { ok: false; form: FormState }> => {
    const parsed = parseForm(agreementFormSchema(ctx.lang), body, ctx.t);
    if (!parsed.ok) return parsed;
    const input = agreementInputFrom(parsed.data);
    const check = await checkParties(db, actor, input.parties);
    if (check !== 'ok')
      return {
        ok: false,
        form: withError(formValues(body), 'party1', ctx.t(check === 'unknown' ? 'forms.invalidChoice' : 'agreements.form.notYourParty')),
      };
    return { ok: true, input, areas: parseNumberedList(parsed.data.areas ?? '') };
  };

  app.get('/:lang/agreements/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    permit((await partyChoices(db, actor, ctx.lang)).canCreateAny);
    return reply.render(await renderForm(ctx, emptyForm({ status: 'draft' }), null));
  });

  app.post('/:lang/agreements/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    permit((await partyChoices(db, actor, ctx.lang)).canCreateAny);
    const read = await readForm(ctx, actor, request.body);
    if (!read.ok) return reply.render(await renderForm(ctx, read.form, null), 422);
    const result = await saveAgreement(commandDeps(request, actor), { agreementId: null, agreement: read.input, areas: read.areas });
    return reply.redirectWithFlash(`/${ctx.lang}/agreements/${result.id}`, 'agreements.flash.created');
  });

  const renderPage = async (ctx: RequestContext, agreement: AgreementDetail, forms: AgreementPageForms) => {
    return AgreementPage({ ctx, ...(await presentAgreementFor(db, ctx.actor, agreement, ctx.lang)), forms });
  };

  /** The agreement page again with one of its forms showing what was wrong (422). */
  const failOn =
    (reply: FastifyReply, ctx: RequestContext, agreement: AgreementDetail, slot: keyof AgreementPageForms) => async (form: FormState) =>
      reply.render(await renderPage(ctx, agreement, { ...emptyPageForms(), [slot]: form }), 422);

  /** An agreement the actor edits (coordinators and admins of a party), with what its commands need. */
  const editable = async (request: FastifyRequest<{ Params: Params }>) => {
    const actor = requireActor(request.ctx);
    const agreement = await loadVisibleAgreement(db, actor, idParam(request.params.id));
    permit(agreementAbilities(actor, agreementRef(agreement)).edit);
    const ref = { id: agreement.id, partyIds: agreement.parties.map((p) => p.id) };
    return { deps: commandDeps(request, actor), agreement, ref, back: `/${request.ctx.lang}/agreements/${agreement.id}` };
  };

  app.get<{ Params: Params }>('/:lang/agreements/:id', async (request, reply) => {
    const { ctx } = request;
    const agreement = await loadVisibleAgreement(db, ctx.actor, idParam(request.params.id));
    return reply.render(await renderPage(ctx, agreement, emptyPageForms()));
  });

  app.post<{ Params: Params }>('/:lang/agreements/:id/areas', async (request, reply) => {
    const { deps, agreement, ref, back } = await editable(request);
    const parsed = parseForm(areasFormSchema, request.body, request.ctx.t);
    if (!parsed.ok) return failOn(reply, request.ctx, agreement, 'areas')(parsed.form);
    const result = await addAreas(deps, { agreement: ref, descriptions: parseNumberedList(parsed.data.areas) });
    return reply.redirectWithFlash(back, 'agreements.flash.areasAdded', 'success', { count: result.count });
  });

  app.post<{ Params: Params & { areaId: string } }>('/:lang/agreements/:id/areas/:areaId/edit', async (request, reply) => {
    const { deps, agreement, ref, back } = await editable(request);
    const previous = agreement.areas.find((a) => a.id === idParam(request.params.areaId));
    authorize(!!previous);
    const parsed = parseForm(areaFormSchema, request.body, request.ctx.t);
    // The form's values name the area, so the page opens that area's form with its error.
    if (!parsed.ok)
      return failOn(
        reply,
        request.ctx,
        agreement,
        'area',
      )({ ...parsed.form, values: { ...parsed.form.values, areaId: String(previous.id) } });
    await editArea(deps, { agreement: ref, areaId: previous.id, description: parsed.data.description, previous: previous.description });
    return reply.redirectWithFlash(`${back}#area-${previous.number}`, 'agreements.flash.areaEdited');
  });

  app.post<{ Params: Params }>('/:lang/agreements/:id/targets', async (request, reply) => {
    const { ctx } = request;
    const { deps, agreement, ref, back } = await editable(request);
    const fail = failOn(reply, ctx, agreement, 'target');
    const parsed = parseForm(targetFormSchema, request.body, ctx.t);
    if (!parsed.ok) return fail(parsed.form);
    const data = parsed.data;
    // Targets are kept by Gregorian year (a Jalali year typed on a Persian page: the year it starts in).
    const year = gregorianYearOf(data.year, ctx.lang);
    if (year < 1900) return fail(withError(formValues(request.body), 'year', ctx.t('dates.impossible')));
    const result = await addTarget(deps, {
      agreement: ref,
      areaId: data.areaId,
      year,
      target: data.target,
      amount: data.amount ?? null,
      unit: data.unit ?? '',
    });
    if (!result.ok) return fail(withError(formValues(request.body), 'areaId', ctx.t('forms.invalidChoice')));
    return reply.redirectWithFlash(back, 'agreements.flash.targetAdded');
  });

  app.post<{ Params: Params }>('/:lang/agreements/:id/documents', async (request, reply) => {
    const { ctx } = request;
    const { deps, agreement, ref, back } = await editable(request);
    const fail = failOn(reply, ctx, agreement, 'document');
    const files = filesOf(request.body, 'document');
    const [file] = files;
    if (!file || files.length !== 1)
      return fail(withError({}, 'document', ctx.t(files.length === 0 ? 'agreements.document.missing' : 'agreements.document.oneAtATime')));
    const prepared = await prepareDocument(file);
    if (!prepared.ok) return fail(withError({}, 'document', ctx.t(prepared.messageId)));
    await addDocument(deps, { agreement: ref, file: prepared });
    return reply.redirectWithFlash(back, 'agreements.flash.documentAdded');
  });

  app.get<{ Params: Params & { documentId: string } }>('/:lang/agreements/:id/documents/:documentId', async (request, reply) => {
    const { ctx } = request;
    const agreement = await loadVisibleAgreement(db, ctx.actor, idParam(request.params.id));
    authorize(canViewDocuments(ctx.actor, agreementRef(agreement)));
    const document = await findDocument(db, agreement.id, idParam(request.params.documentId));
    authorize(!!document);
    return reply
      .header('content-type', document.contentType)
      .header('content-disposition', `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(document.filename)}`)
      .header('cache-control', 'private, max-age=0')
      .header('x-content-type-options', 'nosniff')
      .send(document.data);
  });

  app.get<{ Params: Params }>('/:lang/agreements/:id/edit', async (request, reply) => {
    const { agreement } = await editable(request);
    return reply.render(await renderForm(request.ctx, emptyForm(valuesOf(agreement, request.ctx.lang)), agreement.id));
  });

  app.post<{ Params: Params }>('/:lang/agreements/:id/edit', async (request, reply) => {
    const { ctx } = request;
    const { deps, agreement, back } = await editable(request);
    const read = await readForm(ctx, deps.actor, request.body);
    if (!read.ok) return reply.render(await renderForm(ctx, read.form, agreement.id), 422);
    await saveAgreement(deps, { agreementId: agreement.id, agreement: read.input });
    return reply.redirectWithFlash(back, 'agreements.flash.updated');
  });
}
