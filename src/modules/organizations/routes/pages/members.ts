import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../core/authorization.ts';
import { commandDeps } from '../../../../core/commands.ts';
import { authorize } from '../../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../../core/forms.ts';
import { createLimiter } from '../../../../core/rate-limit.ts';
import { idParam, requireActor } from '../../../../core/route-params.ts';
import { changeMemberRole } from '../../commands/change-member-role.ts';
import { inviteMember } from '../../commands/invite-member.ts';
import { removeMember } from '../../commands/remove-member.ts';
import { revokeInvitation } from '../../commands/revoke-invitation.ts';
import { loadOfficialRegionOptions, loadOrganization } from '../../loaders.ts';
import { canManageMembers, canViewMembers } from '../../policy.ts';
import { organizationLink, presentMember, presentPendingInvitation, roleOptions } from '../../presenters.ts';
import { listPendingInvitations } from '../../queries/invitations.ts';
import { listMemberships } from '../../queries/members.ts';
import type { OrganizationSummary } from '../../queries/organizations.ts';
import { changeRoleSchema, inviteSchema, membersQuerySchema, removeMemberSchema } from '../../schemas.ts';
import { MembersPage } from '../../views/members-page.tsx';

type SlugParams = { Params: { slug: string } };
type MemberParams = { Params: { slug: string; userId: string } };
type InvitationParams = { Params: { slug: string; invitationId: string } };

/** Roles listed on one page of the member list. */
const MEMBERS_PER_PAGE = 50;

/** How many invitations one person may send in an hour. */
export const INVITATIONS_PER_HOUR = 50;

// A refused change: bad values are 422, a state that forbids it (last admin, already gone) is 409.
const FAILURE_STATUS = { noSuchMembership: 409, lastAdmin: 409, regionOnlyForOfficials: 422, regionOutsideOrganization: 422 } as const;

const INVITE_FAILURES = {
  regionOnlyForOfficials: ['region', 'organizations.members.regionOnlyForOfficials'],
  regionOutsideOrganization: ['region', 'organizations.members.regionOutside'],
} as const;

/** How the member page is drawn: the invite form's state, the status, a refusal at the top, the list's page and search. */
interface MembersView {
  inviteForm?: FormState;
  status?: number;
  pageError?: string;
  list?: { page: number; q: string | null; form: FormState };
}

/** Renders the member page: one page of roles, and for admins the pending invitations and the invite form. */
async function renderMembers(
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  organization: OrganizationSummary,
  view: MembersView = {},
) {
  const { ctx } = request;
  const { db } = request.server.uh;
  const list = view.list ?? { page: 1, q: null, form: emptyForm() };
  const canManage = canManageMembers(actor, organization);
  const [members, invitations, regions] = await Promise.all([
    listMemberships(db, organization.id, { limit: MEMBERS_PER_PAGE, offset: (list.page - 1) * MEMBERS_PER_PAGE }, list.q),
    canManage ? listPendingInvitations(db, organization.id) : [],
    loadOfficialRegionOptions(db, ctx.lang, organization),
  ]);
  const page = MembersPage({
    ctx,
    organization: organizationLink(ctx, organization),
    page: list.page,
    searchForm: list.form,
    searchQuery: list.q ? new URLSearchParams({ q: list.q }).toString() : '',
    pageCount: Math.max(1, Math.ceil(members.total / MEMBERS_PER_PAGE)),
    members: members.rows.map((m) => presentMember(ctx, m)),
    invitations: invitations.map((i) => presentPendingInvitation(ctx, i)),
    canManage,
    inviteForm: view.inviteForm ?? emptyForm({ role: 'member' }),
    roleOptions: roleOptions(ctx),
    regionOptions: regions,
    pageError: view.pageError,
  });
  return reply.render(page, view.status ?? 200);
}

/** The member page again with a refusal at the top. */
const refused = (
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  organization: OrganizationSummary,
  status: number,
  messageId: string,
) => renderMembers(request, reply, actor, organization, { status, pageError: request.ctx.t(messageId) });

/** The organization of the address, for someone who may manage its members (else 404). */
async function loadManaged(request: FastifyRequest<SlugParams>) {
  const actor = requireActor(request.ctx);
  const organization = await loadOrganization(request);
  authorize(canManageMembers(actor, organization));
  return { actor, organization, here: `/${request.ctx.lang}/organizations/${organization.slug}/members` };
}

