import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, grantRole, signIn } from '../../../test/support/factories.ts';
import { insertCategory, insertTopic } from '../forum/factories.ts';
import { createMeeting, createTask } from '../meetings/factories.ts';
import { createInvitation } from '../organizations/factories.ts';
import { programWorld, programWithActivity, reportFor, type ProgramWorld } from '../programs/factories.ts';

let t: TestApp;
let w: ProgramWorld;
let programId: number;
let reportId: number;
let taskId: number;
let topicId: number;

beforeAll(async () => {
  t = await createTestApp();
  w = await programWorld(t.db);
  const program = await programWithActivity(t.db, w);
  programId = program.programId;
  reportId = await reportFor(t.db, {
    activityId: program.activityId,
    regionId: w.regions.rasht.id,
    reporterId: w.users.rashtOfficial.id,
    families: 4,
  });
  // A task for the coordinator from a meeting's resolution, due on Nowruz 1405 (2026-03-21).
  const meetingId = await createMeeting(t.db, w.orgs.lead.id, { title: 'Provincial coordination' });
  taskId = await createTask(t.db, {
    meetingId,
    ownerId: w.users.coordinator.id,
    createdBy: w.users.coordinator.id,
    title: 'Book the hall',
    dueOn: '2026-03-21',
  });
  // A flagged post in the lead's forum, and a pending invitation.
  const categoryId = await insertCategory(t.db, w.orgs.lead.id, 'public');
  topicId = await insertTopic(t.db, categoryId, { title: 'Unpaid overtime', body: 'Text', by: { userId: w.users.member.id } });
  await t.db.query(
    `INSERT INTO forum_flags (post_id, flagger_id, reason) SELECT id, $2, 'abuse' FROM forum_posts WHERE topic_id = $1 AND post_number = 1`,
    [topicId, w.users.rashtOfficial.id],
  );
  await createInvitation(t.db, { organizationId: w.orgs.lead.id, invitedBy: w.users.coordinator.id, email: 'new.official@example.org' });
});
afterAll(async () => {
  await t?.close();
});

async function as(user: { id: number } | null) {
  const client = new TestClient(t.app);
  if (user) await signIn(t.db, client, user.id);
  return client;
}

const section = (html: string, kind: string) => new RegExp(`id="work-${kind}"`).test(html);

describe('GET /:lang: My work', () => {
  it('is not shown to a visitor', async () => {
    const response = await (await as(null)).get('/en');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('id="my-work-heading"');
  });

  it('shows a member with nothing to do that nothing waits, and no sections', async () => {
    const response = await (await as(w.users.member)).get('/en');
    expect(response.body).toContain('Nothing waits for you right now.');
    for (const kind of ['reviews', 'activities', 'tasks', 'flags', 'invitations']) expect(section(response.body, kind)).toBe(false);
  });

  it('shows the coordinator the report to review and their meeting task, each linked to where it is done', async () => {
    const response = await (await as(w.users.coordinator)).get('/en');
    expect(response.statusCode).toBe(200);
    expect(section(response.body, 'reviews')).toBe(true);
    expect(response.body).toContain(`href="/en/programs/${programId}/reports/${reportId}"`);
    expect(response.body).toContain('href="/en/reviews"');
    expect(section(response.body, 'tasks')).toBe(true);
    expect(response.body).toContain(`href="/en/tasks#task-${taskId}"`);
    expect(response.body).toContain('Book the hall');
    // Overdue in the deadlines list.
    expect(response.body).toMatch(/id="work-deadlines"[\s\S]*Book the hall[\s\S]*Overdue/);
    // Not a moderator, not an admin: no flags, no invitations.
    expect(section(response.body, 'flags')).toBe(false);
    expect(section(response.body, 'invitations')).toBe(false);
  });

  it('shows the responsible official their activity with its deadline, and never the report they filed as one to review', async () => {
    const response = await (await as(w.users.rashtOfficial)).get('/en');
    expect(section(response.body, 'activities')).toBe(true);
    expect(response.body).toContain(`href="/en/programs/${programId}/activities/1"`);
    expect(response.body).toContain('<time datetime="2022-04-30">30/04/2022</time>');
    expect(section(response.body, 'reviews')).toBe(false);
  });

  it('gives dates in the Jalali calendar with Persian digits on Persian pages', async () => {
    const response = await (await as(w.users.coordinator)).get('/fa');
    expect(response.body).toContain('کارهای من');
    expect(response.body).toContain('<time datetime="2026-03-21">۱۴۰۵/۰۱/۰۱</time>');
  });

  it('shows a moderator the flagged post and an admin the pending invitation', async () => {
    const moderator = await createUser(t.db, { name: 'Forum Moderator' });
    await grantRole(t.db, moderator.id, w.orgs.lead.id, 'moderator');
    const admin = await createUser(t.db, { name: 'Org Admin' });
    await grantRole(t.db, admin.id, w.orgs.lead.id, 'admin');
    const mod = await (await as(moderator)).get('/en');
    expect(section(mod.body, 'flags')).toBe(true);
    expect(mod.body).toContain(`href="/en/forum/t/${topicId}/1/moderate"`);
    const adm = await (await as(admin)).get('/en');
    expect(section(adm.body, 'invitations')).toBe(true);
    expect(adm.body).toContain('new.official@example.org');
    expect(adm.body).toContain(`href="/en/organizations/${w.orgs.lead.slug}/members"`);
    // Another organization's people see none of it.
    const outsider = await (await as(w.users.outsider)).get('/en');
    expect(outsider.body).not.toContain('new.official@example.org');
    expect(outsider.body).not.toContain('Unpaid overtime');
    expect(section(outsider.body, 'reviews')).toBe(false);
  });
});
