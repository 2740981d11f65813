import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { builtContext, type RequestContext } from './context.ts';
import { HttpError, LoginRequiredError } from './errors.ts';
import { dirOf, isLang, negotiateLanguage, translator } from './i18n.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { validationAnswer } from './api-validation.ts';

/** What a 503 tells clients to wait before trying again: about as long as a database restart takes. */
export const RETRY_AFTER_SECONDS = 5;

/** A context for pages rendered when the request failed before its own context was built. */
function fallbackContext(request: FastifyRequest): RequestContext {
  const first = request.url.split('/')[1];
  const lang = isLang(first) ? first : negotiateLanguage(request.headers['accept-language'], request.server.uh.config.defaultLanguage);
  return {
    lang,
    dir: dirOf(lang),
    t: translator(lang),
    user: null,
    actor: null,
    pathInLang: '/',
    search: '',
    flash: null,
    csrfToken: () => '',
    requestId: request.id,
    ip: request.ip,
    nav: request.server.uh.nav,
    baseUrl: request.server.uh.config.baseUrl,
  };
}

/** Anything thrown reaches the handler: Fastify's errors carry a code and a status, other errors neither. */
type ThrownError = Error & Partial<FastifyError>;

/** Maps framework and plugin errors to a status and a message id in the catalogs. */
function describe(error: ThrownError): { status: number; messageId: string } {
  if (error instanceof HttpError) return { status: error.statusCode, messageId: error.messageId };
  // The database is down, frozen or restarting: "try again soon", never a bare 500 (and never a hang: see the timeouts).
  if (isDatabaseUnavailable(error)) return { status: 503, messageId: 'errors.unavailable' };
  const status = error.statusCode ?? 500;
  if (error.code?.startsWith('FST_CSRF')) return { status: 403, messageId: 'errors.csrf' };
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
    return { status: 413, messageId: 'errors.tooLarge' };
  }
  if (status === 429) return { status: 429, messageId: 'errors.rateLimited' };
  if (status === 415) return { status: 415, messageId: 'errors.unsupportedMedia' };
  if (status >= 400 && status < 500) return { status, messageId: status === 404 ? 'errors.notFound' : 'errors.badRequest' };
  return { status: 500, messageId: 'errors.server' };
}

function respond(request: FastifyRequest, reply: FastifyReply, status: number, messageId: string) {
  const ctx = builtContext(request) ?? fallbackContext(request);
  if (request.url.startsWith('/api/')) {
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: { code: messageId.replace(/^errors\./, ''), message: ctx.t(messageId) } });
  }
  return reply.render(ErrorPage({ ctx, status, messageId }), status);
}

/** Every error becomes a page (or JSON under /api) in the user's language; 5xx details stay in the log. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: ThrownError, request, reply) => {
    // A page that needs a signed-in user sends a visitor to log in, then back.
    if (error instanceof LoginRequiredError && request.method === 'GET' && !request.url.startsWith('/api/')) {
      const lang = (builtContext(request) ?? fallbackContext(request)).lang;
      return reply.redirect(`/${lang}/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    // An /api/v1 route's zod schema refused the request: 422 with a message per field (400 for a query string).
    const refused = validationAnswer(error, request);
    if (refused) {
      request.log.info({ status: refused.status, code: error.code }, 'request refused');
      return reply.code(refused.status).type('application/json; charset=utf-8').send(refused.body);
    }
    const { status, messageId } = describe(error);
    if (status === 503) {
      request.log.warn({ status, code: error.code, reason: error.message }, 'request failed: the database is unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, code: error.code }, 'request refused');
    if (status === 429 && error.message) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    return respond(request, reply, status, messageId);
  });
  app.setNotFoundHandler((request, reply) => respond(request, reply, 404, 'errors.notFound'));
}
