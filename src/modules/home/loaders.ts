import type { Actor } from '../../core/authorization.ts';
import type { Lang } from '../../core/i18n.ts';
import type { WorkLoader, WorkSection } from '../../core/work.ts';
import type { Queryable } from '../../db/database.ts';
import { forumWorkFor } from '../forum/index.ts';
import { meetingsWorkFor } from '../meetings/index.ts';
import { organizationsWorkFor } from '../organizations/index.ts';
import { programsWorkFor } from '../programs/index.ts';

/** Every module's "My work" loader: each reads its own tables through its own queries; home only assembles. */
const WORK_LOADERS: readonly WorkLoader[] = [programsWorkFor, meetingsWorkFor, forumWorkFor, organizationsWorkFor];

/** What waits for the actor, from every module at once (a few bounded queries each, in parallel). */
export async function loadWork(db: Queryable, actor: Actor, lang: Lang): Promise<WorkSection[]> {
  return (await Promise.all(WORK_LOADERS.map((load) => load(db, actor, lang)))).flat();
}
