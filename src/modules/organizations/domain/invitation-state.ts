import type { InvitationRow } from '../queries/invitations.ts';

/** Where an invitation stands: usable, or why its link can no longer be used. */
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

/** The invitation's state now: accepted and revoked win over expiry. */
export function invitationState(
  invitation: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now = new Date(),
): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (new Date(invitation.expiresAt) <= now) return 'expired';
  return 'pending';
}
