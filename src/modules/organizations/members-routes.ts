import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, type Actor } from '../../core/authorization.ts';
import { authorize, HttpError } from '../../core/errors.ts';
import { emptyForm, formValues, integer, optional, parseForm, text, withError, type FormState } from '../../core/forms.ts';
import { formatDateTime, isoDateTime, formatDate } from '../../core/dates.ts';
import { pickLocalized } from '../../core/i18n.ts';
import { changeMemberRole } from './commands/change-member-role.ts';
import { inviteMember } from './commands/invite-member.ts';
import { removeMember } from './commands/remove-member.ts';
import { revokeInvitation } from './commands/revoke-invitation.ts';
import { flattenRegionTree, listMemberships, listPendingInvitations, regionTree, type OrganizationSummary } from './queries.ts';
import { canManageMembers, canViewMembers } from './policy.ts';
import { regionOptions } from './presenters.ts';
import { changeRoleSchema, inviteSchema, removeMemberSchema, revokeInvitationSchema } from './schemas.ts';
import { MembersPage } from './views/members-page.tsx';
import { loadOrganization, requireActor } from './load.ts';

type SlugParams = { Params: { slug: string } };

/** Roles listed on one page of the member list. */
const MEMBERS_PER_PAGE = 50;

/** How many invitations one person may send in an hour. */
export const INVITATIONS_PER_HOUR = 50;

// A refused change: bad values are 422, a state that forbids it (last admin, already gone) is 409.
const FAILURE_STATUS = { noSuchMembership: 409, lastAdmin: 409, regionOnlyForOfficials: 422, regionOutsideOrganization: 422 } as const;

const FAILURES: Record<string, [field: string, messageId: string]> = {
  regionOnlyForOfficials: ['region', 'organizations.members.regionOnlyForOfficials'],
  regionOutsideOrganization: ['region', 'organizations.members.regionOutside'],
};

