import { formatDate, isoDateTime, todayIn } from '../../core/dates.ts';
import type { Lang } from '../../core/i18n.ts';
import type { WorkItem, WorkKind, WorkSection } from '../../core/work.ts';

/** How many deadlines "My work" lists. */
export const DEADLINES_SHOWN = 5;

const itemView = (item: WorkItem, lang: Lang, today: string) => ({
  title: item.title,
  context: item.context,
  path: item.path,
  due: item.dueOn ? { text: formatDate(item.dueOn, lang), iso: item.dueOn, overdue: item.dueOn < today } : null,
  since: item.since ? { text: formatDate(item.since, lang), iso: isoDateTime(item.since) } : null,
});
export type WorkItemView = ReturnType<typeof itemView>;

export interface WorkSectionView {
  kind: WorkKind;
  count: number;
  /** How many more there are than the section lists. */
  more: number;
  items: WorkItemView[];
  allPath: string | null;
}

/** The order of the sections on the page: decisions others wait for first, then one's own deadlines. */
const ORDER: readonly WorkKind[] = ['reviews', 'returned', 'flags', 'tasks', 'activities', 'invitations'];

/**
 * "My work" as the page shows it: the sections that have something (in a fixed order), dates in the page's calendar,
 * and the next deadlines across them. Each section lists its nearest deadlines first, so the first few of every
 * section hold the first few overall.
 */
export function presentWork(sections: WorkSection[], lang: Lang) {
  const today = todayIn(lang);
  const shown = sections
    .filter((s) => s.count > 0)
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
    .map((s): WorkSectionView => ({
      kind: s.kind,
      count: s.count,
      more: Math.max(0, s.count - s.items.length),
      items: s.items.map((item) => itemView(item, lang, today)),
      allPath: s.allPath,
    }));
  const deadlines = sections
    .flatMap((s) => s.items.filter((item) => item.dueOn !== null).map((item) => ({ kind: s.kind, item })))
    .sort((a, b) => (a.item.dueOn ?? '').localeCompare(b.item.dueOn ?? '') || a.item.path.localeCompare(b.item.path))
    .slice(0, DEADLINES_SHOWN)
    .map(({ kind, item }) => ({ kind, ...itemView(item, lang, today) }));
  return { sections: shown, deadlines };
}
export type WorkView = ReturnType<typeof presentWork>;
