import { recordAudit } from '../../../core/audit.ts';
import { transaction } from '../../../db/database.ts';
import { insertCategory, updateCategory, type CategoryInput } from '../queries/categories.ts';
import type { CommandDeps } from '../../../core/commands.ts';

/** Creates a category, or updates one (categoryId given); audited. Fails when the slug is taken in the organization. */
export async function saveCategory(
  deps: CommandDeps,
  input: { organizationId: number; categoryId?: number; category: CategoryInput },
): Promise<{ ok: true; categoryId: number } | { ok: false; reason: 'slugTaken' }> {
  return transaction(deps.db, async (tx) => {
    let id: number | null;
    if (input.categoryId !== undefined) id = (await updateCategory(tx, input.categoryId, input.category)) ? input.categoryId : null;
    else id = await insertCategory(tx, input.organizationId, input.category);
    if (id === null) return { ok: false as const, reason: 'slugTaken' as const };
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: input.categoryId !== undefined ? 'forum.category.update' : 'forum.category.create',
      subjectType: 'forum_category',
      subjectId: id,
      details: { slug: input.category.slug, visibility: input.category.visibility },
      ip: deps.ip,
    });
    return { ok: true as const, categoryId: id };
  });
}
