import type { FastifyInstance } from 'fastify';
import { commandDeps } from '../../../../core/commands.ts';
import { emptyForm, formValues, parseForm, withError } from '../../../../core/forms.ts';
import { requireActor } from '../../../../core/route-params.ts';
import { hashToken } from '../../../../core/session.ts';
import { href } from '../../../../ui/layout.tsx';
import { changePassword } from '../../commands/change-password.ts';
import { requestPasswordReset } from '../../commands/request-password-reset.ts';
import { resetPassword } from '../../commands/reset-password.ts';
import { setDevice } from '../../domain/known-clients.ts';
import { accountAddressSubject, type Limiter } from '../../domain/rate-limits.ts';
import { findProfile, findUsableReset } from '../../queries.ts';
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from '../../schemas.ts';
import { ChangePasswordPage } from '../../views/change-password-page.tsx';
import { ForgotPasswordPage } from '../../views/forgot-password-page.tsx';
import { ResetLinkInvalidPage } from '../../views/reset-link-invalid-page.tsx';
import { ResetPasswordPage } from '../../views/reset-password-page.tsx';

type Limits = Record<
  'resetPerAddress' | 'resetPerAccount' | 'passwordChangeFailuresPerAccount' | 'loginFailuresPerAccount' | 'loginFailuresPerAccountAddress',
  Limiter
>;
type TokenParams = { Params: { token: string } };

// Tokens are 43 base64url characters; anything else cannot be one.
const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** Forgotten password (emailed link), reset from the link, and change password. */
export function passwordRoutes(app: FastifyInstance, limits: Limits): void {
  const { db } = app.uh;

  app.get('/:lang/password/forgot', async (request, reply) => {
    return reply.render(ForgotPasswordPage({ ctx: request.ctx, form: emptyForm() }));
  });

  app.post('/:lang/password/forgot', async (request, reply) => {
    const { ctx } = request;
    await limits.resetPerAddress.hit(request, reply);
    const parsed = parseForm(forgotPasswordSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(ForgotPasswordPage({ ctx, form: parsed.form }), 422);
    await limits.resetPerAccount.hit(request, reply, `email:${parsed.data.email}`);
    // Not awaited: the answer must not take longer when the account exists (and mail is being sent).
    requestPasswordReset(commandDeps(request, null), parsed.data).catch((error: unknown) => {
      request.log.error({ err: error }, 'password reset mail failed');
    });
    return reply.redirectWithFlash(href(ctx, '/password/forgot'), 'accounts.forgot.sent');
  });

  app.get<TokenParams>('/:lang/password/reset/:token', async (request, reply) => {
    const { ctx } = request;
    const { token } = request.params;
    const usable = looksLikeToken(token) && (await findUsableReset(db, hashToken(token)));
    if (!usable) return reply.render(ResetLinkInvalidPage({ ctx }), 404);
    return reply.render(ResetPasswordPage({ ctx, form: emptyForm(), token }));
  });

  app.post<TokenParams>('/:lang/password/reset/:token', async (request, reply) => {
    const { ctx } = request;
    const { token } = request.params;
    if (!looksLikeToken(token)) return reply.render(ResetLinkInvalidPage({ ctx }), 404);
    const parsed = parseForm(resetPasswordSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(ResetPasswordPage({ ctx, form: parsed.form, token }), 422);
    const result = await resetPassword(commandDeps(request, null), { token, password: parsed.data.password });
    if (!result.ok) return reply.render(ResetLinkInvalidPage({ ctx }), 404);
    // The owner proved who they are through their mailbox: failed logins by someone else no longer lock them out,
    // neither across addresses nor from this one, and this browser becomes a known device of theirs.
    const account = await findProfile(db, result.userId);
    const identifiers = [account?.email ? `email:${account.email}` : '', account?.phone ? `phone:${account.phone}` : ''].filter(Boolean);
    await limits.loginFailuresPerAccount.clear(identifiers);
    await limits.loginFailuresPerAccountAddress.clear(identifiers.map((identifier) => accountAddressSubject(identifier, request.ip)));
    setDevice(request, reply, result.userId);
    return reply.redirectWithFlash(href(ctx, '/login'), 'accounts.reset.done');
  });

  app.get('/:lang/account/password', async (request, reply) => {
    requireActor(request.ctx);
    return reply.render(ChangePasswordPage({ ctx: request.ctx, form: emptyForm() }));
  });

  app.post('/:lang/account/password', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const accountKey = `user:${actor.userId}`;
    await limits.passwordChangeFailuresPerAccount.peek(request, reply, accountKey);
    const parsed = parseForm(changePasswordSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(ChangePasswordPage({ ctx, form: parsed.form }), 422);
    const result = await changePassword(commandDeps(request, actor), {
      ...parsed.data,
      currentSessionToken: request.cookies[app.uh.sessionCookie],
    });
    if (!result.ok) {
      await limits.passwordChangeFailuresPerAccount.hit(request, reply, accountKey);
      return reply.render(
        ChangePasswordPage({ ctx, form: withError(formValues(request.body), 'currentPassword', ctx.t('accounts.password.wrongCurrent')) }),
        422,
      );
    }
    return reply.redirectWithFlash(href(ctx, '/account'), 'accounts.password.changed');
  });
}
