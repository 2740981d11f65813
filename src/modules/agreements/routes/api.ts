import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  apiQueryRefusals,
  apiRefusals,
  apiSecurity,
  apiWriteRefusals,
  idPathSegment,
  visitorOrApiSecurity,
} from '../../../core/api-docs.ts';
import { commandDeps } from '../../../core/commands.ts';
import { invalidInput } from '../../../core/api-validation.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { presentAgreement, presentAgreementDetail } from '../presenters.ts';
import { agreementDetailJson, agreementJson, agreementJsonBody, agreementListQuery } from '../schemas.ts';
import { checkParties, loadAgreement, loadVisibleAgreement, loadVisibleAgreements, presentAgreementFor } from '../loaders.ts';
import { saveAgreement } from '../commands/save-agreement.ts';

const tags = ['agreements'];
const params = z.object({ id: idPathSegment() });

/** The agreements' JSON API under /api/v1, with the same permissions as the pages. Dates are ISO (YYYY-MM-DD). */
export async function agreementApi(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  const listSchema = {
    tags,
    summary: 'Cooperation agreements: all but drafts, plus drafts of organizations you hold a role in',
    security: visitorOrApiSecurity,
    querystring: agreementListQuery,
    response: { 200: z.object({ agreements: z.array(agreementJson) }), ...apiQueryRefusals },
  };
  app.get('/api/v1/agreements', { schema: listSchema }, async (request) => {
    const { ctx } = request;
    // The route's schema has refused a bad query string (422); this only reads the values it passed.
    const page = agreementListQuery.parse(request.query ?? {});
    const rows = await loadVisibleAgreements(db, ctx.actor, page);
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
    body: agreementJsonBody,
    response: { 201: z.object({ agreement: agreementDetailJson }), ...apiWriteRefusals },
  };
  app.post<{ Body: z.output<typeof agreementJsonBody> }>('/api/v1/agreements', { schema: createSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const { agreement: input, areas } = request.body;
    const check = await checkParties(db, actor, input.parties);
    if (check !== 'ok') {
      const message = ctx.t(check === 'unknown' ? 'forms.invalidChoice' : 'agreements.form.notYourParty');
      return invalidInput(reply, ctx.t, { parties: message });
    }
    const result = await saveAgreement(commandDeps(request, actor), { agreementId: null, agreement: input, areas });
    const agreement = await loadAgreement(db, result.id);
    if (!agreement) throw new Error(`Agreement ${result.id}, just saved, is missing`);
    return reply.code(201).send({ agreement: presentAgreementDetail(agreement, ctx.lang, new Map(), true) });
  });
}
