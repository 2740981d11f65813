import type { FastifyInstance } from 'fastify';
import { apiRefusals, apiSecurity } from '../../../core/api-docs.ts';
import { LoginRequiredError } from '../../../core/errors.ts';
import { requireActor } from '../../../core/route-params.ts';
import { presentMe } from '../presenters.ts';
import { findProfile } from '../queries.ts';
import { meResponse } from '../schemas.ts';

/** GET /api/v1/me: who the request is authenticated as (session cookie or personal API token). */
export async function accountsApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;

  const schema = {
    tags: ['accounts'],
    summary: 'The account the request is authenticated as',
    security: apiSecurity,
    response: { 200: meResponse, ...apiRefusals },
  };
  app.get('/api/v1/me', { schema }, async (request) => {
    const actor = requireActor(request.ctx);
    const profile = await findProfile(db, actor.userId);
    if (!profile) throw new LoginRequiredError();
    return presentMe(actor.userId, profile);
  });
}
