import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoginRequiredError } from '../../core/errors.ts';
import { parseForm } from '../../core/forms.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { agreementAreaProgressFor, progressByAgreementArea } from '../programs/index.ts';
import { agreementAbilities } from './policy.ts';
import { agreementRef, presentAgreement, presentAgreementDetail } from './presenters.ts';
import { findAgreement, listVisibleAgreements } from './queries.ts';
import { agreementFormSchema, MAX_PARTIES } from './schemas.ts';
import { saveAgreement } from './commands/save-agreement.ts';
import { agreementInputFrom, checkParties, idParam, loadVisibleAgreement } from './routes.ts';

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The agreements' JSON API under /api/v1, with the same permissions as the pages. Dates are ISO (YYYY-MM-DD). */
export async function agreementApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  app.get('/api/v1/agreements', async (request, reply) => {
    const { ctx } = request;
    const page = pageQuery.safeParse(request.query ?? {});
    if (!page.success) return reply.code(400).send({ error: { code: 'badRequest', message: ctx.t('errors.badRequest') } });
    const rows = await listVisibleAgreements(db, ctx.actor, page.data);
    return { agreements: rows.map((a) => presentAgreement(a, ctx.lang)) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/agreements/:id', async (request) => {
    const { ctx } = request;
    const agreement = await loadVisibleAgreement(db, ctx.actor, idParam(request.params.id));
    const progress = agreementAreaProgressFor(ctx.actor, await progressByAgreementArea(db, agreement.areas.map((a) => a.id)));
    const can = agreementAbilities(ctx.actor, agreementRef(agreement));
    return { agreement: presentAgreementDetail(agreement, ctx.lang, progress, can.viewDocuments), abilities: can };
  });

  app.post('/api/v1/agreements', async (request, reply) => {
    const { ctx } = request;
    if (!ctx.actor) throw new LoginRequiredError();
    const actor = ctx.actor;
    const body = (request.body ?? {}) as Record<string, unknown>;
    // The API takes parties as [{organizationId, signatoryName, signatoryRole}] and areas as a list or pasted text.
    const input: Record<string, unknown> = { ...body };
    const parties = Array.isArray(body.parties) ? body.parties.slice(0, MAX_PARTIES) : [];
    parties.forEach((p, i) => {
      const party = (p ?? {}) as Record<string, unknown>;
      input[`party${i + 1}`] = party.organizationId === undefined ? undefined : String(party.organizationId);
      input[`signatory${i + 1}`] = party.signatoryName;
      input[`signatoryRole${i + 1}`] = party.signatoryRole;
    });
    for (const key of ['periodStart', 'periodEnd']) if (typeof input[key] === 'number') input[key] = String(input[key]);
    if (Array.isArray(body.areas)) input.areas = body.areas.map((a, i) => `${i + 1}. ${String(a)}`).join('\n');
    const parsed = parseForm(agreementFormSchema('en'), input, ctx.t);
    if (!parsed.ok) return reply.code(422).send({ error: { code: 'invalid', message: ctx.t('errors.badRequest'), fields: parsed.form.errors } });
    const agreementInput = agreementInputFrom(parsed.data);
    const check = await checkParties(db, actor, agreementInput.parties);
    if (check !== 'ok') {
      const message = ctx.t(check === 'unknown' ? 'forms.invalidChoice' : 'agreements.form.notYourParty');
      return reply.code(422).send({ error: { code: 'invalid', message, fields: { parties: message } } });
    }
    const result = await saveAgreement(db, { userId: actor.userId, ip: ctx.ip }, null, agreementInput, parseNumberedList(parsed.data.areas ?? ''));
    const agreement = await findAgreement(db, result.id);
    return reply.code(201).send({ agreement: presentAgreementDetail(agreement!, ctx.lang, new Map(), true) });
  });
}
