import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { defined } from '../../../test/support/defined.ts';
import { createOrganization, createUser, grantRole, signIn, TEST_PASSWORD, type TestUser } from '../../../test/support/factories.ts';
import {
  clientFrom,
  personProbe,
  signInTraces,
  snapshot,
  startLoggedApp,
  unkeyedDigests,
  written,
  type WrittenRow,
} from '../../../test/support/leak-probe.ts';
import type { JobQueue } from '../../core/jobs.ts';
import { one } from '../../../test/support/sql.ts';
import { NOTICE_COOKIE, readSeen, sealSeen } from './domain/anonymous-notices.ts';
import { ageAccount, createCategory, forumChangeFromElsewhere } from './factories.ts';

// Issue 10: the anonymous author learns that an official answered, or that a moderator acted on their post,
// and nothing in the database, its backups or the logs ties them to the post without ANONYMITY_KEY — not a row
// naming them written when they posted, when the official answered or the moderator acted, or when they read
// the notice (a row written at that moment would tie them to it by time).

let logLines: string[] = [];
const AUTHOR = { name: 'Nasrin Quiet-Author', email: 'nasrin.quiet@example.org', phone: '+989127654321' };
const AUTHOR_ADDRESS = '198.51.100.23';
const AUTHOR_BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile NoticeProbe/2.1';
const AUTHOR_ID = 70913;

let database: TestDatabase;
let app: FastifyInstance;
let jobs: JobQueue;
let author: TestUser;
let official: TestUser;
let moderator: TestUser;
let bystander: TestUser;
let authorBrowser: TestClient;
let questionId: number;
let namedTopicId: number;
let anonymousReplyNumber: number;
let answerNumber: number;
let identifiers: string[] = [];
const namesAuthor = personProbe(
  () => author.id,
  () => identifiers,
);

async function clientOf(user: TestUser, lang = 'en'): Promise<TestClient> {
  const client = new TestClient(app, { 'accept-language': lang });
  await signIn(database.pool, client, user.id);
  return client;
}

/** The section of the notifications page about anonymous posts, as text (empty when there is none). */
function anonymousSection(html: string): string {
  const section = /<section class="notification-section"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  return section
    .replace(/<\/?bdi>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The header badge's number beside "Notifications", or 0. */
function badgeOf(html: string): number {
  const badge = /<span class="nav-badge" aria-hidden="true">([^<]*)<\/span>/.exec(html)?.[1];
  return badge === undefined ? 0 : Number(badge.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))));
}

const leaksIn = (rows: WrittenRow[]) => rows.map(({ table, row }) => ({ table, why: namesAuthor(row) })).filter((l) => l.why !== null);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, jobs, lines: logLines } = await startLoggedApp(database));

  const union = await createOrganization(database.pool, { slug: 'notice-union' });
  official = await createUser(database.pool, { name: 'Omid Official' });
  moderator = await createUser(database.pool, { name: 'Mina Moderator' });
  bystander = await createUser(database.pool, { name: 'Bahram Bystander' });
  await database.pool.query(`ALTER TABLE users ALTER COLUMN id RESTART WITH ${AUTHOR_ID}`);
  author = await createUser(database.pool, AUTHOR);
  await ageAccount(database.pool, author.id);
  for (const u of [author, bystander]) await grantRole(database.pool, u.id, union.id, 'member');
  await grantRole(database.pool, official.id, union.id, 'official');
  await grantRole(database.pool, moderator.id, union.id, 'moderator');
  const category = await createCategory(database.pool, union.id, { slug: 'pay', visibility: 'members' });

  // The bystander starts a named topic, in which the author will reply anonymously.
  const bystanderClient = await clientOf(bystander);
  const named = await bystanderClient.post(`/en/organizations/${union.slug}/forum/${category.slug}/new`, {
    title: 'Night shift pay',
    body: 'Is the night bonus paid this month?',
  });
  namedTopicId = Number(defined(/\/forum\/t\/(\d+)/.exec(String(named.headers.location)), 'the topic')[1]);

  // The author signs in from their own address and browser, and posts anonymously: a question, and a reply.
  authorBrowser = clientFrom(app, AUTHOR_ADDRESS, { 'accept-language': 'en', 'user-agent': AUTHOR_BROWSER });
  const login = await authorBrowser.post('/en/login', { identifier: AUTHOR.email, password: TEST_PASSWORD });
  expect(login.statusCode).toBe(303);
  const question = await authorBrowser.post(`/en/organizations/${union.slug}/forum/${category.slug}/new`, {
    title: 'Unpaid overtime in hall 3',
    body: 'We worked 20 extra hours in November and nothing was paid.',
    anonymous: 'on',
  });
  expect(question.statusCode).toBe(303);
  questionId = Number(defined(/\/forum\/t\/(\d+)/.exec(String(question.headers.location)), 'the question')[1]);
  const reply = await authorBrowser.post(
    `/en/forum/t/${namedTopicId}/reply`,
    { body: 'Not paid here either.', anonymous: 'on' },
    { from: `/en/forum/t/${namedTopicId}` },
  );
  expect(reply.statusCode).toBe(303);
  anonymousReplyNumber = Number(defined(/#p(\d+)$/.exec(String(reply.headers.location)), 'the reply')[1]);

  identifiers = [
    AUTHOR.name,
    AUTHOR.email,
    AUTHOR.phone,
    AUTHOR_ADDRESS,
    AUTHOR_BROWSER,
    'NoticeProbe',
    ...(await signInTraces(database.pool, author.id)),
    ...unkeyedDigests([String(AUTHOR_ID), AUTHOR.email, AUTHOR.phone]),
  ];
});
afterAll(async () => {
  await jobs?.stop(5_000);
  await app?.close();
  await database?.drop();
});

