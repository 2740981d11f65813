import type { FastifyInstance } from 'fastify';
import { authorize } from '../../../../core/errors.ts';
import { canModerate, canReadCategory } from '../../policy.ts';
import { findAttachment } from '../../queries/posts.ts';
import { idParam } from '../../../../core/route-params.ts';

/** Serves a post's image to those who may read the post, with its real type and no sniffing. */
export async function imageRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>('/forum/images/:id', async (request, reply) => {
    const actor = request.ctx.actor;
    const image = await findAttachment(app.uh.db, idParam(request.params.id), actor);
    authorize(!!image);
    const organization = { id: image.organizationId, ancestorIds: image.organizationAncestorIds };
    authorize(canReadCategory(actor, { visibility: image.visibility, organization, viewerInSubtree: image.viewerInSubtree }));
    authorize(!image.postDeleted && ((!image.postHidden && !image.topicHidden) || canModerate(actor, organization) || image.isMine));
    return reply
      .header('content-type', image.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .header('cache-control', image.visibility === 'public' && !image.postHidden ? 'public, max-age=86400' : 'private, max-age=3600')
      .send(image.data);
  });
}
