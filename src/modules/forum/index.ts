import type { UnionhallModule } from '../module.ts';
import { forumRoutes } from './routes/index.ts';
import { seedForum } from './seed.ts';

export { canReadCategory, canModerate, canAnswerOfficially, VISIBILITIES, type Visibility, type CategoryAccess } from './policy.ts';
export { visibleCategoryIds, visibleCategoryCondition, viewerScope } from './visibility.ts';
export {
  presentPost,
  presentTopicListItem,
  pseudonymLabel,
  type PostRow,
  type PostView,
  type PostAuthor,
  type TopicListRow,
  type TopicListItem,
} from './presenters.ts';

/** The workers' forum: categories per organization, topics, anonymous posting, official answers, moderation. */
export const forumModule: UnionhallModule = {
  name: 'forum',
  plugin: forumRoutes,
  nav: [{ labelId: 'forum.nav', path: '/forum' }],
  organizationLinks: [{ labelId: 'forum.organizationLink', path: (slug) => `/organizations/${slug}/forum` }],
  seed: seedForum,
};
