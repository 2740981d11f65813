import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/database.ts';
import { emptyForm, formValues, parseForm } from '../../core/forms.ts';
import { hasMessage } from '../../core/i18n.ts';
import { TIME_ZONE } from '../../core/dates.ts';
import { auditFilterChoices, listAuditEntries } from './queries.ts';
import { presentAuditEntry } from './presenters.ts';
import { auditFilterSchema } from './schemas.ts';
import type { AuditLogProps } from './views/audit-log.tsx';

const AUDIT_PAGE_SIZE = 50;

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
    ? new URLSearchParams(Object.entries(values).filter(([k, v]) => k !== 'before' && ['action', 'actor', 'from', 'to'].includes(k) && v !== '')).toString()
    : '';
  return {
    status: parsed.ok ? 200 : 422,
    props: {
      ctx,
      path,
      filters: parsed.ok ? emptyForm(values) : parsed.form,
      actionOptions: choices.actions.map((a) => [a, hasMessage(`organizations.audit.actions.${a}`) ? ctx.t(`organizations.audit.actions.${a}`) : a]),
      actorOptions: choices.actors.map((a) => [String(a.id), a.name]),
      entries: rows.map((row) => presentAuditEntry(ctx, row)),
      filterQuery,
      nextBefore,
    },
  };
}
