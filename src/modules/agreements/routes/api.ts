import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, apiRefusals, apiSecurity, idPathSegment, visitorOrApiSecurity } from '../../../core/api-docs.ts';
import { commandDeps } from '../../../core/commands.ts';
import { formBodyFromJson } from '../../../core/form-body.ts';
import { parseForm } from '../../../core/forms.ts';
import { parseNumberedList } from '../../../core/numbered-list.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { presentAgreement, presentAgreementDetail } from '../presenters.ts';
import {
  agreementDetailJson,
  agreementFormSchema,
  agreementInputFrom,
  agreementJson,
  agreementListQuery,
  MAX_PARTIES,
} from '../schemas.ts';
import { checkParties, loadAgreement, loadVisibleAgreement, loadVisibleAgreements, presentAgreementFor } from '../loaders.ts';
import { saveAgreement } from '../commands/save-agreement.ts';

const tags = ['agreements'];
const params = z.object({ id: idPathSegment() });

/** The API's agreement body as the form's fields: parties as [{organizationId, signatoryName, signatoryRole}], areas as a list or pasted text. */
function agreementFields(body: unknown): Record<string, unknown> {
  const json = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = { ...json };
  const parties = Array.isArray(json.parties) ? json.parties.slice(0, MAX_PARTIES) : [];
  parties.forEach((p, i) => {
    const party = (p ?? {}) as Record<string, unknown>;
    fields[`party${i + 1}`] = party.organizationId;
    fields[`signatory${i + 1}`] = party.signatoryName;
    fields[`signatoryRole${i + 1}`] = party.signatoryRole;
  });
  if (Array.isArray(json.areas)) fields.areas = json.areas.map((a, i) => `${i + 1}. ${String(a)}`).join('\n');
  return formBodyFromJson(fields);
}

/** The agreements' JSON API under /api/v1, with the same permissions as the pages. Dates are ISO (YYYY-MM-DD). */
export async function agreementApi(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  const listSchema = {
    tags,
    summary: 'Cooperation agreements: all but drafts, plus drafts of organizations you hold a role in',
    security: visitorOrApiSecurity,
    querystring: agreementListQuery,
    response: { 200: z.object({ agreements: z.array(agreementJson) }), 400: apiErrorSchema },
  };
  app.get('/api/v1/agreements', { schema: listSchema }, async (request, reply) => {
    const { ctx } = request;
    const page = agreementListQuery.safeParse(request.query ?? {});
    if (!page.success) return reply.code(400).send({ error: { code: 'badRequest', message: ctx.t('errors.badRequest') } });
    const rows = await loadVisibleAgreements(db, ctx.actor, page.data);
    return { agreements: rows.map((a) => presentAgreement(a, ctx.lang)) };
  });

  const detailSchema = {
    tags,
    summary: 'One agreement with its areas, yearly targets, progress and (for those who may see them) documents',
    security: visitorOrApiSecurity,
    params,
    response: {
      200: z.object({ agreement: agreementDetailJson, abilities: z.object({ edit: z.boolean(), viewDocuments: z.boolean() }) }),
      ...apiRefusals,
    },
  };
  app.get<{ Params: { id: string } }>('/api/v1/agreements/:id', { schema: detailSchema }, async (request) => {
    const { ctx } = request;
    const agreement = await loadVisibleAgreement(db, ctx.actor, idParam(request.params.id));
    const shown = await presentAgreementFor(db, ctx.actor, agreement, ctx.lang);
    return { agreement: shown.agreement, abilities: shown.can };
  });

  const createSchema = {
    tags,
    summary: 'Create an agreement (coordinators and admins of one of its parties)',
    security: apiSecurity,
    response: { 201: z.object({ agreement: agreementDetailJson }), 422: apiErrorSchema, ...apiRefusals },
  };
  app.post('/api/v1/agreements', { schema: createSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(agreementFormSchema('en'), agreementFields(request.body), ctx.t);
    if (!parsed.ok)
      return reply.code(422).send({ error: { code: 'invalid', message: ctx.t('errors.badRequest'), fields: parsed.form.errors } });
    const input = agreementInputFrom(parsed.data);
    const check = await checkParties(db, actor, input.parties);
    if (check !== 'ok') {
      const message = ctx.t(check === 'unknown' ? 'forms.invalidChoice' : 'agreements.form.notYourParty');
      return reply.code(422).send({ error: { code: 'invalid', message, fields: { parties: message } } });
    }
    const result = await saveAgreement(commandDeps(request, actor), {
      agreementId: null,
      agreement: input,
      areas: parseNumberedList(parsed.data.areas ?? ''),
    });
    const agreement = await loadAgreement(db, result.id);
    if (!agreement) throw new Error(`Agreement ${result.id}, just saved, is missing`);
    return reply.code(201).send({ agreement: presentAgreementDetail(agreement, ctx.lang, new Map(), true) });
  });
}
