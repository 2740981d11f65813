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