/** Member management: the list, and one route for each change (invite, change a role, remove a role, revoke an invitation). */
export function memberPages(app: FastifyInstance): void {
  // Invitations send mail to any address typed: a limit per admin keeps a stolen session from spamming.
  const inviteLimit = createLimiter(app, 'organizations:invitationsPerPerson', { max: INVITATIONS_PER_HOUR, windowMs: 3_600_000 });

  app.get<SlugParams>('/:lang/organizations/:slug/members', async (request, reply) => {
    const actor = requireActor(request.ctx);
    const organization = await loadOrganization(request);
    authorize(canViewMembers(actor, organization));
    const query = parseForm(membersQuerySchema, request.query, request.ctx.t);
    const list = query.ok
      ? { page: query.data.page ?? 1, q: query.data.q ?? null, form: emptyForm(formValues(request.query)) }
      : { page: 1, q: null, form: query.form };
    return renderMembers(request, reply, actor, organization, { status: query.ok ? 200 : 422, list });
  });

  app.post<SlugParams>('/:lang/organizations/:slug/members/invitations', async (request, reply) => {
    const { actor, organization, here } = await loadManaged(request);
    const { ctx } = request;
    await inviteLimit.hit(request, reply, String(actor.userId));
    const parsed = parseForm(inviteSchema, request.body, ctx.t);
    if (!parsed.ok) return renderMembers(request, reply, actor, organization, { inviteForm: parsed.form, status: 422 });
    const { email, role, region } = parsed.data;
    const result = await inviteMember(commandDeps(request, actor), {
      organization,
      inviterName: ctx.user?.name ?? '',
      email,
      role,
      regionId: region ?? null,
    });
    if (!result.ok) {
      const [field, messageId] = INVITE_FAILURES[result.reason];
      return renderMembers(request, reply, actor, organization, {
        inviteForm: withError(formValues(request.body), field, ctx.t(messageId)),
        status: 422,
      });
    }
    return reply.redirectWithFlash(here, 'organizations.flash.invited', 'success', { email });
  });

  app.post<MemberParams>('/:lang/organizations/:slug/members/:userId/role', async (request, reply) => {
    const { actor, organization, here } = await loadManaged(request);
    const userId = idParam(request.params.userId);
    const parsed = parseForm(changeRoleSchema, request.body, request.ctx.t);
    if (!parsed.ok) return refused(request, reply, actor, organization, 422, 'organizations.flash.invalidChange');
    const { role, newRole, region } = parsed.data;
    const result = await changeMemberRole(commandDeps(request, actor), { organization, userId, role, newRole, regionId: region ?? null });
    if (!result.ok)
      return refused(request, reply, actor, organization, FAILURE_STATUS[result.reason], `organizations.flash.${result.reason}`);
    return reply.redirectWithFlash(here, 'organizations.flash.roleChanged');
  });

  app.post<MemberParams>('/:lang/organizations/:slug/members/:userId/remove', async (request, reply) => {
    const { actor, organization, here } = await loadManaged(request);
    const userId = idParam(request.params.userId);
    const parsed = parseForm(removeMemberSchema, request.body, request.ctx.t);
    if (!parsed.ok) return refused(request, reply, actor, organization, 422, 'organizations.flash.invalidChange');
    const result = await removeMember(commandDeps(request, actor), { organizationId: organization.id, userId, role: parsed.data.role });
    if (!result.ok)
      return refused(request, reply, actor, organization, FAILURE_STATUS[result.reason], `organizations.flash.${result.reason}`);
    return reply.redirectWithFlash(here, 'organizations.flash.removed');
  });

  app.post<InvitationParams>('/:lang/organizations/:slug/invitations/:invitationId/revoke', async (request, reply) => {
    const { actor, organization, here } = await loadManaged(request);
    const invitationId = idParam(request.params.invitationId);
    const result = await revokeInvitation(commandDeps(request, actor), { organizationId: organization.id, invitationId });
    if (!result.ok) return refused(request, reply, actor, organization, 409, 'organizations.flash.notPending');
    return reply.redirectWithFlash(here, 'organizations.flash.revoked');
  });
}
