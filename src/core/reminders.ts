import type pg from 'pg';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { many, transaction } from '../db/database.ts';
import type { JobDefinition } from './jobs.ts';
import type { NotificationKind } from '../modules/module.ts';

/**
 * Deadline reminders, shared by the modules that have deadlines (programs' activities, meetings' tasks). Each module's
 * job finds its due items in bulk and hands them here; this decides, through the `reminders_sent` table, who has
 * not yet been told, and notifies exactly those, in one transaction per batch.
 */

/** The time of day, in each organization's own time zone, from which its reminders of the day go out. */
export const REMINDER_LOCAL_TIME = '08:00';
/** "Due soon" is sent once the due date is this many days away or fewer (and not past). */
export const DUE_SOON_DAYS = 3;
/**
 * "Overdue" is sent from the day after the due date; a job that could not run that day (the app was down) still
 * sends it on the next days, up to this many days late. Older deadlines are never reminded of (no flood on deploy).
 */
export const OVERDUE_WINDOW_DAYS = 7;
/** Reminder jobs run every 15 minutes (UTC cron), so a zone's reminder time is met within 15 minutes. */
export const REMINDER_CRON = '*/15 * * * *';
/** Reminders inserted and notified per transaction. */
export const REMINDER_BATCH_SIZE = 1000;

/** Where an organization stands today for reminders: its local calendar day (YYYY-MM-DD). */
export interface OrganizationDay {
  organizationId: number;
  localDate: string;
}

/** Something due, found by a module's query; `organizationId` is whose coordinators hear of it. */
export interface DueItem {
  /** e.g. programs' ACTIVITY_DUE_SOON ("programs.activity_due_soon"); the notification's kind too. */
  kind: NotificationKind;
  subjectId: number;
  /** The due date it is reminded of (YYYY-MM-DD): a changed due date is another reminder. */
  dueOn: string;
  organizationId: number;
  responsibleUserId: number | null;
  messageId: string;
  /** Only what the responsible person and the organization's coordinators may see. */
  values: Record<string, string | number>;
  link: string;
}

/** What a module's query returns of each due thing, in the shape dueItem() reads. */
export interface DueRow {
  subjectId: number;
  dueOn: string;
  /** Days from the organization's local today to the due date: negative when overdue. */
  daysLeft: number;
  organizationId: number;
  responsibleUserId: number | null;
}

/**
 * A due row as a reminder: `prefix.dueSoonKind` / `prefix.overdueKind` ("programs.activity_due_soon") and their
 * message ids by whether the due date has passed, `days` (always positive) added to the values.
 */
export function dueItem(
  row: DueRow,
  kinds: { dueSoon: [kind: NotificationKind, messageId: string]; overdue: [kind: NotificationKind, messageId: string] },
  values: Record<string, string | number>,
  link: string,
): DueItem {
  const [kind, messageId] = row.daysLeft < 0 ? kinds.overdue : kinds.dueSoon;
  const { subjectId, dueOn, organizationId, responsibleUserId } = row;
  return {
    kind,
    messageId,
    subjectId,
    dueOn,
    organizationId,
    responsibleUserId,
    values: { ...values, days: Math.abs(row.daysLeft) },
    link,
  };
}

/** One notification a reminder becomes (the shape of notifications' NewNotification). */
export interface ReminderNotification {
  userId: number;
  kind: NotificationKind;
  messageId: string;
  values: Record<string, string | number>;
  link: string;
}

interface Candidate {
  item: DueItem;
  userId: number;
}

const keyOf = (kind: string, subjectId: number, dueOn: string, userId: number) => `${kind}\u0000${subjectId}\u0000${dueOn}\u0000${userId}`;

/** Who hears of each item: its responsible person and the coordinators of its organization, each person once. */
export function reminderCandidates(items: readonly DueItem[], coordinators: ReadonlyArray<{ organizationId: number; userId: number }>) {
  const byOrganization = new Map<number, number[]>();
  for (const c of coordinators) byOrganization.set(c.organizationId, [...(byOrganization.get(c.organizationId) ?? []), c.userId]);
  const candidates: Candidate[] = [];
  for (const item of items) {
    const people = new Set(byOrganization.get(item.organizationId) ?? []);
    if (item.responsibleUserId !== null) people.add(item.responsibleUserId);
    for (const userId of people) candidates.push({ item, userId });
  }
  return candidates;
}

/**
 * Records the reminders not yet sent (one INSERT … ON CONFLICT DO NOTHING) and returns only those: a reminder that
 * another job already recorded, committed or still in flight, is not returned (the insert waits for that job's
 * transaction and then skips the row), so nobody is notified twice.
 */
