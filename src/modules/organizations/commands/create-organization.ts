import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import { findRegion, insertOrganization, slugTaken, type OrganizationSummary } from '../queries.ts';
import { organizationInputFrom, type OrganizationForm } from '../schemas.ts';
import type { ActorInfo } from './actor-info.ts';

type CreateResult = { ok: true; slug: string } | { ok: false; reason: 'slugTaken' | 'noSuchRegion' };

/** Creates an organization under a parent (null: a top-level one, for platform administrators). */
export async function createOrganization(db: Pool, actor: ActorInfo, parent: OrganizationSummary | null, form: OrganizationForm): Promise<CreateResult> {
  const input = organizationInputFrom(form);
  return transaction(db, async (tx) => {
    if (input.regionId !== null && !(await findRegion(tx, input.regionId))) return { ok: false, reason: 'noSuchRegion' } as const;
    if (await slugTaken(tx, input.slug)) return { ok: false, reason: 'slugTaken' } as const;
    const created = await insertOrganization(tx, parent?.id ?? null, input);
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: created.id,
      action: 'organization.created',
      subjectType: 'organization',
      subjectId: created.id,
      details: { slug: created.slug, kind: created.kind, parentSlug: parent?.slug ?? null },
      ip: actor.ip,
    });
    // The parent's log shows the new child too.
    if (parent) {
      await recordAudit(tx, {
        actorId: actor.userId,
        organizationId: parent.id,
        action: 'organization.child_created',
        subjectType: 'organization',
        subjectId: created.id,
        details: { slug: created.slug, kind: created.kind },
        ip: actor.ip,
      });
    }
    return { ok: true, slug: created.slug } as const;
  });
}

