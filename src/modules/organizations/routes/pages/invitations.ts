import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commandDeps } from '../../../../core/commands.ts';
import { authorize } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../../core/forms.ts';
import { createLimiter } from '../../../../core/rate-limit.ts';
import { requireActor } from '../../../../core/route-params.ts';
import { hashToken, startSession } from '../../../../core/session.ts';
import { acceptInvitation, type AcceptInvitationResult } from '../../commands/accept-invitation.ts';
import { invitationState } from '../../domain/invitation-state.ts';
import { invitationMode, loadInvitation, type LoadedInvitation } from '../../loaders.ts';
import { presentInvitation } from '../../presenters.ts';
import { invitationSignupSchema } from '../../schemas.ts';
import { InvitationPage } from '../../views/invitation-page.tsx';

type TokenParams = { Params: { token: string } };

/** Renders the invitation page; a link that can no longer be used answers 410 whatever the status asked. */
async function renderInvitation(
  request: FastifyRequest<TokenParams>,
  reply: FastifyReply,
  loaded: LoadedInvitation,
  form: FormState = emptyForm(),
  status = 200,
) {
  const { ctx } = request;
  const { invitation, organization } = loaded;
  const state = invitationState(invitation);
  const page = InvitationPage({
    ctx,
    path: `/invitations/${request.params.token}`,
    ...presentInvitation(ctx, invitation, organization, state),
    mode: await invitationMode(request.server.uh.db, ctx, invitation.email),
    form,
  });
  return reply.render(page, state === 'pending' ? status : 410);
}

/** After accepting: to the organization's page, or the invitation page with why it could not be accepted (409, or 410). */
function answerAccepted(
  request: FastifyRequest<TokenParams>,
  reply: FastifyReply,
  loaded: LoadedInvitation,
  result: AcceptInvitationResult,
) {
  const { ctx } = request;
  if (!result.ok) {
    authorize(result.reason !== 'notFound');
    const messageId =
      result.reason === 'accountExists' ? 'organizations.invitation.accountExists' : `organizations.invitation.state.${result.reason}`;
    return renderInvitation(request, reply, loaded, withError(formValues(request.body), '_form', ctx.t(messageId)), 409);
  }
  return reply.redirectWithFlash(`/${ctx.lang}/organizations/${loaded.organization.slug}`, 'organizations.flash.invitationAccepted');
}

/** Invitation links: the page, accepting as the signed-in person, and creating an account to accept. */
export function invitationPages(app: FastifyInstance): void {
  // Guessing tokens is hopeless (256 bits), but a limit keeps the table from being hammered.
  const linkLimit = createLimiter(app, 'organizations:invitationLinksPerAddress', { max: 30, windowMs: 60_000 });

  app.get<TokenParams>('/:lang/invitations/:token', async (request, reply) => {
    await linkLimit.hit(request, reply);
    return renderInvitation(request, reply, await loadInvitation(request));
  });

  app.post<TokenParams>('/:lang/invitations/:token/accept', async (request, reply) => {
    await linkLimit.hit(request, reply);
    const actor = requireActor(request.ctx);
    const loaded = await loadInvitation(request);
    const result = await acceptInvitation(commandDeps(request, actor), { tokenHash: hashToken(request.params.token) });
    return answerAccepted(request, reply, loaded, result);
  });

  app.post<TokenParams>('/:lang/invitations/:token/signup', async (request, reply) => {
    const { ctx } = request;
    await linkLimit.hit(request, reply);
    const loaded = await loadInvitation(request);
    // Signed in already: the page offers to accept as that person instead.
    if (ctx.actor)
      return renderInvitation(request, reply, loaded, withError({}, '_form', ctx.t('organizations.invitation.signedInAlready')), 409);
    const parsed = parseForm(invitationSignupSchema, request.body, ctx.t);
    if (!parsed.ok) return renderInvitation(request, reply, loaded, parsed.form, 422);
    const result = await acceptInvitation(commandDeps(request, null), {
      tokenHash: hashToken(request.params.token),
      newAccount: parsed.data,
    });
    if (result.ok) await startSession(app.uh.db, request, reply, result.userId);
    return answerAccepted(request, reply, loaded, result);
  });
}
