import type { Pool } from '../../../db/database.ts';
import { transaction } from '../../../db/database.ts';
import { recordAudit } from '../../../core/audit.ts';
import type { Role } from '../../../core/authorization.ts';
import { translator, pickLocalized, type Lang } from '../../../core/i18n.ts';
import type { Mailer } from '../../../core/mail.ts';
import { hashToken, newToken } from '../../../core/session.ts';
import { findRegion, insertInvitation, type OrganizationSummary } from '../queries.ts';
import type { ActorInfo } from './actor-info.ts';

/** How long an invitation link works. */
export const INVITATION_DAYS = 14;

export interface InviteInput {
  email: string;
  role: Role;
  regionId: number | null;
}

type InviteResult = { ok: true; invitationId: number } | { ok: false; reason: 'regionOnlyForOfficials' | 'regionOutsideOrganization' };

/**
 * Invites a person by email to a role: stores only the token's hash, mails the link, records the invitation.
 * A region limit is for officials only and must lie within the organization's region.
 */
export async function inviteMember(
  deps: { db: Pool; mailer: Mailer; baseUrl: string; lang: Lang },
  actor: ActorInfo & { name: string },
  organization: OrganizationSummary,
  input: InviteInput,
): Promise<InviteResult> {
  if (input.regionId !== null && input.role !== 'official') return { ok: false, reason: 'regionOnlyForOfficials' };
  const token = newToken();
  const t = translator(deps.lang);
  return transaction(deps.db, async (tx) => {
    if (input.regionId !== null) {
      const region = await findRegion(tx, input.regionId);
      const inside =
        region && (organization.regionId === null || region.id === organization.regionId || region.ancestorIds.includes(organization.regionId));
      if (!inside) return { ok: false, reason: 'regionOutsideOrganization' } as const;
    }
    const invitationId = await insertInvitation(tx, {
      tokenHash: hashToken(token),
      organizationId: organization.id,
      email: input.email,
      role: input.role,
      regionId: input.regionId,
      invitedBy: actor.userId,
      days: INVITATION_DAYS,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      organizationId: organization.id,
      action: 'invitation.created',
      subjectType: 'invitation',
      subjectId: invitationId,
      details: { invitedEmail: input.email, role: input.role, regionId: input.regionId },
      ip: actor.ip,
    });
    const organizationName = pickLocalized(organization.name, deps.lang);
    const link = `${deps.baseUrl.replace(/\/$/, '')}/${deps.lang}/invitations/${token}`;
    // Inside the transaction: with no SMTP the mail is held in the outbox table, and both land or neither does.
    await deps.mailer.send(tx, {
      to: input.email,
      subject: t('organizations.invitationMail.subject', { organization: organizationName }),
      text: t('organizations.invitationMail.body', {
        inviter: actor.name,
        organization: organizationName,
        role: t(`organizations.role.${input.role}`),
        link,
        days: INVITATION_DAYS,
      }),
    });
    return { ok: true, invitationId } as const;
  });
}
