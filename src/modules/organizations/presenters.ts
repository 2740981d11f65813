import { ROLES } from '../../core/authorization.ts';
import type { RequestContext } from '../../core/context.ts';
import { formatDate, formatDateTime, isoDateTime } from '../../core/dates.ts';
import { emptyForm, type FormState } from '../../core/forms.ts';
import { hasMessage, pickLocalized } from '../../core/i18n.ts';
import type { InvitationState } from './domain/invitation-state.ts';
import type { AuditRow } from './queries/audit.ts';
import type { InvitationRow } from './queries/invitations.ts';
import type { MembershipRow } from './queries/members.ts';
import { ORGANIZATION_KINDS, type DirectoryRow, type OrganizationDetail, type OrganizationSummary } from './queries/organizations.ts';
import type { Region } from '../../core/regions.ts';
import type { InvitationPageProps } from './views/invitation-page.tsx';
import type { DirectoryEntryView } from './views/directory-page.tsx';
import type { InvitationRowView, MemberRowView } from './views/members-page.tsx';
import type { AuditLogProps } from './views/parts.tsx';

/**
 * Detail fields an audit entry may show. Everything else in `details` stays in the database:
 * other modules record sensitive facts there (an anonymous author revealed, a welfare case), and
 * a log page must never become a way to read them.
 */
export const SAFE_DETAIL_KEYS = [
  'role',
  'previousRole',
  'newRole',
  'kind',
  'slug',
  'previousSlug',
  'parentSlug',
  'changedFields',
  'invitedEmail',
  'code',
] as const;

const ROLE_KEYS = new Set(['role', 'previousRole', 'newRole']);

/** One audit entry as a log page shows it. */
export interface AuditEntryView {
  id: number;
  at: string;
  atIso: string;
  actorName: string | null;
  organizationName: string | null;
  organizationSlug: string | null;
  action: string;
  /** The action in words when the catalogs know it; otherwise null and the code is shown. */
  actionLabel: string | null;
  /** The person the action was about (a role changed, a member removed), when it was a person. */
  subjectName: string | null;
  details: Array<{ label: string; value: string }>;
  ip: string | null;
}

function detailValue(ctx: RequestContext, key: string, value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (ROLE_KEYS.has(key) && hasMessage(`organizations.role.${value}`)) return ctx.t(`organizations.role.${value}`);
    if (key === 'kind' && hasMessage(`organizations.kind.${value}`)) return ctx.t(`organizations.kind.${value}`);
    return value.slice(0, 200);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ').slice(0, 200);
  return null;
}

/** Turns an audit row into what the log page may show: safe detail fields only. */
export function presentAuditEntry(ctx: RequestContext, row: AuditRow): AuditEntryView {
  const details: AuditEntryView['details'] = [];
  for (const key of SAFE_DETAIL_KEYS) {
    if (!(key in row.details)) continue;
    const value = detailValue(ctx, key, row.details[key]);
    if (value !== null && value !== '') details.push({ label: ctx.t(`organizations.audit.field.${key}`), value });
  }
  const actionId = `organizations.audit.actions.${row.action}`;
  return {
    id: row.id,
    at: formatDateTime(row.at, ctx.lang),
    atIso: isoDateTime(row.at),
    actorName: row.actorName,
    organizationName: row.organizationName ? pickLocalized(row.organizationName, ctx.lang) : null,
    organizationSlug: row.organizationSlug,
    action: row.action,
    actionLabel: hasMessage(actionId) ? ctx.t(actionId) : null,
    subjectName: row.subjectName,
    details,
    ip: row.ip,
  };
}

/** The audit log page's props: the entries (safe fields only) and the filters' choices. */
export function presentAuditLog(
  ctx: RequestContext,
  page: {
    path: string;
    filters: FormState;
    filterQuery: string;
    rows: AuditRow[];
    nextBefore: number | null;
    choices: { actions: string[]; actors: Array<{ id: number; name: string }> };
  },
): AuditLogProps {
  return {
    ctx,
    path: page.path,
    filters: page.filters,
    actionOptions: page.choices.actions.map((a) => [
      a,
      hasMessage(`organizations.audit.actions.${a}`) ? ctx.t(`organizations.audit.actions.${a}`) : a,
    ]),
    actorOptions: page.choices.actors.map((a) => [String(a.id), a.name]),
    entries: page.rows.map((row) => presentAuditEntry(ctx, row)),
    filterQuery: page.filterQuery,
    nextBefore: page.nextBefore,
  };
}

