import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { csrfFrom, TestClient } from '../../../test/support/client.ts';
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
let category: { id: number; slug: string };
let reader: TestUser;

async function member(name = 'Poster'): Promise<TestUser> {
  const user = await createUser(t.db, { name });
  await ageAccount(t.db, user.id);
  await grantRole(t.db, user.id, union.id, 'member');
  return user;
}

const clientFor = (user: TestUser): Promise<TestClient> => signedInClient(t, user);

const newTopicUrl = () => `/en/organizations/${union.slug}/forum/${category.slug}/new`;

async function startTopic(user: TestUser, fields: Record<string, string> = {}) {
  return (await clientFor(user)).post(newTopicUrl(), { title: 'A fair question', body: 'Some text here.', ...fields });
}

const topicIdOf = (location: unknown) => Number(defined(/\/forum\/t\/(\d+)/.exec(String(location)), 'the match')[1]);

async function counts() {
  return one<{ topics: number; posts: number; attachments: number }>(
    t.db,
    `SELECT (SELECT count(*)::int FROM forum_topics) AS topics, (SELECT count(*)::int FROM forum_posts) AS posts, (SELECT count(*)::int FROM forum_attachments) AS attachments`,
  );
}

/** Posts a multipart form (text fields and files) with the page's CSRF token. */
async function postMultipart(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  files: Array<{ filename: string; type: string; data: Buffer }>,
) {
  const page = await client.get(url);
  const boundary = '----forumtest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ ...fields, _csrf: csrfFrom(page.body) })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return client.request({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

beforeAll(async () => {
  union = await createOrganization(t.db, { slug: 'posting-union' });
  category = await createCategory(t.db, union.id, { slug: 'talk', visibility: 'public' });
  reader = await member('Rae Reader');
});

describe('bad input never half-stores and never answers 5xx', () => {
  it('refuses an empty topic and an over-long post with 422, keeping what was typed', async () => {
    const user = await member();
    const before = await counts();
    const empty = await startTopic(user, { title: '', body: '' });
    expect(empty.statusCode).toBe(422);
    const long = await startTopic(user, { title: 'Long one', body: 'x'.repeat(10_001) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Long one');
    expect(await counts()).toEqual(before);
  });
  it('refuses an over-long title', async () => {
    expect((await startTopic(await member(), { title: 'T'.repeat(151) })).statusCode).toBe(422);
  });
  it('refuses right-to-left override characters in a title', async () => {
    const response = await startTopic(await member(), { title: 'pay\u202Efdp.exe' });
    expect(response.statusCode).toBe(422);
  });
  it('renders markup and script as text, never as HTML', async () => {
    const user = await member();
    const response = await startTopic(user, {
      title: '<script>alert("t")</script> title',
      body: '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) ![x](https://evil.example/x.png) <b>bold</b>',
    });
    expect(response.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/en/forum/t/${topicIdOf(response.headers.location)}` });
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script>alert(&quot;t&quot;)&lt;/script> title');
    expect(page.body).not.toMatch(/<img[^>]+onerror/);
    expect(page.body).not.toMatch(/href="\s*javascript:/i);
    expect(page.body).not.toContain('evil.example');
    expect(page.body).not.toContain('<b>bold</b>');
  });
  it('gives links rel="nofollow ugc" and keeps the markup subset', async () => {
    const response = await startTopic(await member(), {
      body: '**Strong** and *soft*\n\n- one\n- two\n\n> a quote\n\nSee https://example.org/rules',
    });
    const page = await t.app.inject({ url: `/en/forum/t/${topicIdOf(response.headers.location)}` });
    expect(page.body).toContain('<strong>Strong</strong>');
    expect(page.body).toContain('<em>soft</em>');
    expect(page.body).toContain('<li>one</li>');
    expect(page.body).toContain('<blockquote>');
    expect(page.body).toContain('<a href="https://example.org/rules" rel="nofollow ugc noopener">');
  });
  it('refuses a post without the CSRF token (403)', async () => {
    const client = await clientFor(await member());
    const response = await client.post(newTopicUrl(), { title: 'No token', body: 'Body text' }, { csrf: false });
    expect(response.statusCode).toBe(403);
  });
  it('answers 404 for impossible ids and pages', async () => {
    for (const url of [
      '/en/forum/t/abc',
      '/en/forum/t/0',
      '/en/forum/t/99999999999999999999',
      '/en/forum/t/424242',
      '/en/forum/p/x',
      '/forum/images/abc',
      '/forum/images/99',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
    const response = await startTopic(await member());
    const topicId = topicIdOf(response.headers.location);
    expect((await t.app.inject({ url: `/en/forum/t/${topicId}?page=2` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/en/forum/t/${topicId}?page=abc` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/en/forum/t/${topicId}/5` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/de/forum/t/${topicId}` })).statusCode).toBe(404);
  });
});

