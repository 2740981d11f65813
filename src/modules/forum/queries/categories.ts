import type { Actor } from '../../../core/authorization.ts';
import type { LocalizedText } from '../../../core/i18n.ts';
import { z } from 'zod';
import { IdRow, IdsColumn, LocalizedTextColumn } from '../../../core/rows.ts';
import { many, one, type Queryable } from '../../../db/database.ts';
import { VISIBILITIES, type Visibility } from '../policy.ts';
import { viewerScope, visibleCategoryCondition, inSubtreeSql, viewerSuspendedSql } from './visibility.ts';

// Categories (organizations come from the organizations module's index.ts).

export const CategoryRow = z.object({
  id: z.number(),
  organizationId: z.number(),
  slug: z.string(),
  name: LocalizedTextColumn,
  description: LocalizedTextColumn,
  visibility: z.enum(VISIBILITIES),
  position: z.number(),
  topicCount: z.number(),
  lastPostedAt: z.date().nullable(),
});
export type CategoryRow = z.infer<typeof CategoryRow>;

/** The categories of an organization the viewer may read, in their order. */
export function listCategories(db: Queryable, organizationId: number, actor: Actor | null): Promise<CategoryRow[]> {
  const visible = visibleCategoryCondition('c.id', 2, actor);
  return many(
    db,
    CategoryRow,
    `SELECT c.id, c.organization_id AS "organizationId", c.slug, c.name, c.description, c.visibility, c.position, c.topic_count AS "topicCount", c.last_posted_at AS "lastPostedAt"
     FROM forum_categories c WHERE c.organization_id = $1 AND ${visible.sql} ORDER BY c.position, c.id`,
    [organizationId, ...visible.params],
  );
}

/** The organization of a category or topic, and the viewer's standing there (selected with it, in one query). */
export const ViewerStanding = z.object({
  organizationSlug: z.string(),
  organizationName: LocalizedTextColumn,
  organizationAncestorIds: IdsColumn,
  viewerInSubtree: z.boolean(),
  viewerSuspended: z.boolean(),
  viewerFollows: z.boolean(),
});
export type ViewerStanding = z.infer<typeof ViewerStanding>;

/** A category with its organization and the viewer's standing there: everything a category page's policy needs. */
const CategoryContextRow = CategoryRow.extend(ViewerStanding.shape);
export type CategoryContextRow = z.infer<typeof CategoryContextRow>;

const CATEGORY_CONTEXT = `
  SELECT c.id, c.organization_id AS "organizationId", c.slug, c.name, c.description, c.visibility, c.position, c.topic_count AS "topicCount", c.last_posted_at AS "lastPostedAt",
         o.slug AS "organizationSlug", o.name AS "organizationName", o.ancestor_ids AS "organizationAncestorIds",
         ${inSubtreeSql('o.id', '$2::bigint[]')} AS "viewerInSubtree",
         ${viewerSuspendedSql('$3')} AS "viewerSuspended",
         EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = $3 AND f.category_id = c.id) AS "viewerFollows"
  FROM forum_categories c JOIN organizations o ON o.id = c.organization_id`;

/** A category by its organization's slug and its own slug. */
export function findCategory(
  db: Queryable,
  organizationSlug: string,
  categorySlug: string,
  actor: Actor | null,
): Promise<CategoryContextRow | undefined> {
  return one(db, CategoryContextRow, `${CATEGORY_CONTEXT} WHERE o.slug = $1 AND c.slug = $4`, [
    organizationSlug,
    viewerScope(actor).grantOrgIds,
    actor?.userId ?? null,
    categorySlug,
  ]);
}

/** A category by id (for moving a topic there). */
export function findCategoryById(db: Queryable, categoryId: number, actor: Actor | null): Promise<CategoryContextRow | undefined> {
  return one(db, CategoryContextRow, `${CATEGORY_CONTEXT} WHERE c.id = $1::bigint AND $1::bigint IS NOT NULL`, [
    categoryId,
    viewerScope(actor).grantOrgIds,
    actor?.userId ?? null,
  ]);
}

export interface CategoryInput {
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  visibility: Visibility;
  position: number;
}

export async function insertCategory(db: Queryable, organizationId: number, input: CategoryInput): Promise<number | null> {
  const row = await one(
    db,
    IdRow,
    `INSERT INTO forum_categories (organization_id, slug, name, description, visibility, position)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organization_id, slug) DO NOTHING RETURNING id`,
    [organizationId, input.slug, JSON.stringify(input.name), JSON.stringify(input.description), input.visibility, input.position],
  );
  return row?.id ?? null;
}

export async function updateCategory(db: Queryable, categoryId: number, input: CategoryInput): Promise<boolean> {
  const result = await db.query(
    `UPDATE forum_categories SET slug = $2, name = $3, description = $4, visibility = $5, position = $6, updated_at = now()
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM forum_categories o WHERE o.organization_id = forum_categories.organization_id AND o.slug = $2 AND o.id <> $1)`,
    [categoryId, input.slug, JSON.stringify(input.name), JSON.stringify(input.description), input.visibility, input.position],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Every category in the organization and its sub-organizations (targets for moving a topic). */
const SubtreeCategoryRow = z.object({ id: z.number(), name: LocalizedTextColumn, organizationName: LocalizedTextColumn });

export function listCategoriesInSubtree(db: Queryable, organizationId: number): Promise<Array<z.infer<typeof SubtreeCategoryRow>>> {
  return many(
    db,
    SubtreeCategoryRow,
    `SELECT c.id, c.name, o.name AS "organizationName" FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
     WHERE o.id = $1 OR $1 = ANY(o.ancestor_ids) ORDER BY o.id, c.position, c.id`,
    [organizationId],
  );
}

const ApiCategoryRow = z.object({
  id: z.number(),
  slug: z.string(),
  name: LocalizedTextColumn,
  description: LocalizedTextColumn,
  visibility: z.enum(VISIBILITIES),
  topicCount: z.number(),
  lastPostedAt: z.date().nullable(),
  organizationSlug: z.string(),
  organizationName: LocalizedTextColumn,
});
export type ApiCategoryRow = z.infer<typeof ApiCategoryRow>;

/** Every category the viewer may read (optionally of one organization), by organization then position. */
export function listReadableCategories(db: Queryable, actor: Actor | null, organizationSlug: string | null): Promise<ApiCategoryRow[]> {
  const visible = visibleCategoryCondition('c.id', 2, actor);
  return many(
    db,
    ApiCategoryRow,
    `SELECT c.id, c.slug, c.name, c.description, c.visibility, c.topic_count AS "topicCount", c.last_posted_at AS "lastPostedAt", o.slug AS "organizationSlug", o.name AS "organizationName"
     FROM forum_categories c JOIN organizations o ON o.id = c.organization_id
     WHERE ($1::text IS NULL OR o.slug = $1) AND ${visible.sql}
     ORDER BY o.id, c.position, c.id LIMIT 1000`,
    [organizationSlug, ...visible.params],
  );
}
