import type { NotificationKind } from '../../notifications/index.ts';

/** A new topic in a category I follow. */
export const NEW_TOPIC: NotificationKind = { name: 'forum.topic', labelId: 'forum.notificationKinds.topic', defaultEmail: 'off' };
/** A reply in a topic I follow. */
export const NEW_REPLY: NotificationKind = { name: 'forum.reply', labelId: 'forum.notificationKinds.reply', defaultEmail: 'off' };
/** Someone mentioned me. */
export const MENTION: NotificationKind = { name: 'forum.mention', labelId: 'forum.notificationKinds.mention', defaultEmail: 'digest' };
/** An official answered a topic I follow. */
export const OFFICIAL_ANSWER: NotificationKind = {
  name: 'forum.answer',
  labelId: 'forum.notificationKinds.answer',
  defaultEmail: 'digest',
};
/** The author of my anonymous post was revealed. */
export const AUTHOR_REVEALED: NotificationKind = {
  name: 'forum.reveal',
  labelId: 'forum.notificationKinds.reveal',
  defaultEmail: 'immediate',
};
/** I was suspended from a forum. */
export const SUSPENSION: NotificationKind = {
  name: 'forum.suspension',
  labelId: 'forum.notificationKinds.suspension',
  defaultEmail: 'immediate',
};
/** A post in a forum I moderate was flagged. */
export const POST_FLAGGED: NotificationKind = { name: 'forum.flag', labelId: 'forum.notificationKinds.flag', defaultEmail: 'immediate' };

/** The kinds the forum sends, for the notification settings page. */
export const forumNotificationKinds = [NEW_TOPIC, NEW_REPLY, MENTION, OFFICIAL_ANSWER, AUTHOR_REVEALED, SUSPENSION, POST_FLAGGED];
