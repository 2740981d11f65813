import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { many } from '../../../test/support/sql.ts';
import { resubmitReport } from './commands/resubmit-report.ts';
import { saveActivity } from './commands/save-activity.ts';
import { commemorationActivity, programWorld, programWithActivity, reportFor, type ProgramWorld } from './factories.ts';

// Who is told when a report is filed or filed again, and when someone is made responsible for an activity.
let t: TestApp;
let w: ProgramWorld;
let programId: number;
let activityId: number;
let activityNumber: number;

beforeAll(async () => {
  t = await createTestApp();
  w = await programWorld(t.db);
  ({ programId, activityId, activityNumber } = await programWithActivity(t.db, w));
});
afterAll(async () => {
  await t.close();
});

const actingAs = (userId: number) => ({ db: t.db, actor: { userId, isPlatformAdmin: false, grants: [] }, ip: '127.0.0.1' });

/** The notifications of one kind since `afterId`, as [recipient, message, values, link]. */
async function told(kind: string, afterId: number) {
  return many<{ userId: number; messageId: string; values: Record<string, unknown>; link: string }>(
    t.db,
    `SELECT user_id::int AS "userId", message_id AS "messageId", values, link FROM notifications WHERE kind = $1 AND id > $2 ORDER BY user_id`,
    [kind, afterId],
  );
}
async function lastId(): Promise<number> {
  const [row] = await many<{ id: number }>(t.db, `SELECT COALESCE(max(id), 0)::int AS id FROM notifications`);
  return row?.id ?? 0;
}

describe('a report filed or filed again', () => {
  it('tells the managers who may review it (the lead’s coordinator, the county’s coordinator), nobody else', async () => {
    const before = await lastId();
    const reportId = await reportFor(t.db, { activityId, regionId: w.regions.rasht.id, reporterId: w.users.rashtOfficial.id, families: 3 });
    const rows = await told('programs.report_filed', before);
    expect(rows.map((r) => r.userId).sort()).toEqual([w.users.coordinator.id, w.users.rashtCoordinator.id].sort());
    expect(rows[0]).toMatchObject({
      messageId: 'programs.notify.reportFiled',
      values: { number: activityNumber, activity: 'Commemoration of the fallen workers' },
      link: `/programs/${programId}/reports/${reportId}`,
    });
  });

  it('does not tell a county’s coordinator about another county’s report, nor officials, partners or outsiders', async () => {
    const before = await lastId();
    await reportFor(t.db, { activityId, regionId: w.regions.lahijan.id, reporterId: w.users.lahijanOfficial.id, families: 2 });
    const recipients = (await told('programs.report_filed', before)).map((r) => r.userId);
    expect(recipients).toEqual([w.users.coordinator.id]);
    for (const user of [
      w.users.rashtCoordinator,
      w.users.lahijanOfficial,
      w.users.rashtOfficial,
      w.users.partnerCoordinator,
      w.users.outsider,
    ])
      expect(recipients).not.toContain(user.id);
  });

  it('never tells the reporter, even one who could review others’ reports', async () => {
    const before = await lastId();
    await reportFor(t.db, { activityId, regionId: w.regions.rasht.id, reporterId: w.users.coordinator.id, families: 1 });
    expect((await told('programs.report_filed', before)).map((r) => r.userId)).toEqual([w.users.rashtCoordinator.id]);
  });

  it('tells the reviewers again, with its own message, when the report is corrected and filed again', async () => {
    const reportId = await reportFor(t.db, { activityId, regionId: w.regions.rasht.id, reporterId: w.users.rashtOfficial.id, families: 3 });
    const before = await lastId();
    const result = await resubmitReport(actingAs(w.users.rashtOfficial.id), {
      reportId,
      organizationId: w.orgs.lead.id,
      data: {
        regionId: w.regions.rasht.id,
        heldOn: '2022-04-22',
        place: 'Main hall',
        workers: 12,
        employers: 2,
        families: 3,
        otherParticipants: 0,
        beneficiaries: 3,
        moneySpent: 100,
        notes: 'Corrected',
      },
      files: [],
    });
    expect(result.ok).toBe(true);
    const rows = await told('programs.report_filed', before);
    expect(rows.map((r) => r.userId).sort()).toEqual([w.users.coordinator.id, w.users.rashtCoordinator.id].sort());
    expect(rows.every((r) => r.messageId === 'programs.notify.reportResubmitted')).toBe(true);
  });
});

describe('an activity’s responsible person', () => {
  const save = (actorId: number, responsibleUserId: number | null) =>
    saveActivity(actingAs(actorId), {
      programId,
      programTitle: "Workers' Week 1401",
      leadOrganizationId: w.orgs.lead.id,
      programOrganizationIds: [w.orgs.lead.id, w.orgs.partner.id],
      programRegionIds: [w.regions.province.id, w.regions.rasht.id, w.regions.lahijan.id],
      responsibleChoices: [w.users.rashtOfficial.id, w.users.lahijanOfficial.id, w.users.coordinator.id],
      activityId,
      data: commemorationActivity(w, [w.regions.province.id, w.regions.rasht.id, w.regions.lahijan.id], { responsibleUserId, targets: [] }),
    });

  it('was told when the activity was created with them responsible', async () => {
    const rows = await told('programs.activity_assigned', 0);
    expect(rows.filter((r) => r.link === `/programs/${programId}/activities/${activityNumber}`).map((r) => r.userId)).toContain(
      w.users.rashtOfficial.id,
    );
  });

  it('tells the new responsible person when it changes, with no internal note, and nobody when it does not', async () => {
    const before = await lastId();
    await save(w.users.coordinator.id, w.users.lahijanOfficial.id);
    const rows = await told('programs.activity_assigned', before);
    expect(rows).toEqual([
      {
        userId: w.users.lahijanOfficial.id,
        messageId: 'programs.notify.activityAssigned',
        values: { number: activityNumber, activity: 'Commemoration of the fallen workers', program: "Workers' Week 1401" },
        link: `/programs/${programId}/activities/${activityNumber}`,
      },
    ]);
    const again = await lastId();
    await save(w.users.coordinator.id, w.users.lahijanOfficial.id);
    await save(w.users.coordinator.id, null);
    expect(await told('programs.activity_assigned', again)).toEqual([]);
  });

  it('does not tell the actor who makes themselves responsible', async () => {
    const before = await lastId();
    await save(w.users.coordinator.id, w.users.coordinator.id);
    expect(await told('programs.activity_assigned', before)).toEqual([]);
  });
});
