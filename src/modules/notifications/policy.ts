/**
 * Who may do what with notifications. Pure functions, deny by default.
 * A notification belongs to one person: only they, signed in (core requireActor), may list, open or mark it
 * (platform administrators included: a notification can quote what only its recipient may see). Every query is
 * scoped by the viewer's id, so another person's notification is "not found".
 */

/** Choosing email for notifications (immediately or in the digest): only with an email address to send it to. */
export function canChooseEmail(user: { email: string | null } | null): boolean {
  return user !== null && typeof user.email === 'string' && user.email.length > 0;
}
