import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/app.ts';
import { createOrganization, createUser, grantRole, type TestUser } from '../../../test/support/factories.ts';
import { translator } from '../../core/i18n.ts';
import { createMeeting } from './factories.ts';
import { sendTaskReminders } from './jobs.ts';
import { insertResolution, insertTask, markTaskDone } from './queries.ts';

// `now` is passed in; the database's clock is not touched.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
const db = () => database.pool;

/** An organizer in a time zone with a coordinator, a county-limited coordinator and an outsider; one task due on `dueOn`. */
async function taskWorld(timeZone: string, dueOn: string) {
  const organizer = await createOrganization(db());
  const other = await createOrganization(db());
  await db().query(`UPDATE organizations SET time_zone = $2 WHERE id = ANY($1::bigint[])`, [[organizer.id, other.id], timeZone]);
  const person = async (org: number, role: 'coordinator' | 'official' | 'member'): Promise<TestUser> => {
    const user = await createUser(db());
    await grantRole(db(), user.id, org, role);
    return user;
  };
  const coordinator = await person(organizer.id, 'coordinator');
  const owner = await person(organizer.id, 'official');
  const outsider = await person(other.id, 'coordinator');
  const meetingId = await createMeeting(db(), organizer.id, { title: 'Coordination meeting of 1401/01/22' });
  const resolution = await insertResolution(db(), {
    meetingId,
    kind: 'task',
    body: 'Send the list',
    programId: null,
    createdBy: coordinator.id,
  });
  const taskId = await insertTask(db(), {
    meetingId,
    resolutionId: resolution.id,
    ownerId: owner.id,
    title: 'Send the list of families',
    dueOn,
  });
  return { coordinator, owner, outsider, meetingId, taskId };
}

async function remindersOf(meetingId: number) {
  const { rows } = await db().query<{ userId: number; kind: string; values: Record<string, string | number>; link: string }>(
    `SELECT user_id AS "userId", kind, values, link FROM notifications WHERE kind LIKE 'meetings.task_%' AND link = $1 ORDER BY kind, user_id`,
    [`/meetings/${meetingId}`],
  );
  return rows;
}

describe('sendTaskReminders', () => {
  it('reminds the owner and the organizer’s coordinator once, from 3 days before, then once when overdue', async () => {
    const w = await taskWorld('Asia/Ho_Chi_Minh', '2026-12-10');
    // 2026-12-07 08:00 in Ho Chi Minh City (+07:00) is 01:00 UTC.
    await sendTaskReminders(db(), { now: new Date('2026-12-07T00:59:00Z') });
    expect(await remindersOf(w.meetingId)).toEqual([]);
    await sendTaskReminders(db(), { now: new Date('2026-12-07T01:00:00Z') });
    await sendTaskReminders(db(), { now: new Date('2026-12-07T05:00:00Z') });
    await sendTaskReminders(db(), { now: new Date('2026-12-09T05:00:00Z') });
    const soon = await remindersOf(w.meetingId);
    expect(soon.map((n) => n.userId).sort()).toEqual([w.coordinator.id, w.owner.id].sort());
    expect(soon[0]).toMatchObject({
      kind: 'meetings.task_due_soon',
      values: { task: 'Send the list of families', meeting: 'Coordination meeting of 1401/01/22', days: 3 },
    });
    await sendTaskReminders(db(), { now: new Date('2026-12-11T02:00:00Z') });
    await sendTaskReminders(db(), { now: new Date('2026-12-12T02:00:00Z') });
    const overdue = (await remindersOf(w.meetingId)).filter((n) => n.kind === 'meetings.task_overdue');
    expect(overdue.map((n) => [n.userId, n.values.days])).toEqual(
      [
        [w.coordinator.id, 1],
        [w.owner.id, 1],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect((await remindersOf(w.meetingId)).some((n) => n.userId === w.outsider.id)).toBe(false);
  });

  it('waits for 08:00 in Tehran (+03:30), later than in Ho Chi Minh City', async () => {
    const tehran = await taskWorld('Asia/Tehran', '2026-12-10');
    const saigon = await taskWorld('Asia/Ho_Chi_Minh', '2026-12-10');
    await sendTaskReminders(db(), { now: new Date('2026-12-07T04:00:00Z') });
    expect(await remindersOf(tehran.meetingId)).toEqual([]);
    expect(await remindersOf(saigon.meetingId)).toHaveLength(2);
    await sendTaskReminders(db(), { now: new Date('2026-12-07T04:30:00Z') });
    expect(await remindersOf(tehran.meetingId)).toHaveLength(2);
  });

  it('does not remind of a task that is done', async () => {
    const w = await taskWorld('UTC', '2026-12-10');
    await markTaskDone(db(), w.taskId);
    await sendTaskReminders(db(), { now: new Date('2026-12-08T09:00:00Z') });
    expect(await remindersOf(w.meetingId)).toEqual([]);
  });

  it('reminds again when the due date changes, and never of deadlines long past', async () => {
    const w = await taskWorld('UTC', '2026-11-01');
    await sendTaskReminders(db(), { now: new Date('2026-12-08T09:00:00Z') });
    expect(await remindersOf(w.meetingId)).toEqual([]);
    await db().query(`UPDATE meeting_tasks SET due_on = '2026-12-09' WHERE id = $1`, [w.taskId]);
    await sendTaskReminders(db(), { now: new Date('2026-12-08T09:00:00Z') });
    expect((await remindersOf(w.meetingId)).map((n) => n.values.days)).toEqual([1, 1]);
    await db().query(`UPDATE meeting_tasks SET due_on = '2026-12-10' WHERE id = $1`, [w.taskId]);
    await sendTaskReminders(db(), { now: new Date('2026-12-08T10:00:00Z') });
    expect((await remindersOf(w.meetingId)).map((n) => n.values.days).sort()).toEqual([1, 1, 2, 2]);
  });

  it('reads in Persian, Vietnamese and English', () => {
    const values = { task: 'T', meeting: 'M', days: 0 };
    expect(translator('fa')('meetings.notification.taskDueSoon', values)).toBe('مهلت کار جلسهٔ «M» امروز به پایان می‌رسد: T');
    expect(translator('vi')('meetings.notification.taskOverdue', { ...values, days: 4 })).toBe(
      'Nhiệm vụ từ cuộc họp “M” đã quá hạn (hạn là 4 ngày trước): T',
    );
    expect(translator('en')('meetings.notification.taskDueSoon', { ...values, days: 2 })).toBe(
      'Task from the meeting “M” due in 2 days: T',
    );
    expect(translator('fa')('meetings.notification.taskOverdue', { ...values, days: 12 })).toBe(
      'مهلت کار جلسهٔ «M» گذشته است (۱۲ روز پیش سر رسید): T',
    );
  });
});
