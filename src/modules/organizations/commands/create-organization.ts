import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import type { OrganizationSummary } from '../queries/organizations.ts';
import { insertOrganization, slugTaken } from '../queries/organizations.ts';
import { findRegion } from '../../../core/regions.ts';
import { organizationInputFrom, type OrganizationForm } from '../schemas.ts';

export interface CreateOrganizationInput {
  /** The organization it goes under, or null for a top-level one (platform administrators only). */
  parent: OrganizationSummary | null;
  form: OrganizationForm;
}

export type CreateOrganizationResult = CommandResult<{ slug: string }, 'slugTaken' | 'noSuchRegion'>;

/** Creates an organization under a parent (or at the top), audited in its own log and its parent's. */
export async function createOrganization(deps: CommandDeps, { parent, form }: CreateOrganizationInput): Promise<CreateOrganizationResult> {
  const input = organizationInputFrom(form);
  return transaction(deps.db, async (tx) => {
    if (input.regionId !== null && !(await findRegion(tx, input.regionId))) return { ok: false, reason: 'noSuchRegion' } as const;
    if (await slugTaken(tx, input.slug)) return { ok: false, reason: 'slugTaken' } as const;
    const created = await insertOrganization(tx, parent?.id ?? null, input);
    const entry = { actorId: deps.actor.userId, subjectType: 'organization', subjectId: created.id, ip: deps.ip };
    await recordAudit(tx, {
      ...entry,
      organizationId: created.id,
      action: 'organization.created',
      details: { slug: created.slug, kind: created.kind, parentSlug: parent?.slug ?? null },
    });
    // The parent's log shows the new child too.
    if (parent)
      await recordAudit(tx, {
        ...entry,
        organizationId: parent.id,
        action: 'organization.child_created',
        details: { slug: created.slug, kind: created.kind },
      });
    return { ok: true, slug: created.slug } as const;
  });
}
