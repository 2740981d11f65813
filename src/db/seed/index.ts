import type { Pool } from '../database.ts';
import { z } from 'zod';
import { one, transaction } from '../database.ts';
import { modules } from '../../modules/registry.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedCoreDemo } from './demo-core.ts';

/** Seeds the demo data in one transaction: the core (regions, organizations, people), then each module's, then
 * what builds on other modules' demo (seedAfterOthers). */
export async function seedDemo(pool: Pool): Promise<{ adminEmail: string; adminPassword: string }> {
  await transaction(pool, async (tx) => {
    const refs = await seedCoreDemo(tx);
    for (const module of modules) {
      if (module.seed) await module.seed(tx, refs);
    }
    for (const module of modules) {
      if (module.seedAfterOthers) await module.seedAfterOthers(tx, refs);
    }
  });
  return { adminEmail: DEMO_ADMIN_EMAIL, adminPassword: DEMO_PASSWORD };
}

/** Seeds the demo data only when the database has nobody in it yet. */
export async function seedDemoIfEmpty(pool: Pool): Promise<{ adminEmail: string; adminPassword: string } | null> {
  const row = await one(pool, z.object({ someone: z.boolean() }), 'SELECT EXISTS (SELECT 1 FROM users) AS someone');
  if (row?.someone) return null;
  return seedDemo(pool);
}
