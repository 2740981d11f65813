import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signedInClient,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { ageAccount, createCategory } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

const t = appForTests();
let union: TestOrganization;
let otherUnion: TestOrganization;
let worker: TestUser;
let reader: TestUser;
let moderator: TestUser;
let official: TestUser;
let otherModerator: TestUser;
let category: { id: number; slug: string };
let secondCategory: { id: number; slug: string };
let foreignCategory: { id: number; slug: string };

const clientFor = (user: TestUser): Promise<TestClient> => signedInClient(t, user);

async function startTopic(user: TestUser, title = 'Is the night shift paid extra?', categorySlug = category.slug): Promise<number> {
  const response = await (
    await clientFor(user)
  ).post(`/en/organizations/${union.slug}/forum/${categorySlug}/new`, { title, body: 'Asking for the whole line.' });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
  return Number(defined(/\/forum\/t\/(\d+)/.exec(String(response.headers.location)), 'the match')[1]);
}

/** A new trusted member for each topic, so the flood limit (8 posts a minute) is not what a test measures. */
async function freshMember(): Promise<TestUser> {
  const user = await createUser(t.db, { name: 'Member Poster' });
  await ageAccount(t.db, user.id);
  await grantRole(t.db, user.id, union.id, 'member');
  return user;
}

async function reply(user: TestUser, topicId: number, body = 'A reply with facts.') {
  return (await clientFor(user)).post(`/en/forum/t/${topicId}/reply`, { body }, { from: `/en/forum/t/${topicId}` });
}

async function auditActions(): Promise<Array<{ action: string; actor_id: number; details: Record<string, unknown> }>> {
  return many(t.db, `SELECT action, actor_id, details FROM audit_log ORDER BY id`);
}

beforeAll(async () => {
  union = await createOrganization(t.db, { slug: 'mod-union' });
  otherUnion = await createOrganization(t.db, { slug: 'mod-other' });
  worker = await createUser(t.db, { name: 'Wendy Worker' });
  reader = await createUser(t.db, { name: 'Rita Reader' });
  moderator = await createUser(t.db, { name: 'Max Moderator' });
  official = await createUser(t.db, { name: 'Olu Official' });
  otherModerator = await createUser(t.db, { name: 'Other Moderator' });
  for (const u of [worker, reader, moderator, official, otherModerator]) await ageAccount(t.db, u.id);
  await grantRole(t.db, worker.id, union.id, 'member');
  await grantRole(t.db, reader.id, union.id, 'member');
  await grantRole(t.db, moderator.id, union.id, 'moderator');
  await grantRole(t.db, official.id, union.id, 'official');
  await grantRole(t.db, otherModerator.id, otherUnion.id, 'moderator');
  category = await createCategory(t.db, union.id, { slug: 'questions', visibility: 'public' });
  secondCategory = await createCategory(t.db, union.id, { slug: 'archive', visibility: 'members' });
  foreignCategory = await createCategory(t.db, otherUnion.id, { slug: 'elsewhere', visibility: 'public' });
});

