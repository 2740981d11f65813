import type { UnionhallModule } from './module.ts';
import { homeModule } from './home/index.ts';
import { accountsModule } from './accounts/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { organizationsModule } from './organizations/index.ts';
import { agreementsModule, findAgreementArea, listAgreementAreasForOrganization } from './agreements/index.ts';
import { meetingsModule } from './meetings/index.ts';
import { adminModule } from './admin/index.ts';
import { programsModule } from './programs/index.ts';
import { forumModule } from './forum/index.ts';

/** Programs read agreement areas through agreements' exports, handed over here (agreements imports programs). */
const programs = programsModule({ find: findAgreementArea, listForOrganization: listAgreementAreasForOrganization });

/** Every feature module, in the order their routes and navigation links are registered. */
export const modules: UnionhallModule[] = [
  homeModule,
  accountsModule,
  // The settings page lists every module's kinds of notification (read when it renders, after this list exists).
  notificationsModule(() => modules.flatMap((m) => m.notificationKinds ?? [])),
  organizationsModule,
  adminModule,
  agreementsModule,
  programs,
  meetingsModule,
  forumModule,
];
