import type { Actor } from './authorization.ts';
import type { RequestContext } from './context.ts';
import type { CurrentUser } from './session.ts';
import { LoginRequiredError, NotFoundError } from './errors.ts';

/** The signed-in actor, or a LoginRequiredError (a visitor is sent to log in; the API answers 401). */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new LoginRequiredError();
  return ctx.actor;
}

/** The signed-in user, or a LoginRequiredError (as requireActor). */
export function requireUser(ctx: RequestContext): CurrentUser {
  if (!ctx.user) throw new LoginRequiredError();
  return ctx.user;
}

/** The largest value of a PostgreSQL integer column (activity numbers, counts in the URL). */
const INT4_MAX = 2_147_483_647;

/** A positive id (a bigint column) from a path parameter, or 404: "not found" rather than a database error. */
export function idParam(value: unknown): number {
  const id = typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  return id;
}

/** A positive number that fits a PostgreSQL integer (an activity's number within its program), or 404. */
export function numberParam(value: unknown): number {
  const n = idParam(value);
  if (n > INT4_MAX) throw new NotFoundError();
  return n;
}
