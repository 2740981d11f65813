import type { Actor } from '../../../core/authorization.ts';
import type { LocalizedText } from '../../../core/i18n.ts';
import type { Queryable } from '../../../db/database.ts';
import { visibleCategoryCondition } from './visibility.ts';

export interface ApiCategoryRow {
  id: number;
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  visibility: 'public' | 'members' | 'officials';
  topic_count: number;
  last_posted_at: Date | null;
  organization_slug: string;
  organization_name: LocalizedText;
}

/** Every category the viewer may read (optionally of one organization), by organization then position. */
export async function listReadableCategories(db: Queryable, actor: Actor | null, organizationSlug: string | null): Promise<ApiCategoryRow[]> {
  const visible = visibleCategoryCondition('c.id', 2, actor);
  const result = await db.query<ApiCategoryRow>(
    `SELECT c.id, c.slug, c.name, c.description, c.visibility, c.topic_count, c.last_posted_at, o.slug AS organization_slug, o.name AS organization_name
     FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
     WHERE ($1::text IS NULL OR o.slug = $1) AND ${visible.sql}
     ORDER BY o.id, c.position, c.id LIMIT 1000`,
    [organizationSlug, ...visible.params],
  );
  return result.rows;
}
