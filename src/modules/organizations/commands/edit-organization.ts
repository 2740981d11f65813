import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import type { LocalizedText } from '../../../core/i18n.ts';
import { slugTaken, updateOrganization, type OrganizationDetail } from '../queries/organizations.ts';
import { findRegion } from '../../../core/regions.ts';
import { organizationInputFrom, type OrganizationForm } from '../schemas.ts';

export interface EditOrganizationInput {
  /** The organization as stored now (the changed fields are recorded against it). */
  current: Pick<OrganizationDetail, 'id' | 'slug' | 'kind' | 'regionId' | 'name' | 'description' | 'timeZone'>;
  form: OrganizationForm;
}

export type EditOrganizationResult = CommandResult<{ slug: string }, 'slugTaken' | 'noSuchRegion'>;

/** Saves an organization's settings and records which fields changed. */
export async function editOrganization(deps: CommandDeps, { current, form }: EditOrganizationInput): Promise<EditOrganizationResult> {
  const input = organizationInputFrom(form);
  return transaction(deps.db, async (tx) => {
    if (input.regionId !== null && input.regionId !== current.regionId && !(await findRegion(tx, input.regionId))) {
      return { ok: false, reason: 'noSuchRegion' } as const;
    }
    if (await slugTaken(tx, input.slug, current.id)) return { ok: false, reason: 'slugTaken' } as const;
    const changedFields = [
      input.slug !== current.slug && 'slug',
      input.kind !== current.kind && 'kind',
      input.regionId !== current.regionId && 'region',
      input.timeZone !== null && input.timeZone !== current.timeZone && 'timeZone',
      JSON.stringify(sorted(input.name)) !== JSON.stringify(sorted(current.name)) && 'name',
      JSON.stringify(sorted(input.description)) !== JSON.stringify(sorted(current.description)) && 'description',
    ].filter((f): f is string => Boolean(f));
    await updateOrganization(tx, current.id, input);
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: current.id,
      action: 'organization.updated',
      subjectType: 'organization',
      subjectId: current.id,
      details: { changedFields, slug: input.slug, ...(input.slug !== current.slug ? { previousSlug: current.slug } : {}) },
      ip: deps.ip,
    });
    return { ok: true, slug: input.slug } as const;
  });
}

/** The languages of a text in a fixed order, so that equal texts compare equal. */
function sorted(text: LocalizedText): Array<[string, string | undefined]> {
  return Object.entries(text).sort(([a], [b]) => a.localeCompare(b));
}
