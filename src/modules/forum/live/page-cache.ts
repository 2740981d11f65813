import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvents } from '../../../core/live.ts';

/** The live channel that says "some forum page changed": every process drops its cached pages. */
export const FORUM_CHANGED = 'forum:changed';

/** Pages cached for anonymous readers (route URLs as Fastify knows them). */
const CACHED_ROUTES = new Set(['/:lang/forum', '/:lang/forum/t/:topicId', '/:lang/organizations/:slug/forum', '/:lang/organizations/:slug/forum/:categorySlug']);

export interface PageCacheOptions {
  /** How long a rendered page is served from memory (bounded staleness if an event is lost). */
  ttlMs: number;
  maxEntries: number;
}

interface Entry {
  html: string;
  headers: Record<string, string>;
  expires: number;
  br?: Buffer;
  gzip?: Buffer;
}

const HIT = Symbol('pageCacheHit');
const RENDERING = Symbol('pageCacheRendering');

/**
 * A short-lived cache of rendered forum pages for anonymous readers (no session, no flash, no token),
 * the people who read most and change nothing. Any forum write (a POST under a forum route that
 * succeeds) drops every cached page in every process, through a live event (LISTEN/NOTIFY); a reply
 * also publishes one (publishNewPost). Signed-in readers never see a cached page: theirs depend on
 * who they are. The cached bytes are the app's own rendering, compressed once, as the app would.
 */
export function installPageCache(app: FastifyInstance, live: LiveEvents, options: PageCacheOptions): void {
  const { sessionCookie } = app.uh;
  const entries = new Map<string, Entry>();
  // Pages being rendered now: other anonymous requests for the same URL wait for that one rendering
  // instead of all rendering it at once (a popular topic just after the cache was dropped).
  const rendering = new Map<string, Promise<void>>();
  const unsubscribe = live.subscribe(FORUM_CHANGED, () => entries.clear());
  app.addHook('onClose', async () => unsubscribe());

  const cacheable = (request: FastifyRequest) =>
    request.method === 'GET' &&
    CACHED_ROUTES.has(request.routeOptions.url ?? '') &&
    !request.headers.authorization &&
    !request.cookies[sessionCookie] &&
    !request.cookies.uh_flash;

  const fresh = (url: string) => {
    const entry = entries.get(url);
    if (entry && entry.expires < Date.now()) entries.delete(url);
    return entry && entry.expires >= Date.now() ? entry : undefined;
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request)) return;
    let entry = fresh(request.url);
    if (!entry) {
      const pending = rendering.get(request.url);
      if (pending) {
        await pending;
        entry = fresh(request.url);
      }
    }
    if (!entry) {
      if (!rendering.has(request.url)) {
        let done!: () => void;
        rendering.set(request.url, new Promise<void>((resolve) => (done = resolve)));
        (request as FastifyRequest & { [RENDERING]?: () => void })[RENDERING] = () => {
          rendering.delete(request.url);
          done();
        };
      }
      return;
    }
    (request as FastifyRequest & { [HIT]?: boolean })[HIT] = true;
    reply.headers(entry.headers).header('vary', 'accept-encoding');
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepts)) {
      entry.br ??= brotliCompressSync(entry.html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } });
      return reply.header('content-encoding', 'br').send(entry.br);
    }
    if (/\bgzip\b/.test(accepts)) {
      entry.gzip ??= gzipSync(entry.html, { level: 6 });
      return reply.header('content-encoding', 'gzip').send(entry.gzip);
    }
    return reply.send(entry.html);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if ((request as FastifyRequest & { [HIT]?: boolean })[HIT] || !cacheable(request)) return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(request.url, {
      html: payload,
      headers: { 'content-type': String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), 'cache-control': 'no-store' },
      expires: Date.now() + options.ttlMs,
    });
    return payload;
  });

  const finishRendering = async (request: FastifyRequest) => (request as FastifyRequest & { [RENDERING]?: () => void })[RENDERING]?.();
  app.addHook('onRequestAbort', finishRendering);

  // A successful change anywhere in the forum drops every cached page, here and in other processes.
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    await finishRendering(request);
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400) return;
    if (!(request.routeOptions.url ?? '').includes('/forum')) return;
    entries.clear();
    await live.publish(FORUM_CHANGED, {}).catch(() => {});
  });
}

/** The cache is on by default; PAGE_CACHE=0 turns it off. Test runs keep it off unless PAGE_CACHE=1, since tests change data behind the app's back. */
export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PAGE_CACHE === '0') return false;
  if (env.VITEST && env.PAGE_CACHE !== '1') return false;
  return true;
}
