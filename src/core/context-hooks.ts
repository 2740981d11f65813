import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { RequestContext } from './context.ts';
import { dirOf, isLang, negotiateLanguage, translator, type Lang } from './i18n.ts';
import { loadApiToken, loadSession } from './session.ts';
import { HttpError, NotFoundError } from './errors.ts';
import { isSameOrigin, sentCsrfToken, sessionCsrfToken, sessionTokenMatches } from './csrf.ts';

const FLASH_COOKIE = 'uh_flash';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for requests that need no language, session or CSRF work (static files, health checks). */
function isBare(request: FastifyRequest): boolean {
  return request.url.startsWith('/static/') || request.routeOptions.config.bare === true;
}

function splitLangPath(url: string): { lang: Lang | null; rest: string; search: string } {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? '' : url.slice(q);
  const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  if (match && isLang(match[1])) return { lang: match[1], rest: match[2] ?? '/', search };
  return { lang: null, rest: pathname, search };
}

const viaApiToken = (request: FastifyRequest) => (request as FastifyRequest & { viaApiToken?: boolean }).viaApiToken === true;

/** The session token of requests signed in by cookie: their CSRF token is derived from it. */
const sessionTokens = new WeakMap<FastifyRequest, string>();

/** Builds request.ctx (language, viewer, flash, CSRF) and adds reply.render and reply.redirectWithFlash. */
export function installContext(app: FastifyInstance): void {
  const { db, config, sessionCookie, nav } = app.uh;
  // Behind a proxy (TRUST_PROXY=1, as src/app.ts reads it) the Host header is the proxy's: only BASE_URL's origin is ours then.
  const behindProxy = process.env.TRUST_PROXY === '1';
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.decorateReply('render', function (this: FastifyReply, page: VNode, status = 200) {
    this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return this.send('<!doctype html>' + render(page));
  });

  app.decorateReply(
    'redirectWithFlash',
    function (
      this: FastifyReply,
      url: string,
      messageId: string,
      kind: 'success' | 'error' = 'success',
      values?: Record<string, string | number>,
    ) {
      this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, id: messageId, values }), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
        maxAge: 60,
      });
      return this.redirect(url, 303);
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    if (isBare(request)) return;
    const { lang: urlLang, rest, search } = splitLangPath(request.url);
    // Routes under /:lang only answer for the three languages.
    const routeUrl = request.routeOptions.url ?? '';
    if (routeUrl.startsWith('/:lang') && !urlLang) throw new NotFoundError();

    let viewer: Awaited<ReturnType<typeof loadSession>>;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ') && request.url.startsWith('/api/')) {
      viewer = await loadApiToken(db, authorization.slice(7).trim());
      if (!viewer) {
        const message = translator(negotiateLanguage(request.headers['accept-language'], config.defaultLanguage))('errors.invalidToken');
        reply.code(401).send({ error: { code: 'invalid_token', message } });
        return reply;
      }
      (request as FastifyRequest & { viaApiToken?: boolean }).viaApiToken = true;
    } else {
      const token = request.cookies[sessionCookie];
      viewer = token ? await loadSession(db, token) : undefined;
      if (viewer && token) sessionTokens.set(request, token);
    }

    const lang: Lang = urlLang ?? viewer?.user.locale ?? negotiateLanguage(request.headers['accept-language'], config.defaultLanguage);
    const t = translator(lang);

    let flash: RequestContext['flash'] = null;
    const rawFlash = request.cookies[FLASH_COOKIE];
    if (rawFlash) {
      const unsigned = request.unsignCookie(rawFlash);
      if (unsigned.valid && unsigned.value) {
        try {
          const parsed = JSON.parse(unsigned.value) as { kind: 'success' | 'error'; id: string; values?: Record<string, string | number> };
          flash = { kind: parsed.kind === 'error' ? 'error' : 'success', text: t(parsed.id, parsed.values) };
        } catch {
          flash = null;
        }
      }
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }

    let csrfToken: string | undefined;
    const sessionToken = sessionTokens.get(request);
    request.ctx = {
      lang,
      dir: dirOf(lang),
      t,
      user: viewer?.user ?? null,
      actor: viewer?.actor ?? null,
      pathInLang: rest,
      search,
      flash,
      csrfToken: () => (csrfToken ??= sessionToken ? sessionCsrfToken(config.sessionSecret, sessionToken) : reply.generateCsrf()),
      requestId: request.id,
      ip: request.ip,
      nav,
      baseUrl: config.baseUrl,
    };
    // A write from another site is refused here, before its body is even read (the token is checked below).
    if (UNSAFE_METHODS.has(request.method) && !viaApiToken(request) && !isSameOrigin(request, config.baseUrl, behindProxy)) {
      throw new HttpError(403, 'errors.crossSite');
    }
  });

  // Every unsafe request comes from our own pages (checked in onRequest above) and carries a CSRF token; API calls by
  // bearer token need neither (a browser never adds that header by itself). See core/csrf.ts. Checked before the
  // body is validated (an API route's schema), after it is parsed (a form's _csrf field, multipart included).
  app.addHook('preValidation', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || isBare(request) || viaApiToken(request)) {
      done();
      return;
    }
    const sessionToken = sessionTokens.get(request);
    // An API write without a session has no one to forge for: its route answers 401 (core/api-docs.ts).
    if (!sessionToken && request.url.startsWith('/api/')) {
      done();
      return;
    }
    if (sessionToken) {
      done(sessionTokenMatches(config.sessionSecret, sessionToken, sentCsrfToken(request)) ? undefined : new HttpError(403, 'errors.csrf'));
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}
