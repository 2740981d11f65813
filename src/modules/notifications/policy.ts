import type { Actor } from '../../core/authorization.ts';

/**
 * Who may do what with notifications. Pure functions, deny by default.
 * A notification belongs to one person: only they may list, open or mark it (platform administrators
 * included: a notification can quote what only its recipient may see). Queries are also scoped by the
 * viewer's id, so another person's notification is "not found".
 */

/** Listing, opening and marking one's own notifications: any signed-in person. */
export function canUseNotifications(actor: Actor | null): actor is Actor {
  return actor !== null;
}

/** Opening or marking a notification: its recipient only. */
export function canReadNotification(actor: Actor | null, notification: { userId: number }): boolean {
  return actor !== null && actor.userId === notification.userId;
}

/** Turning the daily digest on: only with an email address to send it to (turning it off is always allowed). */
export function canEnableDigest(user: { email: string | null } | null): boolean {
  return user !== null && typeof user.email === 'string' && user.email.length > 0;
}
