import { waitFor } from '../../../test/support/wait.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createOrganization } from '../../../test/support/factories.ts';
import { translator } from '../../core/i18n.ts';
import { startJobs } from '../../core/jobs.ts';
import { programWithActivity, programWorld, type ProgramWorld } from './factories.ts';
import { ACTIVITY_REMINDERS_QUEUE, programJobs, sendActivityReminders } from './jobs.ts';

// The factory's activity runs 2022-04-20 … 2022-04-30 (due on the 30th); `now` is passed in, the database's clock is not touched.
let t: TestApp;
let w: Awaited<ReturnType<typeof freshWorld>>;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const db = () => t.db;

async function freshWorld(timeZone: string): Promise<ProgramWorld & { activityId: number; programId: number }> {
  const world = await programWorld(db());
  await db().query(`UPDATE organizations SET time_zone = $2 WHERE id = ANY($1::bigint[])`, [
    [world.orgs.lead.id, world.orgs.partner.id, world.orgs.other.id],
    timeZone,
  ]);
  const { activityId, programId } = await programWithActivity(db(), world);
  return { ...world, activityId, programId };
}

async function remindersOf(activityId: number) {
  const { rows } = await db().query<{
    userId: number;
    kind: string;
    messageId: string;
    values: Record<string, string | number>;
    link: string;
  }>(
    `SELECT n.user_id AS "userId", n.kind, n.message_id AS "messageId", n.values, n.link FROM notifications n
      WHERE n.kind IN ('programs.activity_due_soon', 'programs.activity_overdue') AND n.link LIKE '%/activities/%'
        AND n.link = (SELECT '/programs/' || program_id || '/activities/' || number FROM program_activities WHERE id = $1)
      ORDER BY n.kind, n.user_id`,
    [activityId],
  );
  return rows;
}

