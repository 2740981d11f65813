import { notificationKind } from '../../notifications/index.ts';

/** A new topic in a category I follow. */
export const NEW_TOPIC = notificationKind('forum.topic', 'forum.notificationKinds.topic', 'off');
/** A reply in a topic I follow. */
export const NEW_REPLY = notificationKind('forum.reply', 'forum.notificationKinds.reply', 'off');
/** Someone mentioned me. */
export const MENTION = notificationKind('forum.mention', 'forum.notificationKinds.mention', 'digest');
/** An official answered a topic I follow. */
export const OFFICIAL_ANSWER = notificationKind('forum.answer', 'forum.notificationKinds.answer', 'digest');
/** The author of my anonymous post was revealed. */
export const AUTHOR_REVEALED = notificationKind('forum.reveal', 'forum.notificationKinds.reveal', 'immediate');
/** I was suspended from a forum. */
export const SUSPENSION = notificationKind('forum.suspension', 'forum.notificationKinds.suspension', 'immediate');
/** A post in a forum I moderate was flagged. */
export const POST_FLAGGED = notificationKind('forum.flag', 'forum.notificationKinds.flag', 'immediate');

/** The kinds the forum sends, for the notification settings page. */
export const forumNotificationKinds = [NEW_TOPIC, NEW_REPLY, MENTION, OFFICIAL_ANSWER, AUTHOR_REVEALED, SUSPENSION, POST_FLAGGED];
