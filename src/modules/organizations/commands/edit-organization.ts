import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { LocalizedText } from '../../../core/i18n.ts';
import { findRegion, slugTaken, updateOrganization, type OrganizationSummary } from '../queries.ts';
import { organizationInputFrom, type OrganizationForm } from '../schemas.ts';
import type { ActorInfo } from './actor-info.ts';

type EditResult = { ok: true; slug: string } | { ok: false; reason: 'slugTaken' | 'noSuchRegion' };

/** Saves an organization's settings and records which fields changed. */
export async function editOrganization(
  db: Pool,
  actor: ActorInfo,
  current: OrganizationSummary & { description: LocalizedText },
  form: OrganizationForm,
): Promise<EditResult> {
  const input = organizationInputFrom(form);
  return transaction(db, async (tx) => {
    if (input.regionId !== null && input.regionId !== current.regionId && !(await findRegion(tx, input.regionId))) {
      return { ok: false, reason: 'noSuchRegion' } as const;
    }
    if (await slugTaken(tx, input.slug, current.id)) return { ok: false, reason: 'slugTaken' } as const;
    const changedFields = [
      input.slug !== current.slug && 'slug',
      input.kind !== current.kind && 'kind',
      input.regionId !== current.regionId && 'region',
      JSON.stringify(sorted(input.name)) !== JSON.stringify(sorted(current.name)) && 'name',
      JSON.stringify(sorted(input.description)) !== JSON.stringify(sorted(current.description)) && 'description',
    ].filter((f): f is string => Boolean(f));
    await updateOrganization(tx, current.id, input);
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: current.id,
      action: 'organization.updated',
      subjectType: 'organization',
      subjectId: current.id,
      details: { changedFields, slug: input.slug, ...(input.slug !== current.slug ? { previousSlug: current.slug } : {}) },
      ip: actor.ip,
    });
    return { ok: true, slug: input.slug } as const;
  });
}

function sorted(text: LocalizedText): Array<[string, string | undefined]> {
  return Object.entries(text).sort(([a], [b]) => a.localeCompare(b));
}
