import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import {
  createOrganization,
  createUser,
  grantRole,
  signIn,
  type TestOrganization,
  type TestUser,
} from '../../../test/support/factories.ts';
import { buildApp } from '../../app.ts';
import { many, one } from '../../../test/support/sql.ts';
import type { FastifyInstance } from 'fastify';
import { anonymousTag, sealAuthor, unsealAuthor } from './domain/anonymity.ts';
import { presentPost, type PostRow } from './presenters.ts';
import { ageAccount, createCategory } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

// Every line the app logs (at trace level), to prove no log line names an anonymous author.
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});

let database: TestDatabase;
let app: FastifyInstance;
let anonymityKey: string;
let union: TestOrganization;
let author: TestUser;
let reader: TestUser;
let moderator: TestUser;
let orgAdmin: TestUser;
let platformAdmin: TestUser;
let mentioned: TestUser;
let category: { id: number; slug: string };
let topicId: number;

// The secret author: a name and email that must never appear anywhere but in their own session.
const AUTHOR_NAME = 'Parisa Hidden-Author';

async function clientFor(user: TestUser, lang = 'en'): Promise<TestClient> {
  const client = new TestClient(app, { 'accept-language': lang });
  await signIn(database.pool, client, user.id);
  return client;
}

function expectNoAuthor(text: string) {
  expect(text).not.toContain(AUTHOR_NAME);
  expect(text).not.toContain(author.email);
  expect(text).not.toContain('Hidden-Author');
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig();
  anonymityKey = config.anonymityKey;
  app = await buildApp({ config, db: database.pool, connectionString: database.url, logger: { level: 'trace', stream: logStream } });
  await app.ready();
  union = await createOrganization(database.pool, { slug: 'anon-union' });
  author = await createUser(database.pool, { name: AUTHOR_NAME });
  reader = await createUser(database.pool, { name: 'Reza Reader' });
  moderator = await createUser(database.pool, { name: 'Mina Moderator' });
  orgAdmin = await createUser(database.pool, { name: 'Omid OrgAdmin' });
  platformAdmin = await createUser(database.pool, { name: 'Pat Platform', isPlatformAdmin: true });
  mentioned = await createUser(database.pool, { name: 'Vu Thi Mai' });
  for (const u of [author, reader, moderator, orgAdmin, platformAdmin, mentioned]) await ageAccount(database.pool, u.id);
  for (const u of [author, reader, mentioned]) await grantRole(database.pool, u.id, union.id, 'member');
  await grantRole(database.pool, moderator.id, union.id, 'moderator');
  await grantRole(database.pool, orgAdmin.id, union.id, 'admin');
  category = await createCategory(database.pool, union.id, { slug: 'welfare', visibility: 'members' });
  // The reader follows the category, so new topics notify them.
  await (
    await clientFor(reader)
  ).post(
    `/en/organizations/${union.slug}/forum/${category.slug}/follow`,
    { follow: '1' },
    { from: `/en/organizations/${union.slug}/forum/${category.slug}` },
  );

  const client = await clientFor(author);
  const response = await client.post(`/en/organizations/${union.slug}/forum/${category.slug}/new`, {
    title: 'Unpaid wages for three months',
    body: 'We have not been paid since spring. @Vu_Thi_Mai do you know who to ask?',
    anonymous: 'on',
  });
  expect(response.statusCode).toBe(303);
  topicId = Number(defined(/\/forum\/t\/(\d+)/.exec(String(response.headers.location)), 'the match')[1]);
  // A named reply by someone else, then a second anonymous reply by the same author: same pseudonym.
  await (
    await clientFor(reader)
  ).post(`/en/forum/t/${topicId}/reply`, { body: 'Same in our workshop.', anonymous: 'on' }, { from: `/en/forum/t/${topicId}` });
  await client.post(
    `/en/forum/t/${topicId}/reply`,
    { body: 'Thank you all for answering.', anonymous: 'on' },
    { from: `/en/forum/t/${topicId}` },
  );
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('anonymous posting: what is stored', () => {
  it('stores no author id, only a seal that opens with the key and a keyed tag', async () => {
    const posts = await many<{ author_id: number | null; anonymous_seal: Buffer; anonymous_tag: Buffer; pseudonym_number: number }>(
      database.pool,
      `SELECT author_id, anonymous_seal, anonymous_tag, pseudonym_number FROM forum_posts WHERE topic_id = $1 ORDER BY post_number`,
      [topicId],
    );
    expect(posts.map((p) => p.author_id)).toEqual([null, null, null]);
    expect(posts.map((p) => p.pseudonym_number)).toEqual([1, 2, 1]);
    expect(unsealAuthor(anonymityKey, defined(posts[0], 'posts[0]').anonymous_seal)).toBe(author.id);
    expect(unsealAuthor('another-key-that-is-long-enough-0123456789', defined(posts[0], 'posts[0]').anonymous_seal)).toBeNull();
    // A random IV: two seals of the same author differ, so seals cannot be matched to each other.
    expect(defined(posts[0], 'posts[0]').anonymous_seal.equals(defined(posts[2], 'posts[2]').anonymous_seal)).toBe(false);
    // The ciphertext is not the id in clear.
    expect(
      defined(posts[0], 'posts[0]')
        .anonymous_seal.subarray(28)
        .equals(Buffer.from(String(author.id))),
    ).toBe(false);
    expect(defined(posts[0], 'posts[0]').anonymous_tag.equals(anonymousTag(anonymityKey, topicId, author.id))).toBe(true);
    const topic = await one<{ author_id: number | null; is_anonymous: boolean }>(
      database.pool,
      `SELECT author_id, is_anonymous FROM forum_topics WHERE id = $1`,
      [topicId],
    );
    expect(topic).toEqual({ author_id: null, is_anonymous: true });
  });
  it('does not make the anonymous author follow the topic (a follow row would link them to it)', async () => {
    const follows = await many(database.pool, `SELECT 1 FROM forum_follows WHERE user_id = $1`, [author.id]);
    expect(follows).toEqual([]);
  });
  it('writes no audit entry and no notification that names the author', async () => {
    const audit = await many<{ actor_id: number | null; details: unknown }>(database.pool, `SELECT actor_id, details FROM audit_log`);
    expect(audit.filter((a) => a.actor_id === author.id)).toEqual([]);
    expectNoAuthor(JSON.stringify(audit));
    const notes = await many<{ user_id: number; message_id: string; values: Record<string, unknown> }>(
      database.pool,
      `SELECT user_id, message_id, values FROM notifications`,
    );
    expectNoAuthor(JSON.stringify(notes));
    expect(notes.some((n) => n.user_id === author.id)).toBe(false);
    expect(notes).toContainEqual(
      expect.objectContaining({
        user_id: reader.id,
        message_id: 'forum.notifications.newTopicAnonymous',
        values: { number: 1, title: 'Unpaid wages for three months' },
      }),
    );
    expect(notes).toContainEqual(expect.objectContaining({ user_id: mentioned.id, message_id: 'forum.notifications.mentionAnonymous' }));
  });
  it('a sealed author id cannot be forged into another user by changing the ciphertext', () => {
    const seal = sealAuthor(anonymityKey, 42);
    seal[seal.length - 1] = defined(seal[seal.length - 1], 'the last byte') ^ 1;
    expect(unsealAuthor(anonymityKey, seal)).toBeNull();
  });
});

describe('anonymous posting: what everyone sees', () => {
  it('shows moderators, organization admins and platform admins only the pseudonym, in every language', async () => {
    for (const viewer of [moderator, orgAdmin, platformAdmin, reader]) {
      for (const lang of ['en', 'fa', 'vi']) {
        const page = await (await clientFor(viewer, lang)).get(`/${lang}/forum/t/${topicId}`);
        expect(page.statusCode).toBe(200);
        expectNoAuthor(page.body);
      }
    }
    const fa = await (await clientFor(moderator, 'fa')).get(`/fa/forum/t/${topicId}`);
    expect(fa.body).toContain('کارگر ۱');
    expect(fa.body).toContain('کارگر ۲');
    const vi = await (await clientFor(moderator, 'vi')).get(`/vi/forum/t/${topicId}`);
    expect(vi.body).toContain('Công nhân 1');
  });
  it('shows the pseudonym in the category list and the latest list', async () => {
    const list = await (await clientFor(moderator)).get(`/en/organizations/${union.slug}/forum/${category.slug}`);
    expect(list.body).toContain('Worker 1');
    expectNoAuthor(list.body);
    const latest = await (await clientFor(platformAdmin)).get('/en/forum');
    expect(latest.body).toContain('Unpaid wages');
    expectNoAuthor(latest.body);
  });
  it('lets only the author edit and delete, recognized by the keyed tag', async () => {
    const own = await (await clientFor(author)).get(`/en/forum/t/${topicId}`);
    expect(own.body).toContain(`/en/forum/t/${topicId}/1/edit`);
    expect(own.body).toContain(`/en/forum/t/${topicId}/3/delete`);
    expect(own.body).not.toContain(`/en/forum/t/${topicId}/2/edit`);
    const other = await (await clientFor(moderator)).get(`/en/forum/t/${topicId}`);
    expect(other.body).not.toContain(`/forum/t/${topicId}/1/edit`);
    expect((await (await clientFor(moderator)).get(`/en/forum/t/${topicId}/1/edit`)).statusCode).toBe(404);
  });
  it('keeps an edit anonymous: the revision has no editor, and moderators see the history without a name', async () => {
    const client = await clientFor(author);
    const edited = await client.post(`/en/forum/t/${topicId}/1/edit`, {
      title: 'Unpaid wages for three months',
      body: 'We have not been paid since March.',
    });
    expect(edited.statusCode).toBe(303);
    const revision = await one<{ editor_id: number | null }>(
      database.pool,
      `SELECT r.editor_id FROM forum_post_revisions r JOIN forum_posts p ON p.id = r.post_id WHERE p.topic_id = $1`,
      [topicId],
    );
    expect(defined(revision, 'revision').editor_id).toBeNull();
    const history = await (await clientFor(moderator)).get(`/en/forum/t/${topicId}/1/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('since spring');
    expectNoAuthor(history.body);
  });
  it('shows the moderation queue only the pseudonym of a flagged anonymous post', async () => {
    await (await clientFor(reader)).post(`/en/forum/t/${topicId}/3/flag`, { reason: 'other', note: 'Please check' });
    const queue = await (await clientFor(moderator)).get(`/en/organizations/${union.slug}/forum/moderation`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Worker 1');
    expectNoAuthor(queue.body);
    const moderate = await (await clientFor(moderator)).get(`/en/forum/t/${topicId}/3/moderate`);
    expectNoAuthor(moderate.body);
    // There is no author id to suspend.
    expect(moderate.body).not.toContain('suspend-author');
    const attempt = await (
      await clientFor(moderator)
    ).post(`/en/forum/t/${topicId}/3/suspend-author`, { days: '3', reason: 'Testing' }, { from: `/en/forum/t/${topicId}/3/moderate` });
    expect(attempt.statusCode).toBe(404);
  });
  it('never serializes an author into a post view (what JSON and feeds are built from)', async () => {
    const rows = await many<PostRow>(
      database.pool,
      `SELECT p.id, p.topic_id AS "topicId", p.post_number AS "postNumber", p.author_id AS "authorId", NULL::text AS "authorName", p.pseudonym_number AS "pseudonymNumber", p.body_html AS "bodyHtml", NULL::int AS "quotedPostNumber",
              p.is_official_answer AS "isOfficialAnswer", p.is_hidden AS "isHidden", p.reaction_counts AS "reactionCounts", p.edited_at AS "editedAt", p.deleted_at AS "deletedAt", p.created_at AS "createdAt", false AS "isMine", NULL::text[] AS "myReactions",
              NULL::bigint[] AS "attachmentIds", p.revision_count AS "revisionCount"
       FROM forum_posts p WHERE p.topic_id = $1`,
      [topicId],
    );
    const json = JSON.stringify(rows.map((r) => presentPost(r, { canModerate: true })));
    expectNoAuthor(json);
    for (const view of JSON.parse(json) as Array<{ author: Record<string, unknown> }>)
      expect(Object.keys(view.author).sort()).toEqual(['kind', 'pseudonymNumber']);
    expect(json).not.toContain('seal');
    expect(json).not.toContain('tag');
  });
});

describe('revealing an anonymous author', () => {
  it('answers 404 to everyone but a platform administrator, organization admins included', async () => {
    for (const viewer of [moderator, orgAdmin, reader, author]) {
      expect((await (await clientFor(viewer)).get(`/en/forum/t/${topicId}/1/reveal`)).statusCode).toBe(404);
    }
    const page = await (await clientFor(platformAdmin)).get(`/en/forum/t/${topicId}/1/reveal`);
    expect(page.statusCode).toBe(200);
  });
  it('requires a reason of some length', async () => {
    const response = await (await clientFor(platformAdmin)).post(`/en/forum/t/${topicId}/1/reveal`, { reason: 'why' });
    expect(response.statusCode).toBe(422);
    expectNoAuthor(response.body);
  });
  it('reveals once, audits the reason without the identity, and tells the author', async () => {
    const reason = 'Court order 2026/118 about threats in this topic';
    const response = await (await clientFor(platformAdmin)).post(`/en/forum/t/${topicId}/1/reveal`, { reason });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(AUTHOR_NAME);
    expect(response.headers['cache-control']).toBe('no-store');
    const audit = await one<{ actor_id: number; action: string; subject_id: string; details: Record<string, unknown> }>(
      database.pool,
      `SELECT actor_id, action, subject_id, details FROM audit_log WHERE action = 'forum.post.reveal'`,
    );
    expect(defined(audit, 'audit').actor_id).toBe(platformAdmin.id);
    expect(defined(audit, 'audit').details.reason).toBe(reason);
    expectNoAuthor(JSON.stringify(audit));
    expect(Object.keys(defined(audit, 'audit').details).sort()).toEqual(['postNumber', 'reason', 'topicId']);
    const told = await many(database.pool, `SELECT message_id FROM notifications WHERE user_id = $1`, [author.id]);
    expect(told).toEqual([{ message_id: 'forum.notifications.revealed' }]);
  });
});

describe('deleting an anonymous post', () => {
  it('lets the author delete it, erasing the seal', async () => {
    const response = await (await clientFor(author)).post(`/en/forum/t/${topicId}/3/delete`, {});
    expect(response.statusCode).toBe(303);
    const post = await one<{ anonymous_seal: Buffer | null; body_source: string; deleted_at: Date | null }>(
      database.pool,
      `SELECT anonymous_seal, body_source, deleted_at FROM forum_posts WHERE topic_id = $1 AND post_number = 3`,
      [topicId],
    );
    expect(post).toMatchObject({ anonymous_seal: null, body_source: '' });
    expect(defined(post, 'post').deleted_at).not.toBeNull();
  });
  it('refuses others (404, as if there were nothing to delete)', async () => {
    expect(
      (await (await clientFor(moderator)).post(`/en/forum/t/${topicId}/1/delete`, {}, { from: `/en/forum/t/${topicId}` })).statusCode,
    ).toBe(404);
  });
});

describe('logs', () => {
  it('never name the anonymous author, even at trace level', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expectNoAuthor(logLines.join('\n'));
  });
});