describe('flags and the moderation queue', () => {
  it('takes a flag with a reason and shows it in the organization’s queue', async () => {
    const topicId = await startTopic(await freshMember(), 'Flag me');
    await reply(worker, topicId, 'Buy cheap watches now');
    const flag = await (await clientFor(reader)).post(`/en/forum/t/${topicId}/2/flag`, { reason: 'spam', note: 'Advertising' });
    expect(flag.statusCode).toBe(303);
    const queue = await (await clientFor(moderator)).get(`/en/organizations/${union.slug}/forum/moderation`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Buy cheap watches now');
    expect(queue.body).toContain('Advertising');
    // Another organization's moderator sees nothing of it.
    expect((await (await clientFor(otherModerator)).get(`/en/organizations/${union.slug}/forum/moderation`)).statusCode).toBe(404);
  });
  it('refuses a flag without a valid reason (422) and one’s own post (403)', async () => {
    const author = await freshMember();
    const topicId = await startTopic(author, 'Flag validation');
    expect((await (await clientFor(reader)).post(`/en/forum/t/${topicId}/1/flag`, { reason: 'because' })).statusCode).toBe(422);
    expect((await (await clientFor(author)).get(`/en/forum/t/${topicId}/1/flag`)).statusCode).toBe(403);
  });
  it('hides the queue from members (404) and sends visitors to log in', async () => {
    expect((await (await clientFor(worker)).get(`/en/organizations/${union.slug}/forum/moderation`)).statusCode).toBe(404);
    const visitor = await t.app.inject({ url: `/en/organizations/${union.slug}/forum/moderation` });
    expect(visitor.statusCode).toBe(303);
  });
});

describe('hiding and restoring a post', () => {
  it('hides with a reason (audited), resolves its flags, and shows readers a notice instead of the text', async () => {
    const topicId = await startTopic(await freshMember(), 'Hide me');
    await reply(worker, topicId, 'Rude words here');
    await (await clientFor(reader)).post(`/en/forum/t/${topicId}/2/flag`, { reason: 'abuse' });
    const hide = await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/2/moderate/hide`, { reason: 'Insults a colleague' }, { from: `/en/forum/t/${topicId}/2/moderate` });
    expect(hide.statusCode).toBe(303);
    const visitor = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(visitor.body).not.toContain('Rude words here');
    expect(visitor.body).toContain('A moderator hid this post.');
    const asModerator = await (await clientFor(moderator)).get(`/en/forum/t/${topicId}`);
    expect(asModerator.body).toContain('Rude words here');
    const flags = await many<{ resolution: string }>(
      t.db,
      `SELECT resolution FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id WHERE p.topic_id = $1`,
      [topicId],
    );
    expect(flags).toEqual([{ resolution: 'hidden' }]);
    expect(await auditActions()).toContainEqual(
      expect.objectContaining({
        action: 'forum.post.hide',
        actor_id: moderator.id,
        details: expect.objectContaining({ reason: 'Insults a colleague' }),
      }),
    );
    const restore = await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/2/moderate/restore`, { reason: 'Apology given' }, { from: `/en/forum/t/${topicId}/2/moderate` });
    expect(restore.statusCode).toBe(303);
    expect((await t.app.inject({ url: `/en/forum/t/${topicId}` })).body).toContain('Rude words here');
    expect(await auditActions()).toContainEqual(expect.objectContaining({ action: 'forum.post.restore' }));
  });
  it('needs a reason (422) and refuses members (404)', async () => {
    const topicId = await startTopic(await freshMember(), 'Reasonless');
    expect(
      (
        await (
          await clientFor(moderator)
        ).post(`/en/forum/t/${topicId}/1/moderate/hide`, { reason: '' }, { from: `/en/forum/t/${topicId}/1/moderate` })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await (
          await clientFor(reader)
        ).post(`/en/forum/t/${topicId}/1/moderate/hide`, { reason: 'No reason' }, { from: `/en/forum/t/${topicId}` })
      ).statusCode,
    ).toBe(404);
  });
  it('dismisses flags without hiding (audited)', async () => {
    const topicId = await startTopic(await freshMember(), 'Dismiss');
    await (await clientFor(reader)).post(`/en/forum/t/${topicId}/1/flag`, { reason: 'other' });
    const dismiss = await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/1/moderate/dismiss`, { reason: 'Nothing wrong' }, { from: `/en/forum/t/${topicId}/1/moderate` });
    expect(dismiss.statusCode).toBe(303);
    const flag = await one<{ resolution: string }>(
      t.db,
      `SELECT resolution FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id WHERE p.topic_id = $1`,
      [topicId],
    );
    expect(defined(flag, 'flag').resolution).toBe('dismissed');
    expect(await auditActions()).toContainEqual(expect.objectContaining({ action: 'forum.post.dismiss' }));
  });
});

describe('topic moderation', () => {
  it('offers one button per possible action, each posting to its own URL', async () => {
    const topicId = await startTopic(await freshMember(), 'Buttons');
    const page = (await (await clientFor(moderator)).get(`/en/forum/t/${topicId}/moderate`)).body;
    for (const action of ['lock', 'pin', 'close', 'hide', 'move'])
      expect(page, action).toMatch(new RegExp(`formaction="/en/forum/t/${topicId}/moderate/${action}"`, 'i'));
    // An open, unlocked topic: its reverse actions would change nothing, so they are not offered.
    for (const action of ['unlock', 'unpin', 'reopen', 'restore']) expect(page, action).not.toContain(`/moderate/${action}"`);
    const post = (await (await clientFor(moderator)).get(`/en/forum/t/${topicId}/1/moderate`)).body;
    expect(post).toMatch(new RegExp(`formaction="/en/forum/t/${topicId}/1/moderate/hide"`, 'i'));
    expect(post).toMatch(new RegExp(`formaction="/en/forum/t/${topicId}/1/moderate/dismiss"`, 'i'));
  });
  it('locks a topic: members cannot reply (403), moderators still can; unlock reopens it', async () => {
    const topicId = await startTopic(await freshMember(), 'Lock me');
    expect(
      (
        await (
          await clientFor(moderator)
        ).post(`/en/forum/t/${topicId}/moderate/lock`, { reason: 'Cooling down' }, { from: `/en/forum/t/${topicId}/moderate` })
      ).statusCode,
    ).toBe(303);
    const page = await (await clientFor(reader)).get(`/en/forum/t/${topicId}`);
    expect(page.body).toContain('This topic is locked');
    expect(
      (await (await clientFor(reader)).post(`/en/forum/t/${topicId}/reply`, { body: 'Let me in' }, { from: `/en/forum/t/${topicId}` }))
        .statusCode,
    ).toBe(403);
    expect((await reply(moderator, topicId, 'Moderator note')).statusCode).toBe(303);
    expect(
      (
        await (
          await clientFor(moderator)
        ).post(`/en/forum/t/${topicId}/moderate/unlock`, { reason: 'Calm again' }, { from: `/en/forum/t/${topicId}/moderate` })
      ).statusCode,
    ).toBe(303);
    expect((await reply(reader, topicId)).statusCode).toBe(303);
    const actions = (await auditActions()).map((a) => a.action);
    expect(actions).toContain('forum.topic.lock');
    expect(actions).toContain('forum.topic.unlock');
  });
  it('pins a topic to the top of its category', async () => {
    const pinned = await startTopic(await freshMember(), 'Read this first');
    await startTopic(await freshMember(), 'A newer topic');
    await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${pinned}/moderate/pin`, { reason: 'Rules' }, { from: `/en/forum/t/${pinned}/moderate` });
    const list = await t.app.inject({ url: `/en/organizations/${union.slug}/forum/${category.slug}` });
    expect(list.body.indexOf('Read this first')).toBeLessThan(list.body.indexOf('A newer topic'));
    expect(list.body).toContain('Pinned');
  });
  it('closes and reopens a topic', async () => {
    const topicId = await startTopic(await freshMember(), 'Close me');
    await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/moderate/close`, { reason: 'Resolved offline' }, { from: `/en/forum/t/${topicId}/moderate` });
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM forum_topics WHERE id = $1`, [topicId]), 'the row').status).toBe(
      'closed',
    );
    expect((await reply(reader, topicId)).statusCode).toBe(403);
    await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/moderate/reopen`, { reason: 'New facts' }, { from: `/en/forum/t/${topicId}/moderate` });
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM forum_topics WHERE id = $1`, [topicId]), 'the row').status).toBe(
      'open',
    );
  });
  it('hides a topic from everyone but moderators (404, as if it did not exist)', async () => {
    const topicId = await startTopic(await freshMember(), 'Hide the topic');
    await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/moderate/hide`, { reason: 'Doxxing' }, { from: `/en/forum/t/${topicId}/moderate` });
    expect((await t.app.inject({ url: `/en/forum/t/${topicId}` })).statusCode).toBe(404);
    expect((await (await clientFor(worker)).get(`/en/forum/t/${topicId}`)).statusCode).toBe(404);
    expect((await (await clientFor(moderator)).get(`/en/forum/t/${topicId}`)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/en/forum' })).body).not.toContain('Hide the topic');
  });
  it('moves a topic to another category of the organization, but not to another organization’s', async () => {
    const topicId = await startTopic(await freshMember(), 'Move me');
    const foreign = await (
      await clientFor(moderator)
    ).post(
      `/en/forum/t/${topicId}/moderate/move`,
      { reason: 'Wrong place', category: String(foreignCategory.id) },
      { from: `/en/forum/t/${topicId}/moderate` },
    );
    expect(foreign.statusCode).toBe(422);
    const moved = await (
      await clientFor(moderator)
    ).post(
      `/en/forum/t/${topicId}/moderate/move`,
      { reason: 'Wrong place', category: String(secondCategory.id) },
      { from: `/en/forum/t/${topicId}/moderate` },
    );
    expect(moved.statusCode).toBe(303);
    expect(
      defined(await one<{ category_id: number }>(t.db, `SELECT category_id FROM forum_topics WHERE id = $1`, [topicId]), 'the row')
        .category_id,
    ).toBe(secondCategory.id);
    // Now in a members-only category: visitors get 404.
    expect((await t.app.inject({ url: `/en/forum/t/${topicId}` })).statusCode).toBe(404);
    expect(await auditActions()).toContainEqual(
      expect.objectContaining({ action: 'forum.topic.move', details: expect.objectContaining({ toCategoryId: secondCategory.id }) }),
    );
  });
  it('refuses members (404), a missing reason (422) and an unknown action (422)', async () => {
    const topicId = await startTopic(await freshMember(), 'Guarded');
    expect((await (await clientFor(worker)).get(`/en/forum/t/${topicId}/moderate`)).statusCode).toBe(404);
    expect(
      (
        await (
          await clientFor(moderator)
        ).post(`/en/forum/t/${topicId}/moderate/lock`, { reason: '' }, { from: `/en/forum/t/${topicId}/moderate` })
      ).statusCode,
    ).toBe(422);
    // Each action has its own URL: there is no URL for an unknown one.
    expect(
      (
        await (
          await clientFor(moderator)
        ).post(`/en/forum/t/${topicId}/moderate/explode`, { reason: 'Because' }, { from: `/en/forum/t/${topicId}/moderate` })
      ).statusCode,
    ).toBe(404);
  });
});

