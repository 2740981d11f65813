import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commandDeps } from '../../../../core/commands.ts';
import { emptyForm, formValues, parseForm, withError } from '../../../../core/forms.ts';
import { refuseTooMany } from '../../../../core/rate-limit.ts';
import { endSession, startSession } from '../../../../core/session.ts';
import { href } from '../../../../ui/layout.tsx';
import { signUp } from '../../commands/sign-up.ts';
import { authenticate } from '../../domain/authenticate.ts';
import { isKnownAddress, rememberAddress, setDevice, trustedDevice } from '../../domain/known-clients.ts';
import { accountAddressSubject, type Limiter } from '../../domain/rate-limits.ts';
import { safeNextPath } from '../../domain/safe-next.ts';
import { logInSchema, parseIdentifier, signUpSchema } from '../../schemas.ts';
import { LogInPage } from '../../views/log-in-page.tsx';
import { SignUpPage } from '../../views/sign-up-page.tsx';

type Limits = Record<
  'loginPerAddress' | 'loginFailuresPerAccountAddress' | 'loginFailuresPerAccount' | 'loginFailuresPerDevice' | 'signUpPerAddress',
  Limiter
>;

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
    const result = await signUp(commandDeps(request, null), parsed.data);
    if (!result.ok) {
      // One message whether the address is taken or not: no more is said than the person needs.
      return reply.render(
        SignUpPage({ ctx, form: withError(formValues(request.body), '_form', ctx.t('accounts.signUp.unavailable')) }),
        422,
      );
    }
    await startSession(db, request, reply, result.userId);
    return reply.redirectWithFlash(`/${parsed.data.locale}`, 'accounts.signUp.welcome');
  });

  app.get('/:lang/login', async (request, reply) => {
    return reply.render(LogInPage({ ctx: request.ctx, form: emptyForm(), next: nextOf(request.query) }));
  });

  /**
   * Logging in. Strangers are throttled per address, per account and address together, and per account over all
   * addresses (a much higher cap); so one person's wrong guesses lock only that person out, not the owner
   * elsewhere. The right password from the account's known device passes all three (the device has its own
   * failure limit), and from a known address it passes the account-wide cap. See domain/known-clients.ts.
   */
  app.post('/:lang/login', async (request, reply) => {
    const { ctx } = request;
    const next = nextOf(request.query);
    const parsed = parseForm(logInSchema, request.body, ctx.t);
    if (!parsed.ok) {
      await limits.loginPerAddress.hit(request, reply);
      return reply.render(LogInPage({ ctx, form: parsed.form, next }), 422);
    }
    const identifier = parseIdentifier(parsed.data.identifier);
    const accountKey = identifier ? `${identifier.kind}:${identifier.value}` : `text:${parsed.data.identifier.toLowerCase()}`;
    const pairKey = accountAddressSubject(accountKey, request.ip);
    const invalid = () =>
      reply.render(LogInPage({ ctx, form: withError(formValues(request.body), '_form', ctx.t('accounts.login.invalid')), next }), 422);
    const credentials = { identifier, password: parsed.data.password };

    const device = await trustedDevice(db, request, reply, identifier, limits.loginFailuresPerDevice);
    if (device) {
      const result = await authenticate(db, credentials);
      if (!result.ok) await limits.loginFailuresPerDevice.count(request, reply, device.deviceId);
      return result.ok ? loggedIn(request, reply, result, next) : invalid();
    }

    await limits.loginPerAddress.hit(request, reply);
    // Only failures count against an account, so its owner is not locked out by their own successes.
    await limits.loginFailuresPerAccountAddress.peek(request, reply, pairKey);
    const accountWait = await limits.loginFailuresPerAccount.usedUp(request, reply, accountKey);
    const result = await authenticate(db, credentials);
    if (!result.ok) {
      await limits.loginFailuresPerAccountAddress.count(request, reply, pairKey);
      await limits.loginFailuresPerAccount.count(request, reply, accountKey);
    }
    // Past the account-wide cap a wrong password answers like a right one from an unknown address: no oracle.
    if (accountWait !== null && !(result.ok && (await isKnownAddress(db, request, result.userId))))
      refuseTooMany(reply, accountWait, 'accounts.rateLimited');
    return result.ok ? loggedIn(request, reply, result, next) : invalid();
  });

  /** Starts the session, renews the device cookie and remembers the address, then goes on. */
  async function loggedIn(request: FastifyRequest, reply: FastifyReply, result: { userId: number; locale: string }, next: string | null) {
    await startSession(db, request, reply, result.userId);
    setDevice(request, reply, result.userId);
    await rememberAddress(db, request, result.userId);
    return reply.redirectWithFlash(next ?? `/${result.locale}`, 'accounts.login.loggedIn');
  }

  app.post('/:lang/logout', async (request, reply) => {
    await endSession(db, request, reply);
    return reply.redirectWithFlash(href(request.ctx, '/'), 'accounts.login.loggedOut');
  });
}