describe('images', () => {
  it('stores a real image resized to 1600 px, as WebP, without its metadata, and serves it with nosniff', async () => {
    const user = await member();
    const photo = await sharp({ create: { width: 3200, height: 1800, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Secret camera owner', Artist: 'Worker at home' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await postMultipart(
      await clientFor(user),
      newTopicUrl(),
      { title: 'Photo of the broken guard', body: 'See the image.' },
      [{ filename: 'guard.jpg', type: 'image/jpeg', data: photo }],
    );
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
    const attachment = await one<{ id: number; width: number; height: number; content_type: string }>(
      t.db,
      `SELECT id, width, height, content_type FROM forum_attachments ORDER BY id DESC LIMIT 1`,
    );
    expect(attachment).toMatchObject({ width: 1600, height: 900, content_type: 'image/webp' });
    const served = await t.app.inject({ url: `/forum/images/${defined(attachment, 'attachment').id}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(served.rawPayload.toString('latin1')).not.toContain('Secret camera owner');
    const page = await t.app.inject({ url: `/en/forum/t/${topicIdOf(response.headers.location)}` });
    expect(page.body).toContain(`src="/forum/images/${defined(attachment, 'attachment').id}"`);
  });
  it('refuses a file that only pretends to be an image, and a broken image, storing nothing', async () => {
    const user = await member();
    const before = await counts();
    const fake = await postMultipart(await clientFor(user), newTopicUrl(), { title: 'Fake', body: 'Fake image' }, [
      { filename: 'cat.png', type: 'image/png', data: Buffer.from('#!/bin/sh\necho not an image\n') },
    ]);
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('not a JPEG, PNG, WebP or GIF');
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const broken = await postMultipart(await clientFor(user), newTopicUrl(), { title: 'Broken', body: 'Broken image' }, [
      { filename: 'b.png', type: 'image/png', data: png.subarray(0, 60) },
    ]);
    expect(broken.statusCode).toBe(422);
    const html = await postMultipart(await clientFor(user), newTopicUrl(), { title: 'Html', body: 'Html as image' }, [
      { filename: 'x.jpg', type: 'image/jpeg', data: Buffer.from('<html><script>alert(1)</script></html>') },
    ]);
    expect(html.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });
  it('refuses an image over 5 MB (422) and an upload over the 8 MB limit (413), storing nothing', async () => {
    const user = await member();
    const before = await counts();
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#0f0' } })
      .png()
      .toBuffer();
    const big = Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]);
    const tooLarge = await postMultipart(await clientFor(user), newTopicUrl(), { title: 'Big', body: 'Big image' }, [
      { filename: 'big.png', type: 'image/png', data: big },
    ]);
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.body).toContain('larger than 5 MB');
    const huge = Buffer.concat([png, Buffer.alloc(9 * 1024 * 1024)]);
    const overLimit = await postMultipart(await clientFor(user), newTopicUrl(), { title: 'Huge', body: 'Huge image' }, [
      { filename: 'huge.png', type: 'image/png', data: huge },
    ]);
    expect(overLimit.statusCode).toBe(413);
    const five = Array.from({ length: 5 }, (_, i) => ({ filename: `p${i}.png`, type: 'image/png', data: png }));
    expect((await postMultipart(await clientFor(user), newTopicUrl(), { title: 'Five', body: 'Five images' }, five)).statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });
  it('serves images of members-only posts only to members (404 otherwise)', async () => {
    const secret = await createCategory(t.db, union.id, { slug: 'inside', visibility: 'members' });
    const user = await member();
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#f00' } })
      .png()
      .toBuffer();
    const response = await postMultipart(
      await clientFor(user),
      `/en/organizations/${union.slug}/forum/${secret.slug}/new`,
      { title: 'Inside photo', body: 'Members only' },
      [{ filename: 'p.png', type: 'image/png', data: png }],
    );
    expect(response.statusCode).toBe(303);
    const attachment = await one<{ id: number }>(t.db, `SELECT id FROM forum_attachments ORDER BY id DESC LIMIT 1`);
    expect((await t.app.inject({ url: `/forum/images/${defined(attachment, 'attachment').id}` })).statusCode).toBe(404);
    expect((await (await clientFor(reader)).get(`/forum/images/${defined(attachment, 'attachment').id}`)).statusCode).toBe(200);
  });
});

describe('limits', () => {
  it('answers a flood of posts with a clear 429 and Retry-After', async () => {
    const user = await member();
    const client = await clientFor(user);
    const first = await client.post(newTopicUrl(), { title: 'Flood start', body: 'First post' });
    const topicId = topicIdOf(first.headers.location);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await client.post(`/en/forum/t/${topicId}/reply`, { body: `Reply ${i}` }, { from: `/en/forum/t/${topicId}` });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) {
        expect(r.headers['retry-after']).toBeDefined();
        expect(r.body).toContain('You are posting too fast');
      }
    }
    expect(statuses.slice(0, 7).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(7)).toEqual([429, 429]);
    const stored = await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM forum_posts WHERE topic_id = $1`, [topicId]);
    expect(defined(stored, 'stored').n).toBe(8);
  });
  it('limits a new account to 3 posts in 10 minutes and 2 links a post', async () => {
    const newcomer = await createUser(t.db, { name: 'New Person' });
    await grantRole(t.db, newcomer.id, union.id, 'member');
    const client = await clientFor(newcomer);
    const links = await client.post(newTopicUrl(), { title: 'Links', body: 'https://a.example https://b.example https://c.example' });
    expect(links.statusCode).toBe(422);
    expect(links.body).toContain('at most 2 links');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post(newTopicUrl(), { title: `Newcomer ${i}`, body: 'Hello all' })).statusCode);
    expect(statuses).toEqual([303, 303, 429, 429]);
  });
  it('lifts the new-account limits once the account is trusted', async () => {
    const trusted = await member('Trusted Person');
    const response = await (
      await clientFor(trusted)
    ).post(newTopicUrl(), { title: 'Many links', body: 'https://a.example https://b.example https://c.example' });
    expect(response.statusCode).toBe(303);
  });
});

describe('replies, quotes, edits, deletes, reactions, follows and mentions', () => {
  it('quotes a post into the reply form and links the reply to it', async () => {
    const author = await member('Quoted Author');
    const topicId = topicIdOf((await startTopic(author, { body: 'The line stops at 6.' })).headers.location);
    const replier = await clientFor(await member('Quoting Person'));
    const form = await replier.get(`/en/forum/t/${topicId}/reply?quote=1`);
    expect(form.body).toContain('> The line stops at 6.\n\n</textarea>');
    const response = await replier.post(`/en/forum/t/${topicId}/reply`, { body: '> The line stops at 6.\n\nNot on Fridays.', quote: '1' });
    expect(response.statusCode).toBe(303);
    const page = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(page.body).toContain('In reply to post 1');
  });
  it('re-renders an invalid reply on its own page with 422', async () => {
    const topicId = topicIdOf((await startTopic(await member())).headers.location);
    const response = await (await clientFor(reader)).post(`/en/forum/t/${topicId}/reply`, { body: '' }, { from: `/en/forum/t/${topicId}` });
    expect(response.statusCode).toBe(422);
  });
  it('lets the author edit (keeping the earlier text for moderators) and refuses others (404)', async () => {
    const author = await member();
    const topicId = topicIdOf((await startTopic(author, { body: 'First version' })).headers.location);
    const client = await clientFor(author);
    expect((await client.post(`/en/forum/t/${topicId}/1/edit`, { title: 'A fairer question', body: 'Second version' })).statusCode).toBe(
      303,
    );
    const page = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(page.body).toContain('Second version');
    expect(page.body).toContain('A fairer question');
    expect(page.body).toContain('edited');
    const revisions = await many<{ body_source: string; title: string }>(
      t.db,
      `SELECT r.body_source, r.title FROM forum_post_revisions r JOIN forum_posts p ON p.id = r.post_id WHERE p.topic_id = $1`,
      [topicId],
    );
    expect(revisions).toEqual([{ body_source: 'First version', title: 'A fair question' }]);
    expect((await (await clientFor(reader)).get(`/en/forum/t/${topicId}/1/edit`)).statusCode).toBe(404);
    expect((await (await clientFor(reader)).get(`/en/forum/t/${topicId}/1/history`)).statusCode).toBe(404);
    expect((await client.post(`/en/forum/t/${topicId}/1/edit`, { title: 'A fairer question', body: 'y'.repeat(10_001) })).statusCode).toBe(
      422,
    );
  });
  it('deletes a lone topic entirely, and a reply as a tombstone', async () => {
    const author = await member();
    const lone = topicIdOf((await startTopic(author)).headers.location);
    const client = await clientFor(author);
    expect((await client.get(`/en/forum/t/${lone}/1/delete`)).body).toContain('the whole topic is deleted');
    expect((await client.post(`/en/forum/t/${lone}/1/delete`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/en/forum/t/${lone}` })).statusCode).toBe(404);
    const topicId = topicIdOf((await startTopic(await member())).headers.location);
    await client.post(`/en/forum/t/${topicId}/reply`, { body: 'I will regret this' }, { from: `/en/forum/t/${topicId}` });
    expect((await client.post(`/en/forum/t/${topicId}/2/delete`, {})).statusCode).toBe(303);
    const page = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(page.body).not.toContain('I will regret this');
    expect(page.body).toContain('The author deleted this post.');
    expect(page.body).toContain('id="p2"');
  });
  it('toggles a reaction from the fixed set and refuses others (422→flash) and one’s own post (403)', async () => {
    const author = await member();
    const topicId = topicIdOf((await startTopic(author)).headers.location);
    const client = await clientFor(reader);
    expect(
      (await client.post(`/en/forum/t/${topicId}/1/react`, { reaction: 'thanks' }, { from: `/en/forum/t/${topicId}` })).statusCode,
    ).toBe(303);
    let counts = await one<{ reaction_counts: Record<string, number> }>(
      t.db,
      `SELECT reaction_counts FROM forum_posts WHERE topic_id = $1`,
      [topicId],
    );
    expect(defined(counts, 'counts').reaction_counts).toEqual({ thanks: 1 });
    await client.post(`/en/forum/t/${topicId}/1/react`, { reaction: 'thanks' }, { from: `/en/forum/t/${topicId}` });
    counts = await one(t.db, `SELECT reaction_counts FROM forum_posts WHERE topic_id = $1`, [topicId]);
    expect(defined(counts, 'counts').reaction_counts).toEqual({});
    await client.post(`/en/forum/t/${topicId}/1/react`, { reaction: 'rocket' }, { from: `/en/forum/t/${topicId}` });
    expect(defined(await one<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM forum_reactions`), 'the row').n).toBe(0);
    expect(
      (await (await clientFor(author)).post(`/en/forum/t/${topicId}/1/react`, { reaction: 'like' }, { from: `/en/forum/t/${topicId}` }))
        .statusCode,
    ).toBe(403);
  });
  it('notifies followers of a topic about replies, and mentioned readers', async () => {
    const author = await member('Topic Starter');
    const mentioned = await member('Hoang Van Nam');
    const topicId = topicIdOf((await startTopic(author)).headers.location);
    const replier = await member('Busy Replier');
    await (
      await clientFor(replier)
    ).post(`/en/forum/t/${topicId}/reply`, { body: 'Ask @Hoang_Van_Nam about it.' }, { from: `/en/forum/t/${topicId}` });
    const notes = await many<{ user_id: number; message_id: string; values: Record<string, unknown>; link: string }>(
      t.db,
      `SELECT user_id, message_id, values, link FROM notifications WHERE user_id = ANY($1) ORDER BY id`,
      [[author.id, mentioned.id]],
    );
    expect(notes).toEqual([
      {
        user_id: author.id,
        message_id: 'forum.notifications.reply',
        values: { author: 'Busy Replier', title: 'A fair question' },
        link: `/forum/t/${topicId}/2`,
      },
      {
        user_id: mentioned.id,
        message_id: 'forum.notifications.mention',
        values: { author: 'Busy Replier', title: 'A fair question' },
        link: `/forum/t/${topicId}/2`,
      },
    ]);
    const page = await t.app.inject({ url: `/en/forum/t/${topicId}` });
    expect(page.body).toContain('<span class="mention">@Hoang_Van_Nam</span>');
  });
  it('does not notify a mentioned person who cannot read the category', async () => {
    const secret = await createCategory(t.db, union.id, { slug: 'closed-room', visibility: 'officials' });
    const official = await member('Offi Cial');
    await grantRole(t.db, official.id, union.id, 'official');
    const outsider = await createUser(t.db, { name: 'Out Sider' });
    const response = await (
      await clientFor(official)
    ).post(`/en/organizations/${union.slug}/forum/${secret.slug}/new`, { title: 'Plan', body: 'Hello @Out_Sider' });
    expect(response.statusCode).toBe(303);
    expect(await many(t.db, `SELECT 1 FROM notifications WHERE user_id = $1`, [outsider.id])).toEqual([]);
  });
  it('follows and unfollows a topic and a category', async () => {
    const topicId = topicIdOf((await startTopic(await member())).headers.location);
    const client = await clientFor(reader);
    expect((await client.post(`/en/forum/t/${topicId}/follow`, { follow: '1' }, { from: `/en/forum/t/${topicId}` })).statusCode).toBe(303);
    expect(await many(t.db, `SELECT 1 FROM forum_follows WHERE user_id = $1 AND topic_id = $2`, [reader.id, topicId])).toHaveLength(1);
    await client.post(`/en/forum/t/${topicId}/follow`, { follow: '0' }, { from: `/en/forum/t/${topicId}` });
    expect(await many(t.db, `SELECT 1 FROM forum_follows WHERE user_id = $1 AND topic_id = $2`, [reader.id, topicId])).toHaveLength(0);
    const categoryPage = `/en/organizations/${union.slug}/forum/${category.slug}`;
    expect((await client.post(`${categoryPage}/follow`, { follow: '1' }, { from: categoryPage })).statusCode).toBe(303);
    expect(await many(t.db, `SELECT 1 FROM forum_follows WHERE user_id = $1 AND category_id = $2`, [reader.id, category.id])).toHaveLength(
      1,
    );
    expect((await t.app.inject({ method: 'POST', url: `/en/forum/t/${topicId}/follow` })).statusCode).toBeLessThan(500);
  });
});