describe('sendActivityReminders', () => {
  it('reminds the responsible person and the coordinator once, 3 days before, even when run again', async () => {
    const world = await freshWorld('Asia/Tehran');
    w = world;
    // 2022-04-27 08:30 in Tehran (+04:30 that spring): the due date is 3 days away.
    const now = new Date('2022-04-27T04:00:00Z');
    await sendActivityReminders(db(), { now });
    await sendActivityReminders(db(), { now });
    await sendActivityReminders(db(), { now: new Date('2022-04-27T10:00:00Z') });
    const sent = await remindersOf(world.activityId);
    expect(sent.map((n) => n.userId).sort()).toEqual([world.users.coordinator.id, world.users.rashtOfficial.id].sort());
    expect(sent.every((n) => n.kind === 'programs.activity_due_soon' && n.messageId === 'programs.notify.activityDueSoon')).toBe(true);
    expect(sent[0]?.values).toEqual({ number: 1, activity: 'Commemoration of the fallen workers', program: "Workers' Week 1401", days: 3 });
    expect(sent[0]?.link).toBe(`/programs/${world.programId}/activities/1`);
  });

  it('tells nobody else: not the partner, the outsider, a county-limited coordinator or a member', async () => {
    const sent = await remindersOf(w.activityId);
    const others = [w.users.partnerCoordinator, w.users.outsider, w.users.rashtCoordinator, w.users.member, w.users.lahijanOfficial];
    expect(sent.filter((n) => others.some((u) => u.id === n.userId))).toEqual([]);
  });

  it('sends "overdue" the day after the due date, once', async () => {
    const now = new Date('2022-05-01T05:00:00Z');
    await sendActivityReminders(db(), { now });
    await sendActivityReminders(db(), { now });
    const overdue = (await remindersOf(w.activityId)).filter((n) => n.kind === 'programs.activity_overdue');
    expect(overdue.map((n) => n.userId).sort()).toEqual([w.users.coordinator.id, w.users.rashtOfficial.id].sort());
    expect(overdue[0]?.values.days).toBe(1);
  });

  it('reminds again of a changed due date', async () => {
    await db().query(`UPDATE program_activities SET ends_on = '2022-05-06' WHERE id = $1`, [w.activityId]);
    await sendActivityReminders(db(), { now: new Date('2022-05-03T05:00:00Z') });
    const soon = (await remindersOf(w.activityId)).filter((n) => n.kind === 'programs.activity_due_soon');
    expect(soon).toHaveLength(4);
  });

  it('does not remind of done or cancelled activities, nor of a cancelled program', async () => {
    const world = await freshWorld('Asia/Tehran');
    const now = new Date('2022-04-27T05:00:00Z');
    await db().query(`UPDATE program_activities SET status = 'done' WHERE id = $1`, [world.activityId]);
    const other = await programWithActivity(db(), world);
    await db().query(`UPDATE program_activities SET status = 'cancelled' WHERE id = $1`, [other.activityId]);
    const third = await programWithActivity(db(), world);
    await db().query(`UPDATE programs SET status = 'cancelled' WHERE id = $1`, [third.programId]);
    await sendActivityReminders(db(), { now });
    expect(await remindersOf(world.activityId)).toEqual([]);
    expect(await remindersOf(other.activityId)).toEqual([]);
    expect(await remindersOf(third.activityId)).toEqual([]);
  });

  it('waits for 08:00 in each organization’s own time zone (Tehran, Ho Chi Minh City)', async () => {
    const tehran = await freshWorld('Asia/Tehran');
    const saigon = await freshWorld('Asia/Ho_Chi_Minh');
    // 02:00 UTC: 09:00 in Ho Chi Minh City, 06:30 in Tehran.
    await sendActivityReminders(db(), { now: new Date('2022-04-27T02:00:00Z') });
    expect(await remindersOf(saigon.activityId)).toHaveLength(2);
    expect(await remindersOf(tehran.activityId)).toEqual([]);
    // 03:15 UTC is 07:45 in Tehran; 03:30 UTC is 08:00.
    await sendActivityReminders(db(), { now: new Date('2022-04-27T03:15:00Z') });
    expect(await remindersOf(tehran.activityId)).toEqual([]);
    await sendActivityReminders(db(), { now: new Date('2022-04-27T03:30:00Z') });
    expect(await remindersOf(tehran.activityId)).toHaveLength(2);
    expect(await remindersOf(saigon.activityId)).toHaveLength(2);
  });

  it('counts the days in the organization’s local calendar (23:30 UTC is already the next day in Ho Chi Minh City)', async () => {
    const saigon = await freshWorld('Asia/Ho_Chi_Minh');
    // 2022-04-26 23:30 UTC = 2022-04-27 06:30 there: before 08:00, nothing; at 01:00 UTC (08:00) "in 3 days".
    await sendActivityReminders(db(), { now: new Date('2022-04-26T23:30:00Z') });
    expect(await remindersOf(saigon.activityId)).toEqual([]);
    await sendActivityReminders(db(), { now: new Date('2022-04-27T01:00:00Z') });
    expect((await remindersOf(saigon.activityId)).map((n) => n.values.days)).toEqual([3, 3]);
  });

  it('sends each reminder once when two jobs run at the same time', async () => {
    const world = await freshWorld('UTC');
    const now = new Date('2022-04-28T09:00:00Z');
    const counts = await Promise.all([
      sendActivityReminders(db(), { now, batchSize: 1 }),
      sendActivityReminders(db(), { now, batchSize: 1 }),
    ]);
    expect(await remindersOf(world.activityId)).toHaveLength(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });

  it('reads in the recipient’s language: Persian, Vietnamese, English', () => {
    const values = { number: 3, activity: 'X', program: 'P', days: 3 };
    expect(translator('fa')('programs.notify.activityDueSoon', values)).toBe('مهلت فعالیت ۳ (X) از «P» ۳ روز دیگر به پایان می‌رسد.');
    expect(translator('vi')('programs.notify.activityDueSoon', values)).toBe('Hoạt động 3 (X) của “P” đến hạn sau 3 ngày nữa.');
    expect(translator('en')('programs.notify.activityDueSoon', { ...values, days: 1 })).toBe('Activity 3 (X) of “P” is due tomorrow.');
    expect(translator('fa')('programs.notify.activityOverdue', { ...values, days: 2 })).toBe(
      'مهلت فعالیت ۳ (X) از «P» گذشته است: ۲ روز پیش سر رسید.',
    );
    expect(translator('vi')('programs.notify.activityOverdue', { ...values, days: 1 })).toBe(
      'Hoạt động 3 (X) của “P” đã quá hạn: hạn là hôm qua.',
    );
  });
});

describe('the reminder job through pg-boss', () => {
  it('is scheduled every 15 minutes, runs on the queue and sends what is due today', async () => {
    // The job reads the clock itself: the organization's zone is chosen so that it is past 08:00 there now
    // (Etc/GMT-N is UTC+N), and the activity is due in 2 days of that zone's calendar.
    const hour = new Date().getUTCHours();
    const world = await freshWorld(hour >= 8 ? 'UTC' : `Etc/GMT-${8 - hour}`);
    await db().query(
      `UPDATE program_activities a SET starts_on = NULL, ends_on = (now() AT TIME ZONE o.time_zone)::date + 2
         FROM organizations o WHERE a.id = $1 AND o.id = $2`,
      [world.activityId, world.orgs.lead.id],
    );
    const jobs = await startJobs(t.app.uh, t.databaseUrl, programJobs, { pollingIntervalSeconds: 0.5, onError: () => {} });
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.find((s) => s.name === ACTIVITY_REMINDERS_QUEUE)?.cron).toBe('*/15 * * * *');
      await jobs.send(ACTIVITY_REMINDERS_QUEUE, {});
      await waitFor(async () => (await remindersOf(world.activityId)).length >= 2, 'the job to send both reminders', {
        timeoutMs: 20_000,
        everyMs: 100,
      });
      const sent = await remindersOf(world.activityId);
      expect(sent.map((n) => n.userId).sort()).toEqual([world.users.coordinator.id, world.users.rashtOfficial.id].sort());
      expect(sent.map((n) => n.values.days)).toEqual([2, 2]);
    } finally {
      await jobs.stop(5_000);
    }
  });
});

