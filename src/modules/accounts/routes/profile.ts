import type { FastifyInstance } from 'fastify';
import { LoginRequiredError, NotFoundError } from '../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../core/forms.ts';
import type { RequestContext } from '../../../core/context.ts';
import type { Actor } from '../../../core/authorization.ts';
import { href } from '../../../ui/layout.tsx';
import { createApiToken } from '../commands/create-api-token.ts';
import { revokeApiToken } from '../commands/revoke-api-token.ts';
import { updateOwnProfile } from '../commands/update-profile.ts';
import { accountPolicy } from '../policy.ts';
import { findProfile, listApiTokens } from '../queries.ts';
import { createTokenSchema, profileSchema } from '../schemas.ts';
import { AccountPage } from '../views/account-page.tsx';
import { TokensPage } from '../views/tokens-page.tsx';

/** The signed-in actor, or a redirect to log in (a POST answers 401). */
function requireActor(ctx: RequestContext): Actor {
  if (!accountPolicy.canManageOwnAccount(ctx.actor)) throw new LoginRequiredError();
  return ctx.actor;
}

/** The profile page, personal API tokens, and GET /api/v1/me. */
export function profileRoutes(app: FastifyInstance): void {
  const { db } = app.uh;

  const renderAccount = async (ctx: RequestContext, userId: number, form: FormState | null, status = 200) => {
    const profile = await findProfile(db, userId);
    if (!profile) throw new LoginRequiredError();
    const view = { email: profile.email, phone: profile.phone, createdAt: profile.createdAt };
    return { page: AccountPage({ ctx, form: form ?? emptyForm({ name: profile.name, locale: profile.locale }), account: view }), status };
  };

  app.get('/:lang/account', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const { page } = await renderAccount(request.ctx, actor.userId, null);
    return reply.render(page);
  });

  app.post('/:lang/account', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(profileSchema, request.body, ctx.t);
    if (!parsed.ok) {
      const { page } = await renderAccount(ctx, actor.userId, parsed.form);
      return reply.render(page, 422);
    }
    const result = await updateOwnProfile({ db, userId: actor.userId }, parsed.data);
    // The new language takes effect at once: the next page is in it.
    return reply.redirectWithFlash(`/${result.locale}/account`, 'accounts.account.saved');
  });

  const tokenViews = async (userId: number) => (await listApiTokens(db, userId)).map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt }));

  app.get('/:lang/account/tokens', async (request, reply) => {
    const actor = requireActor(request.ctx);
    return reply.render(TokensPage({ ctx: request.ctx, form: emptyForm(), tokens: await tokenViews(actor.userId) }));
  });

  app.post('/:lang/account/tokens', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const parsed = parseForm(createTokenSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(TokensPage({ ctx, form: parsed.form, tokens: await tokenViews(actor.userId) }), 422);
    const result = await createApiToken({ db, ip: ctx.ip, userId: actor.userId }, parsed.data);
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
    if (!/^[0-9]{1,15}$/.test(request.params.id)) throw new NotFoundError();
    const result = await revokeApiToken({ db, ip: ctx.ip, userId: actor.userId }, { tokenId: Number(request.params.id) });
    if (!result.ok) throw new NotFoundError();
    return reply.redirectWithFlash(href(ctx, '/account/tokens'), 'accounts.tokens.revoked', 'success', { name: result.name });
  });

  app.get('/api/v1/me', async (request) => {
    const actor = requireActor(request.ctx);
    const profile = await findProfile(db, actor.userId);
    if (!profile) throw new LoginRequiredError();
    return { id: actor.userId, name: profile.name, email: profile.email, phone: profile.phone, locale: profile.locale };
  });
}
