import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../config.ts';
import type { Pool } from '../db/database.ts';
import type { Actor } from './authorization.ts';
import type { Lang, Translate } from './i18n.ts';
import type { Mailer } from './mail.ts';
import type { CurrentUser } from './session.ts';
import type { LiveEvents } from './live.ts';
import type { EmbeddedSupervisor } from '../db/embedded-supervisor.ts';
import type { JobQueue } from './jobs.ts';
import type { ReadTimeNoticeSource } from './read-time-notices.ts';

/** A link a module adds to the site's navigation. */
export interface NavEntry {
  /** Message id of the link text. */
  labelId: string;
  /** Path after the language prefix, e.g. "/organizations". */
  path: string;
  /** Shown only when this returns true (default: always). */
  visible?: (ctx: RequestContext) => boolean;
  /** A small count beside the link (e.g. unread notifications): text shown, label for screen readers; null for none. */
  badge?: (ctx: RequestContext) => { text: string; label: string } | null;
}

/** What one request knows: its language, its viewer, and how to talk to them. */
export interface RequestContext {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  t: Translate;
  user: CurrentUser | null;
  actor: Actor | null;
  /** The path without the language prefix and query, for the language switcher. */
  pathInLang: string;
  /** The query string (with "?") to keep when switching language. */
  search: string;
  flash: { kind: 'success' | 'error'; text: string } | null;
  /** The CSRF token for forms on this page (created on first use). */
  csrfToken(): string;
  requestId: string;
  ip: string;
  nav: NavEntry[];
  /** The base URL for absolute links (mail, feeds). */
  baseUrl: string;
}

/** Long-lived things the app shares with every request: configuration, database pool, mailer. */
export interface AppDeps {
  config: Config;
  db: Pool;
  mailer: Mailer;
  live: LiveEvents;
  sessionCookie: string;
  nav: NavEntry[];
  /** The modules' read-time notices (`UnionhallModule.notices`), read by the notifications module. */
  notices?: ReadTimeNoticeSource[];
  /** The background job queue, when this process runs jobs (config.runJobs); set by startJobs in src/core/jobs.ts. */
  jobs?: JobQueue;
  /** The embedded database server's supervisor, when this process runs one (set by src/server.ts); /healthz reads it. */
  embeddedDatabase?: Pick<EmbeddedSupervisor, 'health'>;
}

/**
 * The request's context, or undefined where the context hook never ran (static files, health checks, a request
 * refused before onRequest): `request.ctx` is typed as always set, which is true in every route handler.
 */
export function builtContext(request: FastifyRequest): RequestContext | undefined {
  return (request as { ctx?: RequestContext }).ctx;
}

declare module 'fastify' {
  interface FastifyInstance {
    uh: AppDeps;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyReply {
    /** Sends a server-rendered page. */
    render(page: VNode, status?: number): FastifyReply;
    /** Redirects (303) after a successful post, with a message shown on the next page. */
    redirectWithFlash(url: string, messageId: string, kind?: 'success' | 'error', values?: Record<string, string | number>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Static files and health checks skip session and language work. */
    bare?: boolean;
  }
}