describe('an official answers and a moderator acts: nothing written names the author', () => {
  let actingRows: WrittenRow[];
  let readingRows: WrittenRow[];
  let actingLog: string[];
  let readingLog: string[];
  let answerXmin: string;
  let hideXmin: string;
  let noticesPage: string;

  beforeAll(async () => {
    const before = await snapshot(database.pool, { withXmin: true });
    const logStart = logLines.length;
    // The official answers the question by name and marks the answer; a moderator hides the anonymous reply.
    const officialClient = await clientOf(official);
    const answer = await officialClient.post(
      `/en/forum/t/${questionId}/reply`,
      { body: 'Overtime is paid at 140 %: file a claim with the shop steward.' },
      { from: `/en/forum/t/${questionId}` },
    );
    answerNumber = Number(defined(/#p(\d+)$/.exec(String(answer.headers.location)), 'the answer')[1]);
    const marked = await officialClient.post(
      `/en/forum/t/${questionId}/${answerNumber}/answer`,
      { mark: '1' },
      { from: `/en/forum/t/${questionId}` },
    );
    expect(marked.statusCode).toBe(303);
    const moderatorClient = await clientOf(moderator);
    const hidden = await moderatorClient.post(`/en/forum/t/${namedTopicId}/${anonymousReplyNumber}/moderate/hide`, {
      reason: 'Names a supervisor in full',
    });
    expect(hidden.statusCode).toBe(303);
    const afterActing = await snapshot(database.pool, { withXmin: true });
    actingLog = logLines.slice(logStart);
    actingRows = written(before, afterActing);
    answerXmin = String(
      defined(
        actingRows.find((w) => w.table === 'public.audit_log' && w.row.action === 'forum.answer.mark'),
        'the answer audit entry',
      ).row.xmin,
    );
    hideXmin = String(
      defined(
        actingRows.find((w) => w.table === 'public.audit_log' && w.row.action === 'forum.post.hide'),
        'the hide audit entry',
      ).row.xmin,
    );

    // The author reads the notices, follows one to the answer, and reads the list again.
    const readStart = logLines.length;
    noticesPage = (await authorBrowser.get('/en/notifications')).body;
    const followed = await authorBrowser.get(`/en/forum/t/${questionId}/${answerNumber}`);
    await authorBrowser.get(String(followed.headers.location));
    await authorBrowser.get('/en/notifications');
    readingLog = logLines.slice(readStart);
    readingRows = written(afterActing, await snapshot(database.pool, { withXmin: true }));
  });

  it('tells the author, in their notifications, about the answer and the hidden post', () => {
    const section = anonymousSection(noticesPage);
    expect(section).toContain('About your anonymous posts');
    expect(section).toContain('An official answered “Unpaid overtime in hall 3”, where you posted anonymously');
    expect(section).toContain('A moderator hid your anonymous post in “Night shift pay”');
    expect(noticesPage).toContain(`href="/en/forum/t/${questionId}/${answerNumber}"`);
  });

  it('writes no row that names the author while answering and moderating, in any table of any schema', () => {
    // Not vacuous: the answer, its mark, the audit entries and the followers' notifications were written.
    expect(actingRows.map((w) => w.table)).toEqual(
      expect.arrayContaining(['public.forum_posts', 'public.audit_log', 'public.forum_topics']),
    );
    expect(leaksIn(actingRows)).toEqual([]);
    // In particular nothing in the answer's or the hiding's own transaction mentions them.
    const sameTransaction = actingRows.filter((w) => w.row.xmin === answerXmin || w.row.xmin === hideXmin);
    expect(sameTransaction.length).toBeGreaterThan(1);
    expect(leaksIn(sameTransaction)).toEqual([]);
    expect(sameTransaction.filter((w) => w.table === 'public.notifications' && w.row.user_id === author.id)).toEqual([]);
  });

  it('writes nothing at all while the author reads the notices and follows one', () => {
    expect(readingRows).toEqual([]);
  });

  it('logs nothing that names the author, and no URL that says a notice was opened', () => {
    const lines = [...actingLog, ...readingLog];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((line) => ({ line: line.slice(0, 300), why: namesAuthor(JSON.parse(line)) })).filter((l) => l.why !== null)).toEqual(
      [],
    );
    // The author followed the notice to the answer's permalink, the URL every follower's notification leads to.
    const urls = readingLog.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url).filter(Boolean);
    expect(urls).toEqual(expect.arrayContaining([`/en/forum/t/${questionId}/${answerNumber}`]));
    expect(urls.every((url) => url === '/en/notifications' || url?.startsWith(`/en/forum/t/${questionId}`))).toBe(true);
  });

  it('keeps what the author has seen only on their device, sealed with a key derived from ANONYMITY_KEY', () => {
    const cookie = defined(authorBrowser.cookies.get(NOTICE_COOKIE), 'the notices cookie');
    const bytes = Buffer.from(cookie, 'base64url').toString('latin1');
    expect(bytes).not.toContain(String(author.id));
    expect(bytes).not.toContain('"u"');
    expect(readSeen('another key, not the one it was sealed with', cookie, author.id)).toEqual({ upTo: 0, seen: [] });
    expect(readSeen(app.uh.config.anonymityKey, cookie, author.id).seen.length).toBe(1);
    // Another person's browser state does not count as theirs.
    expect(readSeen(app.uh.config.anonymityKey, cookie, bystander.id)).toEqual({ upTo: 0, seen: [] });
  });
});

