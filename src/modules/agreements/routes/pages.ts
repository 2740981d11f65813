import type { FastifyInstance } from 'fastify';
import { toGregorian } from 'jalaali-js';
import type { RequestContext } from '../../core/context.ts';
import type { Actor } from '../../core/authorization.ts';
import { LoginRequiredError, NotFoundError, authorize, permit } from '../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../core/forms.ts';
import { dateInputValue } from '../../core/dates.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { filesOf } from '../../core/uploads.ts';
import type { Queryable } from '../../db/database.ts';
import { findOrganizationBySlug, findOrganizationsByIds, listOrganizationsForSelect } from '../organizations/index.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { agreementAreaProgressFor, progressByAgreementArea } from '../programs/index.ts';
import { agreementAbilities, canCreateAgreementFor, canViewAgreement, canViewDocuments } from './policy.ts';
import { agreementRef, presentAgreement, presentAgreementDetail } from './presenters.ts';
import { findAgreement, findDocument, findPartyOrganizations, listVisibleAgreements, type AgreementDetail, type AgreementInput } from './queries.ts';
import { agreementFormSchema, agreementPageFormSchema, partiesOf, type AgreementForm } from './schemas.ts';
import { prepareDocument } from './documents.ts';
import { saveAgreement } from './commands/save-agreement.ts';
import { addAreas, addDocument, addTarget, editArea } from './commands/add-to-agreement.ts';
import { AgreementListPage } from './views/agreement-list-page.tsx';
import { AgreementFormPage } from './views/agreement-form-page.tsx';
import { AgreementPage, type AgreementPageForms } from './views/agreement-page.tsx';

type Params = { id: string };

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new LoginRequiredError();
  return ctx.actor;
}