describe('suspensions', () => {
  it('suspends a named author for some days (audited, notified); they cannot post until it is lifted', async () => {
    const victim = await createUser(t.db, { name: 'Sam Spammer' });
    await ageAccount(t.db, victim.id);
    await grantRole(t.db, victim.id, union.id, 'member');
    const topicId = await startTopic(victim, 'Spam topic');
    const suspend = await (
      await clientFor(moderator)
    ).post(
      `/en/forum/t/${topicId}/1/suspend-author`,
      { days: '7', reason: 'Repeated spam' },
      { from: `/en/forum/t/${topicId}/1/moderate` },
    );
    expect(suspend.statusCode).toBe(303);
    expect((await reply(victim, topicId)).statusCode).toBe(403);
    const blocked = await (await clientFor(victim)).get(`/en/organizations/${union.slug}/forum/${category.slug}/new`);
    expect(blocked.statusCode).toBe(403);
    const note = await one<{ message_id: string; values: Record<string, unknown> }>(
      t.db,
      `SELECT message_id, values FROM notifications WHERE user_id = $1`,
      [victim.id],
    );
    expect(note).toEqual({ message_id: 'forum.notifications.suspended', values: { days: 7, reason: 'Repeated spam' } });
    expect(await auditActions()).toContainEqual(
      expect.objectContaining({ action: 'forum.member.suspend', details: expect.objectContaining({ reason: 'Repeated spam', days: 7 }) }),
    );
    const queue = await (await clientFor(moderator)).get(`/en/organizations/${union.slug}/forum/moderation`);
    expect(queue.body).toContain('Sam Spammer');
    const suspension = await one<{ id: number }>(t.db, `SELECT id FROM forum_suspensions WHERE user_id = $1`, [victim.id]);
    const liftUrl = `/en/organizations/${union.slug}/forum/moderation/suspensions/${defined(suspension, 'suspension').id}/lift`;
    const moderatorClient = await clientFor(moderator);
    expect(
      (await moderatorClient.post(liftUrl, { reason: '' }, { from: `/en/organizations/${union.slug}/forum/moderation` })).statusCode,
    ).toBe(422);
    expect(
      (await moderatorClient.post(liftUrl, { reason: 'Promised to stop' }, { from: `/en/organizations/${union.slug}/forum/moderation` }))
        .statusCode,
    ).toBe(303);
    expect((await reply(victim, topicId)).statusCode).toBe(303);
    expect(await auditActions()).toContainEqual(expect.objectContaining({ action: 'forum.member.unsuspend' }));
  });
  it('refuses a suspension of impossible length (422) and by a non-moderator (404)', async () => {
    const topicId = await startTopic(await freshMember(), 'Suspension validation');
    expect(
      (
        await (
          await clientFor(moderator)
        ).post(
          `/en/forum/t/${topicId}/1/suspend-author`,
          { days: '9999', reason: 'Too long' },
          { from: `/en/forum/t/${topicId}/1/moderate` },
        )
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await (
          await clientFor(reader)
        ).post(`/en/forum/t/${topicId}/1/suspend-author`, { days: '3', reason: 'Not mine' }, { from: `/en/forum/t/${topicId}` })
      ).statusCode,
    ).toBe(404);
  });
});