describe('who sees the notices, and when they are read', () => {
  it('marks the followed notice read on that device, and keeps the other unread', async () => {
    const page = await authorBrowser.get('/en/notifications');
    expect(badgeOf(page.body)).toBe(1);
    expect(page.body).toMatch(/notification--unread[^]*?A moderator hid your anonymous post/);
    expect(page.body).not.toMatch(/notification--unread"><a class="notification__link" href="[^"]*">An official answered/);
  });

  it('shows the notices, unread, on the author’s other devices (read state is per device)', async () => {
    const phone = await clientOf(author, 'fa');
    const page = await phone.get('/fa/notifications');
    const section = anonymousSection(page.body);
    expect(section).toContain('دربارهٔ پست‌های ناشناس شما');
    expect(section).toContain('یک مسئول به «Unpaid overtime in hall 3» پاسخ رسمی داد');
    expect(section).toContain('یک ناظر پست ناشناس شما را در «Night shift pay» پنهان کرد');
    expect(badgeOf(page.body)).toBe(2);
    // Opening the topic from anywhere marks its notices seen on this device.
    await phone.get(`/fa/forum/t/${questionId}`);
    expect(badgeOf((await phone.get('/fa/notifications')).body)).toBe(1);
  });

  it('clears every notice with "mark all as read"', async () => {
    const laptop = await clientOf(author, 'vi');
    expect(anonymousSection((await laptop.get('/vi/notifications')).body)).toContain('Về các bài ẩn danh của bạn');
    const marked = await laptop.post('/vi/notifications');
    expect(marked.statusCode).toBe(303);
    const page = await laptop.get('/vi/notifications');
    expect(badgeOf(page.body)).toBe(0);
    expect(page.body).not.toContain('notification--unread');
    expect(anonymousSection(page.body)).toContain('Một cán bộ đã trả lời chính thức trong “Unpaid overtime in hall 3”');
  });

  it('shows nothing to anyone else: the bystander, the official, the moderator', async () => {
    for (const user of [bystander, official, moderator]) {
      const page = await (await clientOf(user)).get('/en/notifications');
      expect(anonymousSection(page.body)).toBe('');
      expect(page.body).not.toContain('About your anonymous posts');
    }
  });

  it('ignores a notices cookie sealed for someone else in the same browser', async () => {
    const shared = await clientOf(bystander);
    shared.cookies.set(NOTICE_COOKIE, sealSeen(app.uh.config.anonymityKey, bystander.id, { upTo: 1_000_000, seen: [] }));
    await signIn(database.pool, shared, author.id);
    expect(badgeOf((await shared.get('/en/notifications')).body)).toBe(2);
  });

  it('drops the answer notice when the official takes the mark back', async () => {
    const officialClient = await clientOf(official);
    await officialClient.post(`/en/forum/t/${questionId}/${answerNumber}/answer`, { mark: '0' }, { from: `/en/forum/t/${questionId}` });
    const page = await (await clientOf(author)).get('/en/notifications');
    expect(anonymousSection(page.body)).not.toContain('An official answered');
    expect(anonymousSection(page.body)).toContain('A moderator hid your anonymous post');
  });

  it('tells the author when the moderator restores the post', async () => {
    const moderatorClient = await clientOf(moderator);
    const restored = await moderatorClient.post(`/en/forum/t/${namedTopicId}/${anonymousReplyNumber}/moderate/restore`, {
      reason: 'The name was a common one',
    });
    expect(restored.statusCode).toBe(303);
    const section = anonymousSection((await (await clientOf(author)).get('/en/notifications')).body);
    expect(section).toContain('A moderator restored your anonymous post in “Night shift pay”');
    // Only the newest act on a post is shown.
    expect(section).not.toContain('A moderator hid your anonymous post');
  });

  it('tells the author when a moderator closes the topic they started', async () => {
    const moderatorClient = await clientOf(moderator);
    const closed = await moderatorClient.post(
      `/en/forum/t/${questionId}/moderate/close`,
      { reason: 'Answered by the union office' },
      { from: `/en/forum/t/${questionId}/moderate` },
    );
    expect(closed.statusCode).toBe(303);
    const section = anonymousSection((await (await clientOf(author)).get('/en/notifications')).body);
    expect(section).toContain('A moderator closed “Unpaid overtime in hall 3”, the topic you started anonymously');
  });

  it('hears of an answer marked in another app process once that process announces its change', async () => {
    const reader = await clientOf(author);
    const before = anonymousSection((await reader.get('/en/notifications')).body);
    expect(before).not.toContain('An official answered');
    // Another process marks the answer again: its transaction, then its announcement through LISTEN/NOTIFY.
    const answer = defined(
      await one<{ id: number }>(database.pool, `SELECT id FROM forum_posts WHERE topic_id = $1 AND post_number = $2`, [
        questionId,
        answerNumber,
      ]),
      'the answer',
    );
    await database.pool.query(`UPDATE forum_topics SET answer_post_id = $1, status = 'answered' WHERE id = $2`, [answer.id, questionId]);
    await database.pool.query(
      `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details) VALUES ($1, 'forum.answer.mark', 'forum_post', $2, $3)`,
      [official.id, String(answer.id), JSON.stringify({ topicId: questionId, postNumber: answerNumber })],
    );
    // Until it is heard (or a minute has passed), this process shows what it had worked out.
    expect(anonymousSection((await reader.get('/en/notifications')).body)).not.toContain('An official answered');
    await forumChangeFromElsewhere(app.uh.live, { added: false });
    expect(anonymousSection((await reader.get('/en/notifications')).body)).toContain('An official answered “Unpaid overtime in hall 3”');
  });
});
