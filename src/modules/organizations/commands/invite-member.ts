import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Role } from '../../../core/authorization.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { translator, pickLocalized } from '../../../core/i18n.ts';
import { hashToken, newToken } from '../../../core/session.ts';
import { regionWithinOrganization } from '../domain/region-limit.ts';
import { insertInvitation } from '../queries/invitations.ts';
import type { OrganizationSummary } from '../queries/organizations.ts';
import { findRegion } from '../../../core/regions.ts';

/** How long an invitation link works. */
export const INVITATION_DAYS = 14;

export interface InviteMemberInput {
  organization: OrganizationSummary;
  /** The inviter's name, as the mail shows it. */
  inviterName: string;
  email: string;
  role: Role;
  regionId: number | null;
}

export type InviteMemberResult = CommandResult<{ invitationId: number }, 'regionOnlyForOfficials' | 'regionOutsideOrganization'>;

/**
 * Invites a person by email to a role: stores only the token's hash, mails the link (in deps.lang), records the
 * invitation. A region limit is for officials only and must lie within the organization's region.
 */
export async function inviteMember(deps: CommandDeps, input: InviteMemberInput): Promise<InviteMemberResult> {
  const { organization } = input;
  if (input.regionId !== null && input.role !== 'official') return { ok: false, reason: 'regionOnlyForOfficials' };
  const token = newToken();
  const t = translator(deps.lang);
  return transaction(deps.db, async (tx) => {
    if (input.regionId !== null && !regionWithinOrganization(await findRegion(tx, input.regionId), organization)) {
      return { ok: false, reason: 'regionOutsideOrganization' } as const;
    }
    const invitationId = await insertInvitation(tx, {
      tokenHash: hashToken(token),
      organizationId: organization.id,
      email: input.email,
      role: input.role,
      regionId: input.regionId,
      invitedBy: deps.actor.userId,
      days: INVITATION_DAYS,
    });
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: organization.id,
      action: 'invitation.created',
      subjectType: 'invitation',
      subjectId: invitationId,
      details: { invitedEmail: input.email, role: input.role, regionId: input.regionId },
      ip: deps.ip,
    });
    const organizationName = pickLocalized(organization.name, deps.lang);
    const link = `${deps.config.baseUrl.replace(/\/$/, '')}/${deps.lang}/invitations/${token}`;
    // Inside the transaction: with no SMTP the mail is held in the outbox table, and both land or neither does.
    await deps.mailer.send(tx, {
      to: input.email,
      subject: t('organizations.invitationMail.subject', { organization: organizationName }),
      text: t('organizations.invitationMail.body', {
        inviter: input.inviterName,
        organization: organizationName,
        role: t(`organizations.role.${input.role}`),
        link,
        days: INVITATION_DAYS,
      }),
    });
    return { ok: true, invitationId } as const;
  });
}
