import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { meetingPages } from './routes/pages.ts';
import { meetingApi } from './routes/api.ts';
import { seedMeetings } from './seed.ts';
import { meetingJobs } from './jobs.ts';

export { meetingsWorkFor } from './loaders.ts';

/** Coordination meetings: attendees, agenda, minutes (approved, then corrected as versions), resolutions, tasks. */
export const meetingsModule: UnionhallModule = {
  name: 'meetings',
  plugin: async (app: FastifyInstance) => {
    await meetingPages(app);
    await meetingApi(app);
  },
  nav: [
    { labelId: 'meetings.nav', path: '/meetings', visible: (ctx) => ctx.user !== null },
    { labelId: 'meetings.tasks.nav', path: '/tasks', visible: (ctx) => ctx.user !== null },
  ],
  organizationLinks: [{ labelId: 'meetings.organizationLink', path: (slug) => `/organizations/${slug}/meetings` }],
  seed: seedMeetings,
  jobs: meetingJobs,
};