describe('official answers and the unanswered queue', () => {
  it('lets an official mark a reply as the official answer: the topic shows as answered', async () => {
    const asker = await freshMember();
    const topicId = await startTopic(asker, 'When is payday?');
    await reply(official, topicId, 'On the 5th of every month.');
    const queueBefore = await (await clientFor(official)).get(`/en/organizations/${union.slug}/forum/unanswered`);
    expect(queueBefore.body).toContain('When is payday?');
    const mark = await (
      await clientFor(official)
    ).post(`/en/forum/t/${topicId}/2/answer`, { mark: '1' }, { from: `/en/forum/t/${topicId}` });
    expect(mark.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(page.body).toContain('Answered');
    expect(page.body).toContain('Official answer');
    expect(page.body).toContain('forum-post--answer');
    const queueAfter = await (await clientFor(official)).get(`/en/organizations/${union.slug}/forum/unanswered`);
    expect(queueAfter.body).not.toContain('When is payday?');
    expect(await auditActions()).toContainEqual(expect.objectContaining({ action: 'forum.answer.mark', actor_id: official.id }));
    // The asker followed their topic and is told.
    const told = await many(t.db, `SELECT 1 FROM notifications WHERE user_id = $1 AND message_id = 'forum.notifications.answered'`, [
      asker.id,
    ]);
    expect(told).toHaveLength(1);
    // Unmarking brings the question back.
    expect(
      (await (await clientFor(official)).post(`/en/forum/t/${topicId}/2/answer`, { mark: '0' }, { from: `/en/forum/t/${topicId}` }))
        .statusCode,
    ).toBe(303);
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM forum_topics WHERE id = $1`, [topicId]), 'the row').status).toBe(
      'open',
    );
  });
  it('refuses members (403) and the question itself as an answer', async () => {
    const topicId = await startTopic(await freshMember(), 'Member cannot answer');
    await reply(reader, topicId);
    expect(
      (await (await clientFor(reader)).post(`/en/forum/t/${topicId}/2/answer`, { mark: '1' }, { from: `/en/forum/t/${topicId}` }))
        .statusCode,
    ).toBe(403);
    const first = await (
      await clientFor(official)
    ).post(`/en/forum/t/${topicId}/1/answer`, { mark: '1' }, { from: `/en/forum/t/${topicId}` });
    expect(first.statusCode).toBe(303);
    expect(defined(await one<{ status: string }>(t.db, `SELECT status FROM forum_topics WHERE id = $1`, [topicId]), 'the row').status).toBe(
      'open',
    );
  });
  it('lists unanswered questions oldest first, for officials only', async () => {
    const older = await startTopic(await freshMember(), 'Older question');
    const newer = await startTopic(await freshMember(), 'Newer question');
    await t.db.query(`UPDATE forum_topics SET created_at = now() - interval '3 days' WHERE id = $1`, [older]);
    await t.db.query(`UPDATE forum_topics SET created_at = now() - interval '1 day' WHERE id = $1`, [newer]);
    const queue = await (await clientFor(official)).get(`/en/organizations/${union.slug}/forum/unanswered`);
    expect(queue.body.indexOf('Older question')).toBeLessThan(queue.body.indexOf('Newer question'));
    expect((await (await clientFor(worker)).get(`/en/organizations/${union.slug}/forum/unanswered`)).statusCode).toBe(404);
  });
});

describe('categories', () => {
  it('lets an organization admin create and edit a category, names per language', async () => {
    const admin = await createUser(t.db, { name: 'Ada Admin' });
    await grantRole(t.db, admin.id, union.id, 'admin');
    const client = await clientFor(admin);
    const url = `/en/organizations/${union.slug}/forum/categories/new`;
    const created = await client.post(url, {
      slug: 'safety',
      name_fa: 'ایمنی کار',
      name_vi: 'An toàn lao động',
      name_en: 'Safety at work',
      visibility: 'members',
      position: '2',
    });
    expect(created.statusCode).toBe(303);
    const row = await one<{ name: Record<string, string>; visibility: string }>(
      t.db,
      `SELECT name, visibility FROM forum_categories WHERE slug = 'safety'`,
    );
    expect(row).toEqual({ name: { fa: 'ایمنی کار', vi: 'An toàn lao động', en: 'Safety at work' }, visibility: 'members' });
    const edit = `/en/organizations/${union.slug}/forum/categories/safety/edit`;
    expect(
      (await client.post(edit, { slug: 'safety', name_en: 'Health and safety', visibility: 'public', position: '2' })).statusCode,
    ).toBe(303);
    expect(
      defined(await one<{ visibility: string }>(t.db, `SELECT visibility FROM forum_categories WHERE slug = 'safety'`), 'the row')
        .visibility,
    ).toBe('public');
    expect(await auditActions()).toContainEqual(expect.objectContaining({ action: 'forum.category.create', actor_id: admin.id }));
  });
  it('refuses a taken or reserved slug, no name at all, and a bad visibility (422)', async () => {
    const client = await clientFor(moderator);
    const url = `/en/organizations/${union.slug}/forum/categories/new`;
    expect((await client.post(url, { slug: category.slug, name_en: 'Dup', visibility: 'public', position: '0' })).statusCode).toBe(422);
    expect((await client.post(url, { slug: 'moderation', name_en: 'Reserved', visibility: 'public', position: '0' })).statusCode).toBe(422);
    expect((await client.post(url, { slug: 'no-name', visibility: 'public', position: '0' })).statusCode).toBe(422);
    expect((await client.post(url, { slug: 'bad-vis', name_en: 'X', visibility: 'secret', position: '0' })).statusCode).toBe(422);
    expect((await client.post(url, { slug: 'Bad Slug!', name_en: 'X', visibility: 'public', position: '0' })).statusCode).toBe(422);
    expect(
      (await client.post(url, { slug: 'rtl-name', name_en: 'evil\u202Egpj.exe', visibility: 'public', position: '0' })).statusCode,
    ).toBe(422);
  });
  it('refuses members and other organizations’ moderators (404)', async () => {
    expect((await (await clientFor(worker)).get(`/en/organizations/${union.slug}/forum/categories/new`)).statusCode).toBe(404);
    expect((await (await clientFor(otherModerator)).get(`/en/organizations/${union.slug}/forum/categories/new`)).statusCode).toBe(404);
    expect((await (await clientFor(moderator)).get(`/en/organizations/${union.slug}/forum/categories/nothing/edit`)).statusCode).toBe(404);
  });
});

describe('a flag tells the moderators', () => {
  const toldOf = (since: number) =>
    many<{ userId: number; values: Record<string, unknown>; link: string }>(
      t.db,
      `SELECT user_id::int AS "userId", values, link FROM notifications WHERE kind = 'forum.flag' AND id > $1 ORDER BY id`,
      [since],
    );
  const lastId = async () =>
    defined(await one<{ id: number }>(t.db, `SELECT COALESCE(max(id), 0)::int AS id FROM notifications`), 'row').id;

  /** The union's moderators and admins (earlier tests add some), by id. */
  const moderatorIds = async () =>
    (
      await many<{ id: number }>(
        t.db,
        `SELECT DISTINCT user_id::int AS id FROM memberships WHERE organization_id = $1 AND role IN ('moderator', 'admin') ORDER BY 1`,
        [union.id],
      )
    ).map((r) => r.id);

  it('tells the forum’s moderators once per post waiting, with nothing about the flag or the post, never the flagger', async () => {
    const topicId = await startTopic(await freshMember(), 'A topic to flag');
    const before = await lastId();
    expect(
      (await (await clientFor(reader)).post(`/en/forum/t/${topicId}/1/flag`, { reason: 'personal_data', note: 'Names a worker' }))
        .statusCode,
    ).toBe(303);
    const rows = await toldOf(before);
    expect(rows.map((r) => r.userId).sort((a, b) => a - b)).toEqual(await moderatorIds());
    expect(rows.map((r) => r.userId)).toContain(moderator.id);
    for (const row of rows) expect(row).toMatchObject({ values: {}, link: `/organizations/${union.slug}/forum/moderation` });
    for (const user of [reader, official, otherModerator, worker]) expect(rows.map((r) => r.userId)).not.toContain(user.id);
    // A second flag on a post already waiting adds nothing.
    await (await clientFor(worker)).post(`/en/forum/t/${topicId}/1/flag`, { reason: 'spam' });
    expect(await toldOf(before)).toHaveLength(rows.length);
  });

  it('does not tell the moderator who flags a post themselves', async () => {
    const topicId = await startTopic(await freshMember(), 'A topic the moderator flags');
    const before = await lastId();
    await (await clientFor(moderator)).post(`/en/forum/t/${topicId}/1/flag`, { reason: 'spam' });
    const recipients = (await toldOf(before)).map((r) => r.userId);
    expect(recipients).not.toContain(moderator.id);
    expect(recipients.sort((a, b) => a - b)).toEqual((await moderatorIds()).filter((id) => id !== moderator.id));
  });
});
