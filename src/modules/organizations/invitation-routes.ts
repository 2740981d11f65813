import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, HttpError } from '../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../core/forms.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { hashToken, startSession } from '../../core/session.ts';
import { acceptInvitation, invitationState } from './commands/accept-invitation.ts';
import { findInvitationByTokenHash, findOrganizationById, findUserByEmail, type InvitationRow } from './queries.ts';
import { invitationSignupSchema } from './schemas.ts';
import { InvitationPage } from './views/invitation-page.tsx';

type TokenParams = { Params: { token: string } };

/** Invitation links: confirm the role when signed in, or create an account (or log in) first. */
export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.uh;
  // Guessing tokens is hopeless (256 bits), but a limit keeps the table from being hammered.
  const limit = app.createRateLimit({ max: 30, timeWindow: 60_000, keyGenerator: (request) => `invitation:${request.ip}` });

  async function load(request: FastifyRequest<TokenParams>) {
    const token = request.params.token;
    const invitation = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await findInvitationByTokenHash(db, hashToken(token)) : undefined;
    authorize(invitation !== undefined);
    const organization = await findOrganizationById(db, invitation.organizationId);
    authorize(organization !== undefined);
    return { invitation, organization };
  }

  async function render(
    request: FastifyRequest<TokenParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
    form: FormState = emptyForm(),
    status = 200,
  ) {
    const { ctx } = request;
    const { invitation, organization } = loaded;
    const state = invitationState(invitation);
    const mode = ctx.user ? 'confirm' : (await accountExists(invitation)) ? 'login' : 'signup';
    return reply.render(
      InvitationPage({
        ctx,
        path: `/invitations/${request.params.token}`,
        state,
        organization: { slug: organization.slug, name: pickLocalized(organization.name, ctx.lang) },
        email: invitation.email,
        roleLabel: ctx.t(`organizations.role.${invitation.role}`),
        regionName: invitation.regionName ? pickLocalized(invitation.regionName, ctx.lang) : null,
        invitedByName: invitation.invitedByName,
        mode,
        form,
      }),
      state === 'pending' ? status : 410,
    );
  }

  const accountExists = async (invitation: InvitationRow) => (await findUserByEmail(db, invitation.email)) !== undefined;

  app.get<TokenParams>('/:lang/invitations/:token', async (request, reply) => {
    const limited = await limit(request);
    if (!limited.isAllowed && limited.isExceeded) throw new HttpError(429, 'errors.rateLimited');
    return render(request, reply, await load(request));
  });

  app.post<TokenParams>('/:lang/invitations/:token', async (request, reply) => {
    const { ctx } = request;
    const limited = await limit(request);
    if (!limited.isAllowed && limited.isExceeded) throw new HttpError(429, 'errors.rateLimited');
    const loaded = await load(request);
    const intent = parseForm(z.object({ intent: z.enum(['accept', 'signup']) }), request.body, ctx.t);
    if (!intent.ok) return render(request, reply, loaded, withError({}, '_form', ctx.t('forms.invalid')), 422);
    const tokenHash = hashToken(request.params.token);
    let result: Awaited<ReturnType<typeof acceptInvitation>>;
    if (ctx.actor) {
      result = await acceptInvitation(db, tokenHash, { userId: ctx.actor.userId }, request.ip);
    } else {
      if (intent.data.intent !== 'signup') return render(request, reply, loaded, withError({}, '_form', ctx.t('errors.loginRequired')), 401);
      const parsed = parseForm(invitationSignupSchema, request.body, ctx.t);
      if (!parsed.ok) return render(request, reply, loaded, parsed.form, 422);
      result = await acceptInvitation(db, tokenHash, { newAccount: { ...parsed.data, locale: ctx.lang } }, request.ip);
      if (result.ok) await startSession(db, request, reply, result.userId);
    }
    if (!result.ok) {
      if (result.reason === 'notFound') authorize(false);
      const messageId = result.reason === 'accountExists' ? 'organizations.invitation.accountExists' : `organizations.invitation.state.${result.reason}`;
      return render(request, reply, loaded, withError(formValues(request.body), '_form', ctx.t(messageId)), 409);
    }
    return reply.redirectWithFlash(`/${ctx.lang}/organizations/${loaded.organization.slug}`, 'organizations.flash.invitationAccepted');
  });
}
