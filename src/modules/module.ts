import type { FastifyInstance } from 'fastify';
import type { PoolClient } from 'pg';
import type { NavEntry } from '../core/context.ts';
import type { DemoRefs } from '../db/seed/demo-core.ts';

/** A feature module's manifest: its routes and the navigation links it adds. */
export interface UnionhallModule {
  name: string;
  /** Registers the module's routes (encapsulated: hooks it adds stay inside it). */
  plugin: (app: FastifyInstance) => Promise<void>;
  nav?: NavEntry[];
  /** Adds the module's demo data on top of the core demo (runs inside the seed's transaction). */
  seed?: (tx: PoolClient, refs: DemoRefs) => Promise<void>;
}
