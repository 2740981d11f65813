import type { FastifyInstance } from 'fastify';
import type { PoolClient } from 'pg';
import type { NavEntry } from '../core/context.ts';
import type { JobDefinition } from '../core/jobs.ts';
import type { ReadTimeNoticeSource } from '../core/read-time-notices.ts';
import type { DemoRefs } from '../db/seed/demo-core.ts';

/** A link a module adds to every organization's page (e.g. its forum, its programs). */
export interface OrganizationLink {
  /** Message id of the link text. */
  labelId: string;
  /** Path after the language prefix, e.g. (slug) => `/organizations/${slug}/forum`. */
  path: (organizationSlug: string) => string;
}

/** A module's manifest: its routes, its links and its demo data (its API describes itself: route schemas, core/api-docs.ts). */
export interface UnionhallModule {
  name: string;
  /** Registers the module's routes (encapsulated: hooks it adds stay inside it). */
  plugin: (app: FastifyInstance) => Promise<void>;
  /** Links in the site's main navigation. */
  nav?: NavEntry[];
  /** Links shown on each organization's page. */
  organizationLinks?: OrganizationLink[];
  /** Adds the module's demo data on top of the core demo (runs inside the seed's transaction). */
  seed?: (tx: PoolClient, refs: DemoRefs) => Promise<void>;
  /**
   * Adds demo data that builds on other modules' demo (after every module's `seed`, in the same transaction):
   * programs completes the activities the meetings demo drafts from a resolution.
   */
  seedAfterOthers?: (tx: PoolClient, refs: DemoRefs) => Promise<void>;
  /** Background jobs (and their cron schedules) the module runs through the job queue (src/core/jobs.ts). */
  jobs?: JobDefinition[];
  /** Notices worked out when read rather than stored (shown with the notifications and in their unread count). */
  notices?: ReadTimeNoticeSource;
}
