import type { Actor } from './authorization.ts';
import type { Lang } from './i18n.ts';
import type { Queryable } from '../db/database.ts';

/**
 * "My work": what waits for a person, as each owning module describes it. A module exports a loader
 * (`programsWorkFor`, `meetingsWorkFor`…) that answers with its sections through its own queries; the home
 * page only assembles them, so no module reads another's tables.
 */

/** How many items each section of "My work" lists (its count says how many there are in all). */
export const WORK_ITEMS_SHOWN = 5;

/** One thing waiting for the person, with the place where it is done. */
export interface WorkItem {
  /** What it is (user text, shown with its own direction). */
  title: string;
  /** Where it belongs (a program, a region, a meeting, an organization), already in the page's language: each part is shown apart, in its own direction. */
  context: string[];
  /** The path after the language prefix of the page where it is done. */
  path: string;
  /** The calendar day it is due (ISO), when it has a deadline. */
  dueOn: string | null;
  /** When it started waiting (for items without a deadline: "filed on…", "flagged on…"). */
  since: Date | null;
}

export type WorkKind = 'reviews' | 'returned' | 'activities' | 'tasks' | 'flags' | 'invitations';

/** One section of "My work": a kind of thing, how many wait, the first few, and the page listing them all. */
export interface WorkSection {
  kind: WorkKind;
  count: number;
  items: WorkItem[];
  /** The page with all of them (path after the language prefix). */
  allPath: string | null;
}

/** A module's "My work" loader: bounded queries (a count and the first WORK_ITEMS_SHOWN items), no section when nothing waits. */
export type WorkLoader = (db: Queryable, actor: Actor, lang: Lang) => Promise<WorkSection[]>;

/**
 * A section from a loader's rows, each carrying the section's total (`count(*) OVER ()`): none when there is no row,
 * so a person sees only what applies to them.
 */
export function workSection<Row extends { total: number }>(
  kind: WorkKind,
  rows: Row[],
  allPath: string | null,
  toItem: (row: Row) => WorkItem,
): WorkSection[] {
  const first = rows[0];
  return first ? [{ kind, count: first.total, allPath, items: rows.slice(0, WORK_ITEMS_SHOWN).map(toItem) }] : [];
}