/** A positive id from a URL parameter, or 404. */
export function idParam(value: unknown): number {
  const id = typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

/** Loads an agreement the viewer may see; 404 when it does not exist or is a draft of others (one answer). */
export async function loadVisibleAgreement(db: Queryable, actor: Actor | null, id: number): Promise<AgreementDetail> {
  const agreement = await findAgreement(db, id);
  authorize(!!agreement && canViewAgreement(actor, agreementRef(agreement)));
  return agreement;
}

/** Every organization for the party selects, and whether the actor may create an agreement for any. */
async function partyChoices(db: Queryable, actor: Actor | null, lang: RequestContext['lang']) {
  const all = await listOrganizationsForSelect(db, lang);
  const refs = await findOrganizationsByIds(db, all.map((o) => o.id));
  // bigint[] columns arrive as strings; the policy compares numbers.
  const canCreateAny = refs.some((r) => canCreateAgreementFor(actor, { id: r.id, ancestorIds: r.ancestorIds.map(Number) }));
  return { options: all.map((o): [string, string] => [String(o.id), `${'— '.repeat(o.depth)}${o.name}`]), canCreateAny };
}

/** Turns valid form data into the command's input. */
export function agreementInputFrom(data: AgreementForm): AgreementInput {
  return {
    title: data.title,
    signedOn: data.signedOn ?? null,
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    goals: data.goals ?? '',
    status: data.status,
    parties: partiesOf(data as unknown as Record<string, unknown>),
  };
}

/** Among the parties, one where the actor is coordinator or admin; all parties must exist. */
export async function checkParties(db: Queryable, actor: Actor, parties: AgreementInput['parties']): Promise<'ok' | 'unknown' | 'notYours'> {
  const found = await findPartyOrganizations(db, parties.map((p) => p.organizationId));
  if (found.length !== parties.length) return 'unknown';
  return found.some((o) => canCreateAgreementFor(actor, o)) ? 'ok' : 'notYours';
}

const emptyPageForms = (): AgreementPageForms => ({ areas: emptyForm(), target: emptyForm(), document: emptyForm(), area: emptyForm() });

/** The agreements' pages: list, create, edit, each agreement with its areas, targets, progress and documents. */
export async function agreementRoutes(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  app.get('/:lang/agreements', async (request, reply) => {
    const { ctx } = request;
    const [agreements, choices] = await Promise.all([listVisibleAgreements(db, ctx.actor, { limit: 200, offset: 0 }), partyChoices(db, ctx.actor, ctx.lang)]);
    return reply.render(AgreementListPage({ ctx, agreements: agreements.map((a) => presentAgreement(a, ctx.lang)), canCreate: choices.canCreateAny }));
  });

  app.get<{ Params: { slug: string } }>('/:lang/organizations/:slug/agreements', async (request, reply) => {
    const { ctx } = request;
    const organization = await findOrganizationBySlug(db, request.params.slug);
    authorize(!!organization);
    const [agreements, choices] = await Promise.all([
      listVisibleAgreements(db, ctx.actor, { limit: 200, offset: 0 }, organization.id),
      partyChoices(db, ctx.actor, ctx.lang),
    ]);
    return reply.render(
      AgreementListPage({ ctx, agreements: agreements.map((a) => presentAgreement(a, ctx.lang)), canCreate: choices.canCreateAny, organizationName: pickLocalized(organization.name, ctx.lang) }),
    );
  });

  const renderForm = async (ctx: RequestContext, form: FormState, agreementId: number | null) => {
    const choices = await partyChoices(db, ctx.actor, ctx.lang);
    return AgreementFormPage({ ctx, form, agreementId, organizationOptions: choices.options });
  };

  /** Validates the agreement form and its parties; the data or the form to show again. */
  const readForm = async (ctx: RequestContext, actor: Actor, body: unknown): Promise<{ ok: true; input: AgreementInput; areas: string[] } | { ok: false; form: FormState }> => {
    const parsed = parseForm(agreementFormSchema(ctx.lang), body, ctx.t);
    if (!parsed.ok) return parsed;
    const input = agreementInputFrom(parsed.data);
    const check = await checkParties(db, actor, input.parties);
    if (check !== 'ok') return { ok: false, form: withError(formValues(body), 'party1', ctx.t(check === 'unknown' ? 'forms.invalidChoice' : 'agreements.form.notYourParty')) };
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
    const result = await saveAgreement(db, { userId: actor.userId, ip: ctx.ip }, null, read.input, read.areas);
    return reply.redirectWithFlash(`/${ctx.lang}/agreements/${result.id}`, 'agreements.flash.created');
  });

  const renderPage = async (ctx: RequestContext, agreement: AgreementDetail, forms: AgreementPageForms) => {
    const progress = agreementAreaProgressFor(ctx.actor, await progressByAgreementArea(db, agreement.areas.map((a) => a.id)));
    const can = agreementAbilities(ctx.actor, agreementRef(agreement));
    return AgreementPage({ ctx, agreement: presentAgreementDetail(agreement, ctx.lang, progress, can.viewDocuments), can, forms });
  };

  app.get<{ Params: Params }>('/:lang/agreements/:id', async (request, reply) => {
    const { ctx } = request;
    const agreement = await loadVisibleAgreement(db, ctx.actor, idParam(request.params.id));
    return reply.render(await renderPage(ctx, agreement, emptyPageForms()));
  });

  app.post<{ Params: Params }>('/:lang/agreements/:id', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const agreement = await loadVisibleAgreement(db, actor, idParam(request.params.id));
    permit(agreementAbilities(actor, agreementRef(agreement)).edit);
    const target = { id: agreement.id, partyIds: agreement.parties.map((p) => p.id) };
    const who = { userId: actor.userId, ip: ctx.ip };
    const back = `/${ctx.lang}/agreements/${agreement.id}`;
    const parsed = parseForm(agreementPageFormSchema, request.body, ctx.t);
    const intent = (request.body as Record<string, unknown> | undefined)?.intent;
    const slot: keyof AgreementPageForms = intent === 'target' ? 'target' : intent === 'document' ? 'document' : intent === 'area' ? 'area' : 'areas';
    const fail = async (form: FormState) => reply.render(await renderPage(ctx, agreement, { ...emptyPageForms(), [slot]: form }), 422);
    if (!parsed.ok) return fail(parsed.form);
    const data = parsed.data;
    if (data.intent === 'areas') {
      const result = await addAreas(db, who, target, parseNumberedList(data.areas));
      return reply.redirectWithFlash(back, 'agreements.flash.areasAdded', 'success', { count: result.count });
    }
    if (data.intent === 'area') {
      const previous = agreement.areas.find((a) => a.id === data.areaId);
      if (!previous) return fail(withError(formValues(request.body), 'description', ctx.t('forms.invalidChoice')));
      await editArea(db, who, target, { areaId: data.areaId, description: data.description, previous: previous.description });
      return reply.redirectWithFlash(`${back}#area-${previous.number}`, 'agreements.flash.areaEdited');
    }
    if (data.intent === 'target') {
      // On Persian pages a year before 1700 is a Jalali year; targets are kept by Gregorian year.
      const year = ctx.lang === 'fa' && data.year < 1700 ? toGregorian(data.year, 1, 1).gy : data.year;
      if (year < 1900) return fail(withError(formValues(request.body), 'year', ctx.t('dates.impossible')));
      const result = await addTarget(db, who, target, { areaId: data.areaId, year, target: data.target, amount: data.amount ?? null, unit: data.unit ?? '' });
      if (!result.ok) return fail(withError(formValues(request.body), 'areaId', ctx.t('forms.invalidChoice')));
      return reply.redirectWithFlash(back, 'agreements.flash.targetAdded');
    }
    const files = filesOf(request.body, 'document');
    if (files.length !== 1) return fail(withError({}, 'document', ctx.t(files.length === 0 ? 'agreements.document.missing' : 'agreements.document.oneAtATime')));
    const prepared = await prepareDocument(files[0]!);
    if (!prepared.ok) return fail(withError({}, 'document', ctx.t(prepared.messageId)));
    await addDocument(db, who, target, prepared);
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
    const { ctx } = request;
    const actor = requireActor(ctx);
    const agreement = await loadVisibleAgreement(db, actor, idParam(request.params.id));
    permit(agreementAbilities(actor, agreementRef(agreement)).edit);
    const values: Record<string, string> = {
      title: agreement.title,
      signedOn: dateInputValue(agreement.signedOn, ctx.lang),
      periodStart: dateInputValue(agreement.periodStart, ctx.lang),
      periodEnd: dateInputValue(agreement.periodEnd, ctx.lang),
      goals: agreement.goals,
      status: agreement.status,
    };
    agreement.parties.forEach((p, i) => {
      values[`party${i + 1}`] = String(p.id);
      values[`signatory${i + 1}`] = p.signatoryName;
      values[`signatoryRole${i + 1}`] = p.signatoryRole;
    });
    return reply.render(await renderForm(ctx, emptyForm(values), agreement.id));
  });

  app.post<{ Params: Params }>('/:lang/agreements/:id/edit', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const agreement = await loadVisibleAgreement(db, actor, idParam(request.params.id));
    permit(agreementAbilities(actor, agreementRef(agreement)).edit);
    const read = await readForm(ctx, actor, request.body);
    if (!read.ok) return reply.render(await renderForm(ctx, read.form, agreement.id), 422);
    await saveAgreement(db, { userId: actor.userId, ip: ctx.ip }, agreement.id, read.input);
    return reply.redirectWithFlash(`/${ctx.lang}/agreements/${agreement.id}`, 'agreements.flash.updated');
  });
}