describe('organization time zones', () => {
  it('are taken from the country of the region, else from the parent', async () => {
    const { rows: countries } = await db().query<{ ir: number; vn: number }>(
      `WITH ir AS (INSERT INTO regions (kind, code, name) VALUES ('country', 'ir', '{"en":"Iran"}') ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id),
            vn AS (INSERT INTO regions (kind, code, name) VALUES ('country', 'vn', '{"en":"Vietnam"}') ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id)
       SELECT (SELECT id FROM ir) AS ir, (SELECT id FROM vn) AS vn`,
    );
    const { rows: provinces } = await db().query<{ id: number }>(
      `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids) VALUES ($1, 'province', 'ir-test-gilan', '{"en":"Gilan"}', ARRAY[$1::bigint]) RETURNING id`,
      [countries[0]?.ir],
    );
    const gilan = await createOrganization(db(), { regionId: provinces[0]?.id });
    const child = await createOrganization(db(), { parentId: gilan.id });
    const vietnamese = await createOrganization(db(), { regionId: countries[0]?.vn });
    const nowhere = await createOrganization(db());
    const { rows } = await db().query<{ id: number; time_zone: string }>(
      `SELECT id, time_zone FROM organizations WHERE id = ANY($1::bigint[])`,
      [[gilan.id, child.id, vietnamese.id, nowhere.id]],
    );
    const zone = new Map(rows.map((r) => [r.id, r.time_zone]));
    expect([zone.get(gilan.id), zone.get(child.id), zone.get(vietnamese.id), zone.get(nowhere.id)]).toEqual([
      'Asia/Tehran',
      'Asia/Tehran',
      'Asia/Ho_Chi_Minh',
      'UTC',
    ]);
  });
});