/** The organization kinds as select options in the page's language. */
export const kindOptions = (ctx: RequestContext): Array<[string, string]> =>
  ORGANIZATION_KINDS.map((k) => [k, ctx.t(`organizations.kind.${k}`)]);

/** The roles as select options in the page's language. */
export const roleOptions = (ctx: RequestContext): Array<[string, string]> => ROLES.map((r) => [r, ctx.t(`organizations.role.${r}`)]);

/** An organization as a link: its address and its name in the page's language. */
export const organizationLink = (ctx: RequestContext, o: Pick<OrganizationSummary, 'slug' | 'name'>) => ({
  slug: o.slug,
  name: pickLocalized(o.name, ctx.lang),
});

/** One directory row, names in the page's language. */
export function presentDirectoryEntry(ctx: RequestContext, r: DirectoryRow): DirectoryEntryView {
  return {
    slug: r.slug,
    name: pickLocalized(r.name, ctx.lang),
    kind: ctx.t(`organizations.kind.${r.kind}`),
    regionName: r.regionName ? pickLocalized(r.regionName, ctx.lang) : null,
    parentName: r.parentName ? pickLocalized(r.parentName, ctx.lang) : null,
    memberCount: r.memberCount,
  };
}

/** The organization's own page header: names, kind and region in the page's language. */
export function presentOrganization(ctx: RequestContext, o: OrganizationDetail, region: Region | undefined) {
  return {
    slug: o.slug,
    name: pickLocalized(o.name, ctx.lang),
    description: pickLocalized(o.description, ctx.lang),
    kind: ctx.t(`organizations.kind.${o.kind}`),
    regionName: region ? pickLocalized(region.name, ctx.lang) : null,
  };
}

/** The edit form's values from a stored organization. */
export function organizationFormValues(o: OrganizationDetail): FormState {
  const v: Record<string, string> = { kind: o.kind, slug: o.slug, region: o.regionId ? String(o.regionId) : '', time_zone: o.timeZone };
  for (const l of ['fa', 'vi', 'en'] as const) {
    v[`name_${l}`] = o.name[l] ?? '';
    v[`description_${l}`] = o.description[l] ?? '';
  }
  return emptyForm(v);
}

/** One role held in the organization, as the member list shows it. */
export function presentMember(ctx: RequestContext, m: MembershipRow): MemberRowView {
  return {
    userId: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    roleLabel: ctx.t(`organizations.role.${m.role}`),
    regionId: m.regionId,
    regionName: m.regionName ? pickLocalized(m.regionName, ctx.lang) : null,
    since: formatDate(m.since, ctx.lang),
    sinceIso: isoDateTime(m.since),
  };
}

/** One pending invitation, as the member page lists it. */
export function presentPendingInvitation(ctx: RequestContext, i: InvitationRow): InvitationRowView {
  return {
    id: i.id,
    email: i.email,
    roleLabel: ctx.t(`organizations.role.${i.role}`),
    regionName: i.regionName ? pickLocalized(i.regionName, ctx.lang) : null,
    invitedByName: i.invitedByName,
    expires: formatDateTime(i.expiresAt, ctx.lang),
    expiresIso: isoDateTime(i.expiresAt),
  };
}

/** What an invitation link's page shows: who invites whom to what (the token hash never leaves the query). */
export function presentInvitation(
  ctx: RequestContext,
  invitation: InvitationRow,
  organization: OrganizationSummary,
  state: InvitationState,
): Omit<InvitationPageProps, 'ctx' | 'path' | 'mode' | 'form'> {
  return {
    state,
    organization: organizationLink(ctx, organization),
    email: invitation.email,
    roleLabel: ctx.t(`organizations.role.${invitation.role}`),
    regionName: invitation.regionName ? pickLocalized(invitation.regionName, ctx.lang) : null,
    invitedByName: invitation.invitedByName,
  };
}
