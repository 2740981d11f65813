import type { Actor } from '../../core/authorization.ts';

/**
 * Who may do what with accounts. An account belongs to one person: only they, signed in,
 * manage it here (platform administrators work through the admin tools, not these pages).
 */
export const accountPolicy = {
  /** Viewing and editing one's own profile, password and tokens needs a signed-in person. */
  canManageOwnAccount(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  /** A personal API token may be revoked by its owner only. */
  canRevokeToken(actor: Actor | null, token: { userId: number }): boolean {
    return actor !== null && actor.userId === token.userId;
  },
};