/** Member management: list, invite, change a role, remove a role, revoke an invitation. */
export async function memberRoutes(app: FastifyInstance): Promise<void> {
  const { db, mailer } = app.uh;
  // Invitations send mail to any address typed: a limit per admin keeps a stolen session from spamming.
  const inviteLimit = app.createRateLimit({ max: INVITATIONS_PER_HOUR, timeWindow: 3_600_000, keyGenerator: (request) => `invite:${request.ctx.actor?.userId}` });

  /** The regions an official may be limited to: the organization's region and those below it. */
  async function officialRegionOptions(request: FastifyRequest, organization: OrganizationSummary) {
    const flat = flattenRegionTree(await regionTree(db));
    const inside = organization.regionId === null ? flat : flat.filter(({ region }) => region.id === organization.regionId || region.ancestorIds.includes(organization.regionId!));
    const baseDepth = inside[0]?.depth ?? 0;
    return regionOptions(request.ctx.lang, inside.map(({ region, depth }) => ({ region, depth: depth - baseDepth })));
  }

  async function renderMembers(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    organization: OrganizationSummary,
    inviteForm: FormState,
    status = 200,
    pageError?: string,
    list: { page: number; q: string | null; form: FormState } = { page: 1, q: null, form: emptyForm() },
  ) {
    const { page } = list;
    const { ctx } = request;
    const canManage = canManageMembers(actor, organization);
    const [members, invitations, regions] = await Promise.all([
      listMemberships(db, organization.id, { limit: MEMBERS_PER_PAGE, offset: (page - 1) * MEMBERS_PER_PAGE }, list.q),
      canManage ? listPendingInvitations(db, organization.id) : [],
      officialRegionOptions(request, organization),
    ]);
    return reply.render(
      MembersPage({
        ctx,
        organization: { slug: organization.slug, name: pickLocalized(organization.name, ctx.lang) },
        page,
        searchForm: list.form,
        searchQuery: list.q ? new URLSearchParams({ q: list.q }).toString() : '',
        pageCount: Math.max(1, Math.ceil(members.total / MEMBERS_PER_PAGE)),
        members: members.rows.map((m) => ({
          userId: m.userId,
          name: m.name,
          email: m.email,
          role: m.role,
          roleLabel: ctx.t(`organizations.role.${m.role}`),
          regionId: m.regionId,
          regionName: m.regionName ? pickLocalized(m.regionName, ctx.lang) : null,
          since: formatDate(m.since, ctx.lang),
          sinceIso: isoDateTime(m.since),
        })),
        invitations: invitations.map((i) => ({
          id: i.id,
          email: i.email,
          roleLabel: ctx.t(`organizations.role.${i.role}`),
          regionName: i.regionName ? pickLocalized(i.regionName, ctx.lang) : null,
          invitedByName: i.invitedByName,
          expires: formatDateTime(i.expiresAt, ctx.lang),
          expiresIso: isoDateTime(i.expiresAt),
        })),
        canManage,
        inviteForm,
        roleOptions: ROLES.map((r) => [r, ctx.t(`organizations.role.${r}`)]),
        regionOptions: regions,
        pageError,
      }),
      status,
    );
  }

  app.get<SlugParams>('/:lang/organizations/:slug/members', async (request, reply) => {
    const actor = requireActor(request);
    const organization = await loadOrganization(request);
    authorize(canViewMembers(actor, organization));
    const query = parseForm(z.object({ page: optional(integer({ min: 1, max: 100_000 })), q: optional(text({ max: 100 })) }), request.query, request.ctx.t);
    const list = query.ok
      ? { page: query.data.page ?? 1, q: query.data.q ?? null, form: emptyForm(formValues(request.query)) }
      : { page: 1, q: null, form: query.form };
    return renderMembers(request, reply, actor, organization, emptyForm({ role: 'member' }), query.ok ? 200 : 422, undefined, list);
  });

  // Every change on this page posts here, told apart by "intent".
  app.post<SlugParams>('/:lang/organizations/:slug/members', async (request, reply) => {
    const actor = requireActor(request);
    const organization = await loadOrganization(request);
    authorize(canManageMembers(actor, organization));
    const { ctx } = request;
    const here = `/${ctx.lang}/organizations/${organization.slug}/members`;
    const who = { userId: actor.userId, ip: request.ip };
    const intent = parseForm(z.object({ intent: z.enum(['invite', 'changeRole', 'remove', 'revoke']) }), request.body, ctx.t);
    const emptyInvite = emptyForm({ role: 'member' });
    if (!intent.ok) return renderMembers(request, reply, actor, organization, emptyInvite, 422, ctx.t('organizations.flash.invalidChange'));

    switch (intent.data.intent) {
      case 'invite': {
        const limited = await inviteLimit(request);
        if (!limited.isAllowed && limited.isExceeded) throw new HttpError(429, 'errors.rateLimited');
        const parsed = parseForm(inviteSchema, request.body, ctx.t);
        if (!parsed.ok) return renderMembers(request, reply, actor, organization, parsed.form, 422);
        const result = await inviteMember(
          { db, mailer, baseUrl: ctx.baseUrl, lang: ctx.lang },
          { ...who, name: ctx.user!.name },
          organization,
          { email: parsed.data.email, role: parsed.data.role, regionId: parsed.data.region ?? null },
        );
        if (!result.ok) {
          const [field, messageId] = FAILURES[result.reason];
          return renderMembers(request, reply, actor, organization, withError(formValues(request.body), field, ctx.t(messageId)), 422);
        }
        return reply.redirectWithFlash(here, 'organizations.flash.invited', 'success', { email: parsed.data.email });
      }
      case 'changeRole': {
        const parsed = parseForm(changeRoleSchema, request.body, ctx.t);
        if (!parsed.ok) return renderMembers(request, reply, actor, organization, emptyInvite, 422, ctx.t('organizations.flash.invalidChange'));
        const result = await changeMemberRole(db, who, organization, {
          userId: parsed.data.userId,
          role: parsed.data.role,
          newRole: parsed.data.newRole,
          regionId: parsed.data.region ?? null,
        });
        if (!result.ok) return renderMembers(request, reply, actor, organization, emptyInvite, FAILURE_STATUS[result.reason], ctx.t(`organizations.flash.${result.reason}`));
        return reply.redirectWithFlash(here, 'organizations.flash.roleChanged');
      }
      case 'remove': {
        const parsed = parseForm(removeMemberSchema, request.body, ctx.t);
        if (!parsed.ok) return renderMembers(request, reply, actor, organization, emptyInvite, 422, ctx.t('organizations.flash.invalidChange'));
        const result = await removeMember(db, who, organization.id, parsed.data);
        if (!result.ok) return renderMembers(request, reply, actor, organization, emptyInvite, FAILURE_STATUS[result.reason], ctx.t(`organizations.flash.${result.reason}`));
        return reply.redirectWithFlash(here, 'organizations.flash.removed');
      }
      case 'revoke': {
        const parsed = parseForm(revokeInvitationSchema, request.body, ctx.t);
        if (!parsed.ok) return renderMembers(request, reply, actor, organization, emptyInvite, 422, ctx.t('organizations.flash.invalidChange'));
        const result = await revokeInvitation(db, who, organization.id, parsed.data.invitationId);
        if (!result.ok) return renderMembers(request, reply, actor, organization, emptyInvite, 409, ctx.t('organizations.flash.notPending'));
        return reply.redirectWithFlash(here, 'organizations.flash.revoked');
      }
    }
  });
}
