import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signIn,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import { many } from '../../../test/support/sql.ts';
import { createMeeting } from './factories.ts';

// Who is told when draft minutes wait for approval, and when a meeting task is given to someone.
let t: TestApp;
let organizer: TestOrganization;
let coordinator: TestUser;
let secondCoordinator: TestUser;
let parentAdmin: TestUser;
let official: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  const parent = await createOrganization(t.db, { name: { en: 'Federation' } });
  organizer = await createOrganization(t.db, { parentId: parent.id, name: { en: 'Gilan Workers' } });
  const stranger = await createOrganization(t.db, { name: { en: 'Elsewhere Union' } });
  coordinator = await createUser(t.db, { name: 'Coordinator' });
  secondCoordinator = await createUser(t.db, { name: 'Second Coordinator' });
  parentAdmin = await createUser(t.db, { name: 'Federation Admin' });
  official = await createUser(t.db, { name: 'Official' });
  outsider = await createUser(t.db, { name: 'Outsider' });
  await grantRole(t.db, coordinator.id, organizer.id, 'coordinator');
  await grantRole(t.db, secondCoordinator.id, organizer.id, 'coordinator');
  await grantRole(t.db, parentAdmin.id, parent.id, 'admin');
  await grantRole(t.db, official.id, organizer.id, 'official');
  await grantRole(t.db, outsider.id, stranger.id, 'coordinator');
});
afterAll(async () => {
  await t.close();
});

async function as(user: TestUser): Promise<TestClient> {
  const client = new TestClient(t.app, { 'accept-language': 'en' });
  await signIn(t.db, client, user.id);
  return client;
}
const told = (kind: string, link: string) =>
  many<{ userId: number; messageId: string; values: Record<string, unknown> }>(
    t.db,
    `SELECT user_id::int AS "userId", message_id AS "messageId", values FROM notifications WHERE kind = $1 AND link = $2 ORDER BY user_id`,
    [kind, link],
  );
const meetingForm = (minutes: string) => ({
  organizerId: String(organizer.id),
  title: 'Workers’ Week coordination',
  heldOn: '2022-04-11',
  startsAt: '09:30',
  place: 'Hall',
  attendees: '',
  agenda: 'Plans',
  minutes,
});

describe('minutes awaiting approval', () => {
  it('tells the organizer’s coordinators and the parent’s admin when an official drafts them, not the official nor outsiders', async () => {
    const created = await (await as(official)).post('/en/meetings/new', meetingForm('Draft minutes'));
    expect(created.statusCode).toBe(303);
    const id = Number(/\/meetings\/(\d+)/.exec(String(created.headers.location))?.[1]);
    const rows = await told('meetings.minutes_awaiting_approval', `/meetings/${id}/minutes`);
    expect(rows.map((r) => r.userId).sort()).toEqual([coordinator.id, secondCoordinator.id, parentAdmin.id].sort());
    expect(rows[0]).toMatchObject({
      messageId: 'meetings.notification.minutesAwaitingApproval',
      values: { meeting: 'Workers’ Week coordination' },
    });
  });

  it('tells the others, not the coordinator who wrote them, when minutes are first added to a meeting; later edits tell nobody', async () => {
    const id = await createMeeting(t.db, organizer.id, { title: 'Workers’ Week coordination', createdBy: coordinator.id });
    const link = `/meetings/${id}/minutes`;
    const client = await as(coordinator);
    expect((await client.post(`/en/meetings/${id}/edit`, meetingForm(''))).statusCode).toBe(303);
    expect(await told('meetings.minutes_awaiting_approval', link)).toEqual([]);
    expect((await client.post(`/en/meetings/${id}/edit`, meetingForm('First draft'))).statusCode).toBe(303);
    const recipients = (await told('meetings.minutes_awaiting_approval', link)).map((r) => r.userId);
    expect(recipients.sort()).toEqual([secondCoordinator.id, parentAdmin.id].sort());
    expect((await client.post(`/en/meetings/${id}/edit`, meetingForm('Second draft'))).statusCode).toBe(303);
    expect(await told('meetings.minutes_awaiting_approval', link)).toHaveLength(2);
    expect(recipients).not.toContain(outsider.id);
  });
});

describe('a meeting task assigned', () => {
  it('tells the person given the task, and nobody when the actor gives it to themselves', async () => {
    const id = await createMeeting(t.db, organizer.id, { title: 'Task meeting', createdBy: coordinator.id });
    const client = await as(coordinator);
    const given = await client.post(`/en/meetings/${id}/resolutions/new`, {
      kind: 'task',
      body: 'List the families to visit',
      ownerId: String(official.id),
      dueOn: '2022-04-20',
    });
    expect(given.statusCode).toBe(303);
    const own = await client.post(`/en/meetings/${id}/resolutions/new`, {
      kind: 'task',
      body: 'Book the hall',
      ownerId: String(coordinator.id),
      dueOn: '2022-04-20',
    });
    expect(own.statusCode).toBe(303);
    const rows = await many<{ userId: number; values: Record<string, unknown> }>(
      t.db,
      `SELECT user_id::int AS "userId", values FROM notifications WHERE kind = 'meetings.task' AND values->>'meeting' = 'Task meeting'`,
    );
    expect(rows).toEqual([{ userId: official.id, values: { task: 'List the families to visit', meeting: 'Task meeting' } }]);
  });
});
