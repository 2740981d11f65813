import type { FastifyInstance } from 'fastify';
import { permit } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm } from '../../../../core/forms.ts';
import { requireActor } from '../../../../core/route-params.ts';
import { loadReviewQueue, reviewScopeOf } from '../../loaders.ts';
import { mayReviewReports } from '../../policy.ts';
import { reviewQueueSchema } from '../../schemas.ts';
import { ReviewQueuePage } from '../../views/review-queue-page.tsx';

const FILTERS = ['organization', 'program', 'region', 'status'];

/**
 * The review queue: reports waiting for the viewer's review, oldest filed first. A filter that does not parse
 * answers 422 with its message beside it and the queue without filters (as the audit log does).
 */
export async function reviewPages(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get('/:lang/reviews', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    permit(mayReviewReports(actor));
    const scope = await reviewScopeOf(db, actor);
    permit(scope !== null);
    const parsed = parseForm(reviewQueueSchema, request.query, ctx.t);
    const values = formValues(request.query);
    const queue = await loadReviewQueue(db, scope, parsed.ok ? parsed.data : {}, ctx.lang);
    const filterQuery = parsed.ok
      ? new URLSearchParams(Object.entries(values).filter(([k, v]) => FILTERS.includes(k) && v !== '')).toString()
      : '';
    const page = ReviewQueuePage({ ctx, ...queue, filters: parsed.ok ? emptyForm(values) : parsed.form, filterQuery });
    return reply.render(page, parsed.ok ? 200 : 422);
  });
}
