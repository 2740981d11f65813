import type { RequestContext } from '../../core/context.ts';
import { formatDateTime, isoDateTime } from '../../core/dates.ts';
import { pickLocalized, type Lang } from '../../core/i18n.ts';
import type { OutboxRow } from './queries.ts';
import type { RegionNode } from '../../core/regions.ts';
import type { OutboxEntryView } from './views/outbox-page.tsx';
import type { RegionNodeView } from './views/regions-page.tsx';

/** A region of the tree as the regions page shows it: its kind in the reader's language, its name in all three. */
export function presentRegionNode(ctx: RequestContext, node: RegionNode): RegionNodeView {
  return {
    id: node.id,
    code: node.code,
    kind: ctx.t(`organizations.regionKind.${node.kind}`),
    names: { fa: pickLocalized(node.name, 'fa'), vi: pickLocalized(node.name, 'vi'), en: pickLocalized(node.name, 'en') },
    children: node.children.map((c) => presentRegionNode(ctx, c)),
  };
}

/** A kept or failed mail as the outbox lists it, its date in the reader's calendar. */
export function presentOutboxEntry(lang: Lang, m: OutboxRow): OutboxEntryView {
  return {
    id: m.id,
    date: formatDateTime(m.createdAt, lang),
    dateIso: isoDateTime(m.createdAt),
    recipient: m.recipient,
    subject: m.subject,
    body: m.bodyText,
    status: m.status,
    error: m.error,
  };
}
