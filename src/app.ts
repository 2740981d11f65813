import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import compress from '@fastify/compress';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import type { Pool } from './db/database.ts';
import type { AppDeps } from './core/context.ts';
import { createMailer, type Mailer } from './core/mail.ts';
import { createLiveEvents, type LiveEvents } from './core/live.ts';
import { sessionCookieName } from './core/session.ts';
import { CSRF_COOKIE, sentCsrfToken } from './core/csrf.ts';
import { installContext } from './core/context-hooks.ts';
import { installErrorHandlers } from './core/error-handlers.ts';
import { installApiDocs } from './core/api-docs.ts';
import { loggerOptions } from './core/logging.ts';
import { installIdempotency } from './core/idempotency.ts';
import { pgRateLimitStore } from './core/rate-limit-store.ts';
import { flattenMultipart } from './core/uploads.ts';
import { installFormParser } from './core/form-body.ts';
import { modules } from './modules/registry.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLIC_DIR = path.join(ROOT, 'public');
export const FONTS_DIR = path.join(ROOT, 'node_modules', 'vazirmatn', 'fonts', 'webfonts');

/** Largest urlencoded or JSON body accepted; uploads have their own limit. */
export const BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 8 * 1024 * 1024;

export interface BuildOptions {
  config: Config;
  db: Pool;
  /** The connection string LISTEN/NOTIFY uses (the pool's own). */
  connectionString: string;
  mailer?: Mailer;
  live?: LiveEvents;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole app as a Fastify instance: external plugins first, then core, then feature modules. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const app = Fastify({
    // Request lines carry no client address (core/logging.ts): it would tie anonymous posts to accounts.
    logger: loggerOptions(options.logger ?? { level: config.logLevel }),
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  });

  const live = options.live ?? (await createLiveEvents(options.connectionString, db, { log: app.log, timeouts: config.databaseTimeouts }));
  const deps: AppDeps = {
    config,
    db,
    mailer: options.mailer ?? createMailer(config.smtpUrl, config.mailFrom),
    live,
    sessionCookie: sessionCookieName(config.secureCookies),
    nav: modules.flatMap((m) => m.nav ?? []),
    notices: modules.flatMap((m) => (m.notices ? [m.notices] : [])),
  };
  app.decorate('uh', deps);
  app.addHook('onClose', async () => {
    await live.close();
    deps.mailer.close();
  });

  // Security headers, built once (the configuration never changes per request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
  await app.register(compress, {
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(cookie, { secret: config.sessionSecret });
  installFormParser(app);
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: UPLOAD_LIMIT, files: 10, fields: 200 } });
  app.addHook('preValidation', flattenMultipart);
  await app.register(csrf, {
    // Visitors' forms only: a signed-in person's token is bound to their session (core/csrf.ts).
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
    getToken: sentCsrfToken,
  });
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(db) });

  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: '365d',
    immutable: true,
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: FONTS_DIR,
    prefix: '/static/fonts/',
    maxAge: '365d',
    immutable: true,
    decorateReply: false,
    allowedPath: (pathName) => /^\/Vazirmatn-(Regular|Bold)\.woff2$/.test(pathName),
  });

  installErrorHandlers(app);
  await installApiDocs(app); // before the modules: swagger collects their routes as they are added
  installContext(app);
  installIdempotency(app); // after the context and CSRF hooks: it needs the viewer
  for (const module of modules) {
    await app.register(module.plugin);
  }
  return app;
}