async function claimReminders(tx: Queryable, candidates: readonly Candidate[]): Promise<Candidate[]> {
  if (candidates.length === 0) return [];
  const claimed = await many(
    tx,
    z.object({ kind: z.string(), subjectId: z.number(), dueOn: z.string(), userId: z.number() }),
    `INSERT INTO reminders_sent (kind, subject_id, due_on, user_id)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::date[], $4::bigint[])
     ON CONFLICT DO NOTHING
     RETURNING kind, subject_id AS "subjectId", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", user_id AS "userId"`,
    [
      candidates.map((c) => c.item.kind.name),
      candidates.map((c) => c.item.subjectId),
      candidates.map((c) => c.item.dueOn),
      candidates.map((c) => c.userId),
    ],
  );
  const wanted = new Set(claimed.map((r) => keyOf(r.kind, r.subjectId, r.dueOn, r.userId)));
  return candidates.filter((c) => wanted.has(keyOf(c.item.kind.name, c.item.subjectId, c.item.dueOn, c.userId)));
}

/**
 * Sends the reminders of these due items that were never sent: per batch, one transaction records them and notifies
 * their recipients (`notifyMany`, notifications' export, passed in by the module), so both commit or neither.
 * Returns how many notifications were sent.
 */
export async function deliverReminders(
  db: pg.Pool,
  items: readonly DueItem[],
  coordinators: ReadonlyArray<{ organizationId: number; userId: number }>,
  notifyMany: (tx: pg.PoolClient, notifications: ReminderNotification[]) => Promise<void>,
  batchSize = REMINDER_BATCH_SIZE,
): Promise<number> {
  const candidates = reminderCandidates(items, coordinators);
  let sent = 0;
  for (let start = 0; start < candidates.length; start += batchSize) {
    const batch = candidates.slice(start, start + batchSize);
    // Batches run one after another on purpose: each is one bulk insert and one bulk notify, not a query per item.
    sent += await transaction(db, async (tx) => {
      const claimed = await claimReminders(tx, batch);
      await notifyMany(
        tx,
        claimed.map(({ item, userId }) => ({ userId, kind: item.kind, messageId: item.messageId, values: item.values, link: item.link })),
      );
      return claimed.length;
    });
  }
  return sent;
}

/** The window of due dates worth looking at for these organization days (the index's range), or null when none is. */
export function dueDateWindow(days: readonly OrganizationDay[]): { from: string; to: string } | null {
  if (days.length === 0) return null;
  const sorted = days.map((d) => d.localDate).sort();
  const shift = (date: string, by: number) => new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(sorted[0] ?? '', -OVERDUE_WINDOW_DAYS), to: shift(sorted[sorted.length - 1] ?? '', DUE_SOON_DAYS) };
}

/** What a module's finder gets: the organizations whose reminder time has come, their local days, and the limits. */
export interface DueQuery {
  days: { organizationIds: number[]; localDates: string[] };
  window: { from: string; to: string };
  limits: { soonDays: number; overdueDays: number };
}

/** The other modules' exports a reminder run needs (organizations' lookups, notifications' notifyMany), passed in. */
export interface ReminderSources {
  organizationsPastLocalTime: (db: Queryable, now: Date, localTime: string) => Promise<OrganizationDay[]>;
  listCoordinatorsOfOrganizations: (
    db: Queryable,
    organizationIds: readonly number[],
  ) => Promise<Array<{ organizationId: number; userId: number }>>;
  notifyMany: (tx: pg.PoolClient, notifications: ReminderNotification[]) => Promise<void>;
}

/**
 * One reminder run at `now`: the organizations whose local time has passed `localTime` today, what `findDue` finds
 * due in them (one query), their coordinators (one query), then the reminders never sent (deliverReminders).
 * Returns how many notifications were sent.
 */
export async function sendDueReminders(
  db: pg.Pool,
  sources: ReminderSources,
  findDue: (query: DueQuery) => Promise<DueItem[]>,
  options: { now?: Date; localTime?: string; batchSize?: number } = {},
): Promise<number> {
  const days = await sources.organizationsPastLocalTime(db, options.now ?? new Date(), options.localTime ?? REMINDER_LOCAL_TIME);
  const window = dueDateWindow(days);
  if (!window) return 0;
  const items = await findDue({
    days: { organizationIds: days.map((d) => d.organizationId), localDates: days.map((d) => d.localDate) },
    window,
    limits: { soonDays: DUE_SOON_DAYS, overdueDays: OVERDUE_WINDOW_DAYS },
  });
  if (items.length === 0) return 0;
  const coordinators = await sources.listCoordinatorsOfOrganizations(db, [...new Set(items.map((i) => i.organizationId))]);
  return deliverReminders(db, items, coordinators, sources.notifyMany, options.batchSize);
}

/** A module's reminder job: on the 15-minute schedule, one run of `send` (which reads the clock itself). */
export function reminderJob(name: string, send: (db: pg.Pool) => Promise<number>): JobDefinition {
  return {
    name,
    cron: REMINDER_CRON,
    retryLimit: 2,
    handler: async (_data, deps) => {
      await send(deps.db);
    },
  };
}
