import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Lang } from '../../../core/i18n.ts';
import { hashPassword } from '../../../core/passwords.ts';
import { findInvitationByTokenHash, findUserByEmail, insertUser, markInvitationAccepted, upsertMembership, type InvitationRow } from '../queries.ts';

/** Why an invitation link can no longer be used. */
export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationState(invitation: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (new Date(invitation.expiresAt) <= now) return 'expired';
  return 'pending';
}

type Who = { userId: number } | { newAccount: { name: string; password: string; locale: Lang } };
type AcceptResult =
  | { ok: true; userId: number; organizationId: number }
  | { ok: false; reason: 'notFound' | 'accepted' | 'revoked' | 'expired' | 'accountExists' };

/**
 * Accepts an invitation: for a signed-in person, or by creating an account with the invitation's email.
 * The invitation row is locked, so one link gives one role once.
 */
export async function acceptInvitation(db: Pool, tokenHash: string, who: Who, ip: string): Promise<AcceptResult> {
  // Hash outside the transaction: argon2 is slow, and the lock should be short.
  const passwordHash = 'newAccount' in who ? await hashPassword(who.newAccount.password) : null;
  return transaction(db, async (tx) => {
    const invitation = await findInvitationByTokenHash(tx, tokenHash, true);
    if (!invitation) return { ok: false, reason: 'notFound' } as const;
    const state = invitationState(invitation);
    if (state !== 'pending') return { ok: false, reason: state } as const;
    let userId: number;
    if ('userId' in who) {
      userId = who.userId;
    } else {
      if (await findUserByEmail(tx, invitation.email)) return { ok: false, reason: 'accountExists' } as const;
      userId = await insertUser(tx, { name: who.newAccount.name, email: invitation.email, passwordHash: passwordHash!, locale: who.newAccount.locale });
      await recordAudit(tx, { actorId: userId, action: 'account.created_from_invitation', subjectType: 'user', subjectId: userId, ip });
    }
    await upsertMembership(tx, invitation.organizationId, userId, invitation.role, invitation.regionId);
    await markInvitationAccepted(tx, invitation.id, userId);
    await recordAudit(tx, {
      actorId: userId,
      organizationId: invitation.organizationId,
      action: 'invitation.accepted',
      subjectType: 'invitation',
      subjectId: invitation.id,
      details: { role: invitation.role, regionId: invitation.regionId, invitedEmail: invitation.email },
      ip,
    });
    return { ok: true, userId, organizationId: invitation.organizationId } as const;
  }).catch((error: { code?: string }) => {
    // Someone signed up with the same address at the same instant.
    if (error.code === '23505') return { ok: false, reason: 'accountExists' } as const;
    throw error;
  });
}
