import type { UnionhallModule } from '../module.ts';
import { canAdministerPlatform } from './policy.ts';
import { adminRoutes } from './routes/pages.ts';

/** The platform administrator's pages: overview, platform-wide audit log, mail outbox, regions (this module owns them). */
export const adminModule: UnionhallModule = {
  name: 'admin',
  plugin: adminRoutes,
  nav: [{ labelId: 'admin.nav', path: '/admin', visible: (ctx) => canAdministerPlatform(ctx.actor) }],
};
