import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/context.ts';
import { TIME_ZONE } from '../../core/dates.ts';
import { authorize } from '../../core/errors.ts';
import { emptyForm, formValues, parseForm } from '../../core/forms.ts';
import { pickLocalized, translator, type Lang } from '../../core/i18n.ts';
import { WORK_ITEMS_SHOWN, workSection, type WorkLoader } from '../../core/work.ts';
import { hashToken } from '../../core/session.ts';
import type { Queryable } from '../../db/database.ts';
import { emailHasAccount } from '../accounts/index.ts';
import type { OrganizationLink } from '../module.ts';
import { regionWithinOrganization } from './domain/region-limit.ts';
import { presentAuditLog } from './presenters.ts';
import { flattenRegionTree, regionOptions, regionTree } from '../../core/regions.ts';
import { auditFilterChoices, listAuditEntries } from './queries/audit.ts';
import { findInvitationByTokenHash, pendingInvitationsFor } from './queries/invitations.ts';
import { findOrganizationById, findOrganizationBySlug, findOrganizationDetail, type OrganizationSummary } from './queries/organizations.ts';
import { auditFilterSchema } from './schemas.ts';
import type { AuditLogProps } from './views/parts.tsx';

/** Audit entries on one page of the log. */
const AUDIT_PAGE_SIZE = 50;

/** Loads the organization named by the :slug parameter, or answers 404. */
export async function loadOrganization(request: FastifyRequest<{ Params: { slug: string } }>) {
  const organization = await findOrganizationBySlug(request.server.uh.db, request.params.slug);
  authorize(organization !== undefined);
  return organization;
}

/** Loads the organization named by :slug with its description (its page, its edit form), or answers 404. */
export async function loadOrganizationDetail(request: FastifyRequest<{ Params: { slug: string } }>) {
  const organization = await findOrganizationDetail(request.server.uh.db, request.params.slug);
  authorize(organization !== undefined);
  return organization;
}

/** Loads the invitation of the link's :token and its organization, or answers 404 (a malformed token too). */
export async function loadInvitation(request: FastifyRequest<{ Params: { token: string } }>) {
  const { db } = request.server.uh;
  const token = request.params.token;
  const invitation = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await findInvitationByTokenHash(db, hashToken(token)) : undefined;
  authorize(invitation !== undefined);
  const organization = await findOrganizationById(db, invitation.organizationId);
  authorize(organization !== undefined);
  return { invitation, organization };
}
export type LoadedInvitation = Awaited<ReturnType<typeof loadInvitation>>;

/** What an invitation page offers: confirm (signed in), log in (the email has an account) or create an account. */
export async function invitationMode(db: Queryable, ctx: RequestContext, email: string): Promise<'confirm' | 'login' | 'signup'> {
  if (ctx.user) return 'confirm';
  return (await emailHasAccount(db, email)) ? 'login' : 'signup';
}

/** Every region as select options, children indented. */
export async function loadRegionOptions(db: Queryable, lang: Lang): Promise<Array<[string, string]>> {
  return regionOptions(lang, flattenRegionTree(await regionTree(db)));
}

/** The regions an official may be limited to: the organization's region and those below it. */
export async function loadOfficialRegionOptions(
  db: Queryable,
  lang: Lang,
  organization: OrganizationSummary,
): Promise<Array<[string, string]>> {
  const inside = flattenRegionTree(await regionTree(db)).filter(({ region }) => regionWithinOrganization(region, organization));
  const baseDepth = inside[0]?.depth ?? 0;
  return regionOptions(
    lang,
    inside.map(({ region, depth }) => ({ region, depth: depth - baseDepth })),
  );
}

/** Links other modules declare for organization pages; loaded lazily because the registry imports this module. */
export async function loadOrganizationLinks(): Promise<OrganizationLink[]> {
  const { modules } = await import('../registry.ts');
  return modules.flatMap((m) => m.organizationLinks ?? []);
}

/**
 * Reads the audit filters from the query string and loads one page of the log (one organization's, or the
 * platform's when organizationId is null). Invalid filters (an impossible Jalali date) come back with
 * their errors and status 422, and the log is shown unfiltered.
 */
export async function auditLogViewModel(
  db: Queryable,
  request: FastifyRequest,
  organizationId: number | null,
  path: string,
): Promise<{ props: AuditLogProps; status: number }> {
  const { ctx } = request;
  const parsed = parseForm(auditFilterSchema(ctx.lang), request.query, ctx.t);
  const filter = parsed.ok ? parsed.data : {};
  const [{ rows, nextBefore }, choices] = await Promise.all([
    listAuditEntries(db, {
      organizationId,
      action: filter.action ?? null,
      actorId: filter.actor ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      timeZone: TIME_ZONE[ctx.lang],
      before: filter.before ?? null,
      limit: AUDIT_PAGE_SIZE,
    }),
    auditFilterChoices(db, organizationId),
  ]);
  const values = formValues(request.query);
  const filterQuery = parsed.ok
    ? new URLSearchParams(Object.entries(values).filter(([k, v]) => ['action', 'actor', 'from', 'to'].includes(k) && v !== '')).toString()
    : '';
  const filters = parsed.ok ? emptyForm(values) : parsed.form;
  return { status: parsed.ok ? 200 : 422, props: presentAuditLog(ctx, { path, filters, filterQuery, rows, nextBefore, choices }) };
}

/** "My work" from organizations: invitations still unanswered in the organizations the actor administers, each linked to its members page. */
export const organizationsWorkFor: WorkLoader = async (db, actor, lang) => {
  const t = translator(lang);
  const organizationIds = [...new Set(actor.grants.filter((g) => g.role === 'admin').map((g) => g.organizationId))];
  if (organizationIds.length === 0 && !actor.isPlatformAdmin) return [];
  const invitations = await pendingInvitationsFor(db, organizationIds, actor.isPlatformAdmin, WORK_ITEMS_SHOWN);
  return workSection('invitations', invitations, null, (i) => ({
    title: i.email,
    context: [pickLocalized(i.organizationName, lang), t(`organizations.role.${i.role}`)],
    path: `/organizations/${i.organizationSlug}/members`,
    dueOn: null,
    since: i.createdAt,
  }));
};
