import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Actor } from '../../../core/authorization.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { hashPassword } from '../../../core/passwords.ts';
import { emailHasAccount, insertAccount } from '../../accounts/index.ts';
import { invitationState } from '../domain/invitation-state.ts';
import { findInvitationByTokenHash, markInvitationAccepted } from '../queries/invitations.ts';
import { upsertMembership } from '../queries/members.ts';
import { notifyInviter } from '../domain/notify-inviter.ts';

export interface AcceptInvitationInput {
  /** The hash of the link's token. */
  tokenHash: string;
  /** For a visitor: the account to create with the invitation's email (ignored when deps.actor is signed in). */
  newAccount?: { name: string; password: string };
}

export type AcceptInvitationResult = CommandResult<
  { userId: number; organizationId: number },
  'notFound' | 'accepted' | 'revoked' | 'expired' | 'accountExists'
>;

/**
 * Accepts an invitation: for the signed-in actor, or (a visitor) by creating an account with the invitation's
 * email, in deps.lang. The invitation row is locked, so one link gives one role once.
 */
export async function acceptInvitation(deps: CommandDeps<Actor | null>, input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
  // Hash outside the transaction: argon2 is slow, and the lock should be short.
  const who = deps.actor ? { userId: deps.actor.userId } : await accountToCreate(input);
  return transaction(deps.db, async (tx) => {
    const invitation = await findInvitationByTokenHash(tx, input.tokenHash, true);
    if (!invitation) return { ok: false, reason: 'notFound' } as const;
    const state = invitationState(invitation);
    if (state !== 'pending') return { ok: false, reason: state } as const;
    let userId: number;
    if ('userId' in who) {
      userId = who.userId;
    } else {
      if (await emailHasAccount(tx, invitation.email)) return { ok: false, reason: 'accountExists' } as const;
      // Someone may sign up with the same address at the same instant: then nothing is inserted.
      const created = await insertAccount(tx, { ...who, email: invitation.email, phone: null, locale: deps.lang });
      if (!created) return { ok: false, reason: 'accountExists' } as const;
      userId = created.id;
      await recordAudit(tx, {
        actorId: userId,
        action: 'account.created_from_invitation',
        subjectType: 'user',
        subjectId: userId,
        ip: deps.ip,
      });
    }
    await upsertMembership(tx, invitation.organizationId, userId, invitation.role, invitation.regionId);
    await markInvitationAccepted(tx, invitation.id, userId);
    if (invitation.invitedBy !== null && invitation.invitedBy !== userId) await notifyInviter(tx, invitation, invitation.invitedBy);
    await recordAudit(tx, {
      actorId: userId,
      organizationId: invitation.organizationId,
      action: 'invitation.accepted',
      subjectType: 'invitation',
      subjectId: invitation.id,
      details: { role: invitation.role, regionId: invitation.regionId, invitedEmail: invitation.email },
      ip: deps.ip,
    });
    return { ok: true, userId, organizationId: invitation.organizationId } as const;
  });
}

/** The visitor's new account, its password hashed; a visitor without one is a caller's mistake. */
async function accountToCreate(input: AcceptInvitationInput): Promise<{ name: string; passwordHash: string }> {
  if (!input.newAccount) throw new Error('acceptInvitation: a visitor must give the account to create');
  return { name: input.newAccount.name, passwordHash: await hashPassword(input.newAccount.password) };
}
