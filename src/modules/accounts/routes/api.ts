import type { FastifyInstance } from 'fastify';
import { LoginRequiredError } from '../../../core/errors.ts';
import { requireActor } from '../../../core/route-params.ts';
import { presentMe } from '../presenters.ts';
import { findProfile } from '../queries.ts';

/** GET /api/v1/me: who the request is authenticated as (session cookie or personal API token). */
export async function accountsApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  app.get('/api/v1/me', async (request) => {
    const actor = requireActor(request.ctx);
    const profile = await findProfile(db, actor.userId);
    if (!profile) throw new LoginRequiredError();
    return presentMe(actor.userId, profile);
  });
}
