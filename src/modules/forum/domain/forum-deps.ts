import type { Actor } from '../../../core/authorization.ts';
import type { Pool } from '../../../db/database.ts';

/** What every forum command needs: the database, the anonymity key (kept outside the database) and who acts. */
export interface ForumDeps {
  db: Pool;
  anonymityKey: string;
  actor: Actor;
  /** The acting person's name, for notifications of named posts. */
  userName: string;
  ip: string | null;
}

/** Links a new account may put in one post until it is trusted. */
export const NEW_ACCOUNT_MAX_LINKS = 2;
/** An account is new while younger than this many hours... */
export const NEW_ACCOUNT_HOURS = 48;
/** ...and with fewer standing (not hidden, not deleted) named posts than this. */
export const TRUSTED_AFTER_POSTS = 3;

/** True while an account is new: young and with few standing posts. */
export function isNewAccount(standing: { account_age_hours: number; approved_posts: number }): boolean {
  return standing.account_age_hours < NEW_ACCOUNT_HOURS && standing.approved_posts < TRUSTED_AFTER_POSTS;
}
