import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../core/authorization.ts';
import type { RequestContext } from '../../core/context.ts';
import { authorize, LoginRequiredError } from '../../core/errors.ts';
import { ORGANIZATION_KINDS, findOrganizationBySlug } from './queries.ts';

/** The signed-in actor, or a redirect to log in. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.ctx.actor) throw new LoginRequiredError();
  return request.ctx.actor;
}

/** Loads the organization named by the :slug parameter, or answers 404. */
export async function loadOrganization(request: FastifyRequest<{ Params: { slug: string } }>) {
  const organization = await findOrganizationBySlug(request.server.uh.db, request.params.slug);
  authorize(organization !== undefined);
  return organization;
}

/** The organization kinds as select options in the page's language. */
export const kindOptions = (ctx: RequestContext): Array<[string, string]> => ORGANIZATION_KINDS.map((k) => [k, ctx.t(`organizations.kind.${k}`)]);
