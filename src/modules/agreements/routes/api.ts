import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { commandDeps } from '../../../core/commands.ts';
import { formBodyFromJson } from '../../../core/form-body.ts';
import { parseForm } from '../../../core/forms.ts';
import { parseNumberedList } from '../../../core/numbered-list.ts';
import { idParam, requireActor } from '../../../core/route-params.ts';
import { agreementAreaProgressFor, progressByAgreementArea } from '../../programs/index.ts';
import { agreementAbilities } from '../policy.ts';
import { agreementRef, presentAgreement, presentAgreementDetail } from '../presenters.ts';
import { agreementFormSchema, agreementInputFrom, MAX_PARTIES } from '../schemas.ts';
import { checkParties, loadAgreement, loadVisibleAgreement, loadVisibleAgreements } from '../loaders.ts';
import { saveAgreement } from '../commands/save-agreement.ts';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

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

  app.get('/api/v1/agreements', async (request, reply) => {
    const { ctx } = request;
    const page = pageQuery.safeParse(request.query ?? {});
    if (!page.success) return reply.code(400).send({ error: { code: 'badRequest', message: ctx.t('errors.badRequest') } });
    const rows = await loadVisibleAgreements(db, ctx.actor, page.data);
    return { agreements: rows.map((a) => presentAgreement(a, ctx.lang)) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/agreements/:id', async (request) => {
    const { ctx } = request;
    const agreement = await loadVisibleAgreement(db, ctx.actor, idParam(request.params.id));
    const progress = agreementAreaProgressFor(
      ctx.actor,
      await progressByAgreementArea(
        db,
        agreement.areas.map((a) => a.id),
      ),
    );
    const can = agreementAbilities(ctx.actor, agreementRef(agreement));
    return { agreement: presentAgreementDetail(agreement, ctx.lang, progress, can.viewDocuments), abilities: can };
  });

  app.post('/api/v1/agreements', async (request, reply) => {
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
