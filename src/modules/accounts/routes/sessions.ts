import type { FastifyInstance } from 'fastify';
import { emptyForm, formValues, parseForm, withError } from '../../../core/forms.ts';
import { endSession, startSession } from '../../../core/session.ts';
import { href } from '../../../ui/layout.tsx';
import { authenticate } from '../commands/authenticate.ts';
import { signUp } from '../commands/sign-up.ts';
import type { Limiter } from '../rate-limits.ts';
import { safeNextPath } from '../safe-next.ts';
import { logInSchema, parseIdentifier, signUpSchema } from '../schemas.ts';
import { LogInPage } from '../views/log-in-page.tsx';
import { SignUpPage } from '../views/sign-up-page.tsx';

type Limits = Record<'loginPerAddress' | 'loginFailuresPerAccount' | 'signUpPerAddress', Limiter>;

const nextOf = (query: unknown): string | null => safeNextPath((query as { next?: unknown } | undefined)?.next, '') || null;

/** Sign up, log in and log out. */
export function sessionRoutes(app: FastifyInstance, limits: Limits): void {
  const { db } = app.uh;

  app.get('/:lang/signup', async (request, reply) => {
    return reply.render(SignUpPage({ ctx: request.ctx, form: emptyForm({ locale: request.ctx.lang }) }));
  });

  app.post('/:lang/signup', async (request, reply) => {
    const { ctx } = request;
    await limits.signUpPerAddress.hit(request, reply);
    const parsed = parseForm(signUpSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(SignUpPage({ ctx, form: parsed.form }), 422);
    const result = await signUp({ db, ip: ctx.ip }, parsed.data);
    if (!result.ok) {
      // One message whether the address is taken or not: no more is said than the person needs.
      return reply.render(SignUpPage({ ctx, form: withError(formValues(request.body), '_form', ctx.t('accounts.signUp.unavailable')) }), 422);
    }
    await startSession(db, request, reply, result.userId);
    return reply.redirectWithFlash(`/${parsed.data.locale}`, 'accounts.signUp.welcome');
  });

  app.get('/:lang/login', async (request, reply) => {
    return reply.render(LogInPage({ ctx: request.ctx, form: emptyForm(), next: nextOf(request.query) }));
  });

  app.post('/:lang/login', async (request, reply) => {
    const { ctx } = request;
    const next = nextOf(request.query);
    await limits.loginPerAddress.hit(request, reply);
    const parsed = parseForm(logInSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(LogInPage({ ctx, form: parsed.form, next }), 422);
    const identifier = parseIdentifier(parsed.data.identifier);
    const accountKey = identifier ? `${identifier.kind}:${identifier.value}` : `text:${parsed.data.identifier.toLowerCase()}`;
    // Only failures count against an account, so its owner is not locked out by their own successes.
    await limits.loginFailuresPerAccount.peek(request, reply, accountKey);
    const result = await authenticate({ db }, { identifier, password: parsed.data.password });
    if (!result.ok) {
      await limits.loginFailuresPerAccount.hit(request, reply, accountKey);
      return reply.render(LogInPage({ ctx, form: withError(formValues(request.body), '_form', ctx.t('accounts.login.invalid')), next }), 422);
    }
    await startSession(db, request, reply, result.userId);
    return reply.redirectWithFlash(next ?? `/${result.locale}`, 'accounts.login.loggedIn');
  });

  app.post('/:lang/logout', async (request, reply) => {
    await endSession(db, request, reply);
    return reply.redirectWithFlash(href(request.ctx, '/'), 'accounts.login.loggedOut');
  });
}
