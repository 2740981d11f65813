import type { Queryable } from '../../db/database.ts';
import { one } from '../../db/database.ts';
import type { Visibility } from './policy.ts';

/** Creates a forum category for tests. */
export async function createCategory(
  db: Queryable,
  organizationId: number,
  overrides: Partial<{ slug: string; visibility: Visibility; name: Record<string, string> }> = {},
): Promise<{ id: number; slug: string }> {
  const row = await one<{ id: number; slug: string }>(
    db,
    `INSERT INTO forum_categories (organization_id, slug, name, visibility) VALUES ($1, $2, $3, $4) RETURNING id, slug`,
    [
      organizationId,
      overrides.slug ?? `cat-${Math.random().toString(36).slice(2, 8)}`,
      JSON.stringify(overrides.name ?? { en: 'Wages', fa: 'دستمزد', vi: 'Tiền lương' }),
      overrides.visibility ?? 'public',
    ],
  );
  return row!;
}

/** Makes an account old enough to be trusted (new accounts have tighter limits). */
export async function ageAccount(db: Queryable, userId: number, days = 30): Promise<void> {
  await db.query(`UPDATE users SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [userId, days]);
}
