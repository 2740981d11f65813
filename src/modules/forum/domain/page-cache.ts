import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvents } from '../../../core/live.ts';
import { forumChanges } from './forum-changes.ts';

/**
 * Pages cached for anonymous readers (route URLs as Fastify knows them), each in one of two stores:
 * forum pages, and search result pages. Search URLs are as many as the words people type, so they get a
 * store of their own: a burst of one-off searches cannot push topic pages out.
 */
const CACHED_ROUTES = new Map<string, StoreName>([
  ['/:lang/forum', 'pages'],
  ['/:lang/forum/t/:topicId', 'pages'],
  ['/:lang/organizations/:slug/forum', 'pages'],
  ['/:lang/organizations/:slug/forum/:categorySlug', 'pages'],
  ['/:lang/forum/search', 'search'],
]);

type StoreName = 'pages' | 'search';

/** The anonymous page cache's bounds: forum pages for 10 s, search result pages (new posts show this late at most) for 30 s. */
export const PAGE_CACHE_OPTIONS = { ttlMs: 10_000, maxEntries: 5_000, maxSearchEntries: 3_000, searchTtlMs: 30_000 };

export interface PageCacheOptions {
  /** How long a rendered page is served from memory (bounded staleness if an event is lost). */
  ttlMs: number;
  /** Forum pages kept (least recently used dropped first). */
  maxEntries: number;
  /** Search result pages kept, in a store of their own. */
  maxSearchEntries: number;
  /** How long a search result page is served from memory (new posts show in visitors' results this late at most). */
  searchTtlMs: number;
}

/** What a cache served since the app started: answers from memory, renderings stored, and requests that waited for one rendering. */
export interface PageCacheStats {
  hits: number;
  misses: number;
  shared: number;
}

const statsByServer = new WeakMap<object, Record<StoreName, PageCacheStats>>();

/** The page cache's counters for an app (null when the cache is off), per store: for the benchmark and operators. */
export function pageCacheStats(app: FastifyInstance): Record<StoreName, PageCacheStats> | null {
  return statsByServer.get(app.server) ?? null;
}

/**
 * A cached page, held compressed only (brotli, about 5 KB for a topic or search page, against 30-60 KB
 * for its text in memory), so the stores' bounds are bounds on memory too. The rare client that takes no
 * brotli gets the page decompressed (and gzip is made from it once).
 */
interface Entry {
  br: Buffer;
  headers: Record<string, string>;
  gzip?: Buffer;
}

const HIT = Symbol('pageCacheHit');
const RENDERING = Symbol('pageCacheRendering');

/**
 * A short-lived cache of rendered forum pages for anonymous readers (no session, no flash, no token),
 * the people who read most and change nothing. Any forum write (announced by forum-changes.ts, in this
 * process at once and in the others through LISTEN/NOTIFY) drops every cached forum page, and every cached
 * search page unless it only added a post or a topic. Signed-in readers never see a cached page: theirs
 * depend on who they are. The cached bytes are the app's own rendering, compressed once, as the app would.
 */
export function installPageCache(app: FastifyInstance, live: LiveEvents, options: PageCacheOptions): void {
  const { sessionCookie } = app.uh;
  // Each store drops its least recently used page when full, and serves none older than its lifetime.
  const stores: Record<StoreName, LRUCache<string, Entry>> = {
    pages: new LRUCache({ max: options.maxEntries, ttl: options.ttlMs }),
    search: new LRUCache({ max: options.maxSearchEntries, ttl: options.searchTtlMs }),
  };
  const stats: Record<StoreName, PageCacheStats> = { pages: { hits: 0, misses: 0, shared: 0 }, search: { hits: 0, misses: 0, shared: 0 } };
  statsByServer.set(app.server, stats);
  // Pages being rendered now: other anonymous requests for the same URL wait for that one rendering
  // instead of all rendering it at once (a popular topic just after the cache was dropped).
  const rendering = new Map<string, Promise<void>>();
  // A forum write drops the pages it makes stale: all of them, or (a new post or topic) all but search
  // results, which show it once they expire (searchTtlMs).
  const unsubscribe = forumChanges(live).subscribe(({ added }) => {
    stores.pages.clear();
    if (!added) stores.search.clear();
  });
  app.addHook('onClose', async () => unsubscribe());

  /** The store a request's page belongs in, or undefined when it is not cached (not an anonymous GET of a cached route). */
  const storeFor = (request: FastifyRequest) => {
    const name = CACHED_ROUTES.get(request.routeOptions.url ?? '');
    if (!name || request.method !== 'GET' || request.headers.authorization || request.cookies[sessionCookie] || request.cookies.uh_flash)
      return undefined;
    return name;
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const name = storeFor(request);
    if (!name) return;
    let entry = stores[name].get(request.url);
    if (!entry) {
      const pending = rendering.get(request.url);
      if (pending) {
        await pending;
        entry = stores[name].get(request.url);
        if (entry) stats[name].shared++;
      }
    } else stats[name].hits++;
    if (!entry) {
      stats[name].misses++;
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
    const accepts = request.headers['accept-encoding'] ?? '';
    if (/\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(entry.br);
    if (/\bgzip\b/.test(accepts)) {
      entry.gzip ??= gzipSync(brotliDecompressSync(entry.br), { level: 6 });
      return reply.header('content-encoding', 'gzip').send(entry.gzip);
    }
    return reply.send(brotliDecompressSync(entry.br).toString('utf8'));
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const name = storeFor(request);
    if ((request as FastifyRequest & { [HIT]?: boolean })[HIT] || !name) return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    stores[name].set(request.url, {
      br: brotliCompressSync(payload, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }),
      headers: { 'content-type': String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'), 'cache-control': 'no-store' },
    });
    return payload;
  });

  const finishRendering = async (request: FastifyRequest) => (request as FastifyRequest & { [RENDERING]?: () => void })[RENDERING]?.();
  app.addHook('onRequestAbort', finishRendering);

  app.addHook('onResponse', finishRendering);
}

/** The cache is on by default; PAGE_CACHE=0 turns it off. Test runs keep it off unless PAGE_CACHE=1, since tests change data behind the app's back. */
export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PAGE_CACHE === '0') return false;
  if (env.VITEST && env.PAGE_CACHE !== '1') return false;
  return true;
}
