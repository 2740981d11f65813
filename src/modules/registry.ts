import type { UnionhallModule } from './module.ts';
import { homeModule } from './home/index.ts';
import { accountsModule } from './accounts/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { organizationsModule } from './organizations/index.ts';
import { agreementsModule } from './agreements/index.ts';
import { meetingsModule } from './meetings/index.ts';
import { adminModule } from './admin/index.ts';
import { programsDemoActivities, programsModule } from './programs/index.ts';
import { forumModule } from './forum/index.ts';

/** Every feature module, in the order their routes and navigation links are registered. */
export const modules: UnionhallModule[] = [homeModule, accountsModule, notificationsModule, organizationsModule, adminModule, agreementsModule, programsModule, meetingsModule, programsDemoActivities, forumModule];
