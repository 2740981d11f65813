import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../../../../core/context.ts';
import { commandDeps } from '../../../../core/commands.ts';
import { LoginRequiredError, NotFoundError } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../../core/forms.ts';
import { idParam, requireActor } from '../../../../core/route-params.ts';
import { href } from '../../../../ui/layout.tsx';
import { createApiToken } from '../../commands/create-api-token.ts';
import { revokeApiToken } from '../../commands/revoke-api-token.ts';
import { updateOwnProfile } from '../../commands/update-own-profile.ts';
import { presentAccount, presentApiToken } from '../../presenters.ts';
import { findProfile, listApiTokens } from '../../queries.ts';
import { createTokenSchema, profileSchema } from '../../schemas.ts';
import { AccountPage } from '../../views/account-page.tsx';
import { TokensPage } from '../../views/tokens-page.tsx';

/** The profile page and personal API tokens. */
export function profileRoutes(app: FastifyInstance): void {
  const { db } = app.uh;

  /** The account page, with the saved profile in the form unless a submitted form (with its errors) is given. */
  const accountPage = async (ctx: RequestContext, userId: number, form: FormState | null) => {
    const profile = await findProfile(db, userId);
    if (!profile) throw new LoginRequiredError();
    return AccountPage({ ctx, form: form ?? emptyForm({ name: profile.name, locale: profile.locale }), account: presentAccount(profile) });
  };

  app.get('/:lang/account', async (request, reply) => {
    const actor = requireActor(request.ctx);
    return reply.render(await accountPage(request.ctx, actor.userId, null));
  });

  app.post('/:lang/account', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(profileSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(await accountPage(ctx, actor.userId, parsed.form), 422);
    const result = await updateOwnProfile(commandDeps(request, actor), parsed.data);
    // The new language takes effect at once: the next page is in it.
    return reply.redirectWithFlash(`/${result.locale}/account`, 'accounts.account.saved');
  });

  const tokenViews = async (userId: number) => (await listApiTokens(db, userId)).map(presentApiToken);

  app.get('/:lang/account/tokens', async (request, reply) => {
    const actor = requireActor(request.ctx);
    return reply.render(TokensPage({ ctx: request.ctx, form: emptyForm(), tokens: await tokenViews(actor.userId) }));
  });

  app.post('/:lang/account/tokens', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(createTokenSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(TokensPage({ ctx, form: parsed.form, tokens: await tokenViews(actor.userId) }), 422);
    const result = await createApiToken(commandDeps(request, actor), parsed.data);
    if (!result.ok) {
      const form = withError(formValues(request.body), 'name', ctx.t('accounts.tokens.tooMany'));
      return reply.render(TokensPage({ ctx, form, tokens: await tokenViews(actor.userId) }), 422);
    }
    // Rendered, not redirected: the secret is shown this once and never stored where it could be shown again.
    const created = { name: parsed.data.name, token: result.token };
    return reply.render(TokensPage({ ctx, form: emptyForm(), tokens: await tokenViews(actor.userId), created }), 201);
  });

  app.post<{ Params: { id: string } }>('/:lang/account/tokens/:id/revoke', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const result = await revokeApiToken(commandDeps(request, actor), { tokenId: idParam(request.params.id) });
    if (!result.ok) throw new NotFoundError();
    return reply.redirectWithFlash(href(ctx, '/account/tokens'), 'accounts.tokens.revoked', 'success', { name: result.name });
  });
}
