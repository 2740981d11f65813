import type { RequestContext } from '../../core/context.ts';
import { formatDateTime, isoDateTime } from '../../core/dates.ts';
import { hasMessage, pickLocalized, type LocalizedText } from '../../core/i18n.ts';
import type { AuditRow, Region } from './queries.ts';

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

/** Regions as select options, children indented under their parents. */
export function regionOptions(lang: RequestContext['lang'], flat: Array<{ region: Region; depth: number }>): Array<[string, string]> {
  return flat.map(({ region, depth }) => [String(region.id), `${'\u00a0\u00a0'.repeat(depth)}${depth > 0 ? '– ' : ''}${pickLocalized(region.name, lang)}`]);
}

export const localized = (text: LocalizedText | null | undefined, lang: RequestContext['lang']) => pickLocalized(text, lang);
