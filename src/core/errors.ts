/** An error that maps to an HTTP status and a message id shown in the user's language. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly messageId: string,
  ) {
    super(messageId);
  }
}

/** "Not found or not yours": one answer, so a probe learns nothing about what exists. */
export class NotFoundError extends HttpError {
  constructor() {
    super(404, 'errors.notFound');
  }
}

/** The viewer may see the thing but not do this to it. */
export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'errors.forbidden');
  }
}

/** The page needs a signed-in user. */
export class LoginRequiredError extends HttpError {
  constructor() {
    super(401, 'errors.loginRequired');
  }
}

/** Throws NotFoundError unless allowed: for subjects the actor may not even see. */
export function authorize(allowed: boolean): asserts allowed {
  if (!allowed) throw new NotFoundError();
}

/** Throws ForbiddenError unless allowed: for actions on subjects the actor can see. */
export function permit(allowed: boolean): asserts allowed {
  if (!allowed) throw new ForbiddenError();
}
