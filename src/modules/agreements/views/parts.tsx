import type { RequestContext } from '../../../core/context.ts';
import type { AgreementView } from '../presenters.ts';

/** An agreement's status as a badge (in force, draft, ended, renewed), on the list and on the agreement's page. */
export function StatusBadge({ ctx, status }: { ctx: RequestContext; status: AgreementView['status'] }) {
  const tone = status === 'in_force' ? 'badge badge--success' : status === 'draft' ? 'badge badge--warning' : 'badge';
  return <span class={tone}>{ctx.t(`agreements.status.${status}`)}</span>;
}
