import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import { createUser, signIn, type TestUser } from '../../../test/support/factories.ts';
import { notify, notifyMany } from './index.ts';
import { createDigestSettings, testKind } from './factories.ts';
import { modules } from '../registry.ts';
import { PAGE_SIZE } from './loaders.ts';
import { defined } from '../../../test/support/defined.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function signedIn(user: TestUser, headers: Record<string, string> = {}): Promise<TestClient> {
  const client = new TestClient(t.app, headers);
  await signIn(t.db, client, user.id);
  return client;
}

async function notificationIds(userId: number): Promise<number[]> {
  const result = await t.db.query<{ id: number }>(`SELECT id FROM notifications WHERE user_id = $1 ORDER BY id`, [userId]);
  return result.rows.map((r) => r.id);
}

async function readAt(id: number): Promise<Date | null> {
  const result = await t.db.query<{ read_at: Date | null }>(`SELECT read_at FROM notifications WHERE id = $1`, [id]);
  return defined(result.rows[0], 'result.rows[0]').read_at;
}

const replied = (userId: number, author: string, title: string, link = '/forum/topics/1') => ({
  userId,
  kind: testKind('forum.reply'),
  messageId: 'notifications.messages.replied',
  values: { author, title },
  link,
});

describe('GET /:lang/notifications', () => {
  it('sends a visitor to log in, then back', async () => {
    const response = await t.app.inject({ url: '/vi/notifications' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/vi/login?next=%2Fvi%2Fnotifications');
  });

  it('lists only the viewer’s notifications, newest first, unread ones marked', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    await notify(t.db, replied(me.id, 'Worker 3', 'Night shift pay'));
    await notify(t.db, replied(me.id, 'Lan', 'Safety boots'));
    await notify(t.db, replied(other.id, 'Someone', 'Not for you'));
    const [olderId] = await notificationIds(me.id);
    await t.db.query(`UPDATE notifications SET created_at = now() - interval '1 hour', read_at = now() WHERE id = $1`, [olderId]);

    const response = await (await signedIn(me)).get('/en/notifications');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<bdi>Lan</bdi> replied in “<bdi>Safety boots</bdi>”');
    expect(body).toContain('<bdi>Worker 3</bdi> replied in “<bdi>Night shift pay</bdi>”');
    expect(body.indexOf('Safety boots')).toBeLessThan(body.indexOf('Night shift pay'));
    expect(body).not.toContain('Not for you');
    expect(body.match(/notification--unread/g)).toHaveLength(1);
    expect(body).toContain('1 unread');
  });

  it('renders the text in the reader’s language at read time', async () => {
    const me = await createUser(t.db, { locale: 'fa' });
    await notify(t.db, replied(me.id, 'کارگر ۳', 'دستمزد شب‌کاری'));
    const response = await (await signedIn(me)).get('/fa/notifications');
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
    expect(response.body).toContain('<bdi>کارگر ۳</bdi> در «<bdi>دستمزد شب‌کاری</bdi>» پاسخ داد');
    const vietnamese = await (await signedIn(me)).get('/vi/notifications');
    expect(vietnamese.body).toContain('<bdi>کارگر ۳</bdi> đã trả lời trong “<bdi>دستمزد شب‌کاری</bdi>”');
  });

  it('escapes markup in values and keeps user text in its own direction', async () => {
    const me = await createUser(t.db);
    await notify(t.db, replied(me.id, '<script>alert(1)</script>', '<img src=x onerror=alert(1)>'));
    const body = (await (await signedIn(me)).get('/en/notifications')).body;
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(body).toContain('<bdi>&lt;script>alert(1)&lt;/script></bdi> replied in');
  });

  it('shows a generic line for a message id that no longer exists, or whose values do not fit', async () => {
    const me = await createUser(t.db);
    await notifyMany(t.db, [
      { userId: me.id, kind: testKind('gone'), messageId: 'removed.module.message', link: '/' },
      { userId: me.id, kind: testKind('broken'), messageId: 'notifications.messages.replied', values: { wrong: 'x' }, link: '/' },
    ]);
    const response = await (await signedIn(me)).get('/en/notifications');
    expect(response.statusCode).toBe(200);
    expect(response.body.match(/You have a new notification\./g)).toHaveLength(2);
    expect(response.body).not.toContain('removed.module.message');
  });

  it('pages with a keyset cursor: no overlap, nothing skipped', async () => {
    const me = await createUser(t.db);
    const total = PAGE_SIZE + 5;
    await notifyMany(
      t.db,
      Array.from({ length: total }, (_, i) => replied(me.id, `Author ${i}`, `Topic ${String(i).padStart(3, '0')}`)),
    );
    // All in one insert share created_at: the id breaks the tie.
    const client = await signedIn(me);
    const first = await client.get('/en/notifications');
    const topics = (html: string) => [...html.matchAll(/Topic (\d{3})/g)].map((m) => Number(m[1]));
    const firstTopics = topics(first.body);
    expect(firstTopics).toHaveLength(PAGE_SIZE);
    expect(firstTopics[0]).toBe(total - 1);
    const older = /href="(\/en\/notifications\?before=\d+)" rel="next"/.exec(first.body)?.[1];
    expect(older).toBeDefined();
    const second = await client.get(defined(older, 'older'));
    const secondTopics = topics(second.body);
    expect(secondTopics).toEqual([4, 3, 2, 1, 0]);
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('href="/en/notifications"');
  });

  it('answers a malformed cursor with 400, and another person’s cursor with an empty page', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    await notify(t.db, replied(other.id, 'X', 'Theirs'));
    await notify(t.db, replied(me.id, 'Y', 'Mine'));
    const client = await signedIn(me);
    for (const bad of ['abc', '-1', '0', '1e3', '99999999999999999999', '<script>']) {
      const response = await client.get(`/en/notifications?before=${encodeURIComponent(bad)}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.body).toContain('This page of notifications does not exist.');
    }
    const [theirs] = await notificationIds(other.id);
    const foreign = await client.get(`/en/notifications?before=${theirs}`);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.body).not.toContain('Theirs');
    expect(foreign.body).not.toContain('Mine');
  });
});

describe('GET /:lang/notifications/:id (open one)', () => {
  it('marks it read and redirects to its link in the page’s language', async () => {
    const me = await createUser(t.db);
    await notify(t.db, replied(me.id, 'A', 'B', '/forum/topics/12?page=2#post-31'));
    const [id] = await notificationIds(me.id);
    const response = await (await signedIn(me)).get(`/vi/notifications/${id}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/vi/forum/topics/12?page=2#post-31');
    expect(await readAt(defined(id, 'id'))).not.toBeNull();
  });

  it('answers 404 for another person’s notification and leaves it unread', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    await notify(t.db, replied(other.id, 'A', 'B'));
    const [theirs] = await notificationIds(other.id);
    const response = await (await signedIn(me)).get(`/en/notifications/${theirs}`);
    expect(response.statusCode).toBe(404);
    expect(await readAt(defined(theirs, 'theirs'))).toBeNull();
  });

  it('answers 404 for ids that do not exist or are not ids', async () => {
    const me = await createUser(t.db);
    const client = await signedIn(me);
    for (const bad of ['999999999', 'abc', '-5', '1.5', '9999999999999999999999', '%3Cscript%3E']) {
      expect((await client.get(`/en/notifications/${bad}`)).statusCode, bad).toBe(404);
    }
  });

  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: '/en/notifications/1' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/en\/login\?next=/);
  });
});

describe('POST /:lang/notifications (mark all read)', () => {
  it('marks all of the viewer’s notifications read, and nobody else’s', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    await notifyMany(t.db, [replied(me.id, 'A', 'One'), replied(me.id, 'B', 'Two'), replied(other.id, 'C', 'Three')]);
    const client = await signedIn(me);
    const response = await client.post('/en/notifications');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/notifications');
    const after = await client.get('/en/notifications');
    expect(after.body).toContain('All notifications are marked as read.');
    expect(after.body).not.toContain('notification--unread');
    const unread = await t.db.query(`SELECT user_id FROM notifications WHERE read_at IS NULL AND user_id IN ($1, $2)`, [me.id, other.id]);
    expect(unread.rows).toEqual([{ user_id: other.id }]);
  });

  it('refuses a post without a CSRF token', async () => {
    const me = await createUser(t.db);
    await notify(t.db, replied(me.id, 'A', 'One'));
    const response = await (await signedIn(me)).post('/en/notifications', {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    const [id] = await notificationIds(me.id);
    expect(await readAt(defined(id, 'id'))).toBeNull();
  });

  it('answers a visitor 401 (with a valid CSRF token) and changes nothing', async () => {
    const visitor = new TestClient(t.app);
    const response = await visitor.post('/en/notifications', {}, { from: '/en/login' });
    expect(response.statusCode).toBe(401);
  });
});

describe('/:lang/notifications/settings', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: '/fa/notifications/settings' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/fa/login?next=%2Ffa%2Fnotifications%2Fsettings');
  });

  /** The whole form: every declared kind set to `choice`, with overrides. */
  const allKinds = modules.flatMap((m) => m.notificationKinds ?? []);
  const form = (choice: string, overrides: Record<string, string> = {}) => ({
    ...Object.fromEntries(allKinds.map((kind) => [kind.name, choice])),
    ...overrides,
  });
  const storedChoices = async (userId: number) =>
    Object.fromEntries(
      (
        await t.db.query<{ kind: string; email: string }>(`SELECT kind, email FROM notification_preferences WHERE user_id = $1`, [userId])
      ).rows.map((r) => [r.kind, r.email]),
    );

  it('shows one choice per declared kind, each module’s default until the person chooses', async () => {
    const me = await createUser(t.db, { email: 'kinds@example.org' });
    const page = await (await signedIn(me)).get('/fa/notifications/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ایمیل‌ها به \u2068kinds@example.org\u2069 فرستاده می‌شوند.');
    for (const kind of allKinds) expect(page.body).toContain(`name="${kind.name}"`);
    expect(page.body).toContain('گزارشی که بررسی می‌کنم ثبت یا دوباره ثبت شد');
    expect(page.body).toMatch(/name="programs.report_filed" required><option value="immediate" selected>فوراً ایمیل شود/);
    expect(page.body).toMatch(/name="forum.reply" required>.*?<option value="off" selected>/);
  });

  it('stores a choice per kind, and shows it back', async () => {
    const me = await createUser(t.db, { email: 'choices@example.org' });
    const client = await signedIn(me);
    const saved = await client.post(
      '/en/notifications/settings',
      form('digest', { 'programs.report_filed': 'immediate', 'forum.reply': 'off' }),
    );
    expect(saved.statusCode).toBe(303);
    const page = await client.get('/en/notifications/settings');
    expect(page.body).toContain('Your email settings are saved.');
    expect(page.body).toMatch(/name="meetings.task" required><option value="immediate">[^<]*<\/option><option value="digest" selected>/);
    const stored = await storedChoices(me.id);
    expect(stored).toMatchObject({ 'programs.report_filed': 'immediate', 'forum.reply': 'off', 'meetings.task': 'digest' });
    expect(Object.keys(stored)).toHaveLength(allKinds.length);
  });

  it('shows a person who had the old digest switch on the digest for every kind', async () => {
    const me = await createUser(t.db, { email: 'old-digest@example.org' });
    await createDigestSettings(t.db, me.id);
    const page = await (await signedIn(me)).get('/en/notifications/settings');
    for (const kind of allKinds) expect(page.body).toMatch(new RegExp(`name="${kind.name}" required>.*?<option value="digest" selected>`));
  });

  it('refuses email choices for an account without an email address, in the page’s language', async () => {
    const me = await createUser(t.db, { phone: '+84912345678' });
    await t.db.query(`UPDATE users SET email = NULL WHERE id = $1`, [me.id]);
    const client = await signedIn(me);
    const page = await client.get('/vi/notifications/settings');
    expect(page.body).toContain('Muốn nhận email, tài khoản của bạn cần có địa chỉ email');
    expect(page.body).not.toContain('<select');
    const response = await client.post('/vi/notifications/settings', form('digest'));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Muốn nhận email, tài khoản của bạn cần có địa chỉ email');
    expect(await storedChoices(me.id)).toEqual({});
  });

  it('answers bad input with 422, the typed values kept, and stores nothing', async () => {
    const me = await createUser(t.db);
    const client = await signedIn(me);
    for (const bad of ['yes', '<script>alert(1)</script>', '\u202Eoff', 'off'.repeat(5000), '']) {
      const response = await client.post('/en/notifications/settings', form('off', { 'forum.flag': bad }));
      expect(response.statusCode, bad.slice(0, 20)).toBe(422);
      expect(response.body).toContain('class="error-summary"');
      expect(response.body).toContain('href="#field-forum.flag"');
      expect(response.body).not.toContain('<script>alert(1)</script>');
    }
    const missing = await client.post('/en/notifications/settings', { 'forum.flag': 'off' });
    expect(missing.statusCode).toBe(422);
    expect(await storedChoices(me.id)).toEqual({});
  });

  it('refuses a post without the CSRF token', async () => {
    const me = await createUser(t.db);
    const client = await signedIn(me);
    const response = await client.post('/en/notifications/settings', form('off'), { csrf: 'wrong' });
    expect(response.statusCode).toBe(403);
    expect(await storedChoices(me.id)).toEqual({});
  });

  it('keeps one person’s settings apart from another’s', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    await (await signedIn(me)).post('/en/notifications/settings', form('off'));
    const theirs = await (await signedIn(other)).get('/en/notifications/settings');
    expect(theirs.body).toMatch(/name="programs.report_filed" required><option value="immediate" selected>/);
    expect(await storedChoices(other.id)).toEqual({});
    expect(csrfFrom(theirs.body)).toBeTruthy();
  });
});

describe('navigation', () => {
  it('shows the notifications link to signed-in people only', async () => {
    const anonymous = await t.app.inject({ url: '/en' });
    expect(anonymous.body).not.toContain('href="/en/notifications"');
    const me = await createUser(t.db);
    const page = await (await signedIn(me)).get('/en');
    expect(page.body).toContain('href="/en/notifications"');
  });
});

describe('the unread count in the header', () => {
  const badge = (html: string) =>
    /<span class="nav-badge" aria-hidden="true">([^<]*)<\/span><span class="visually-hidden"> \(([^)]*)\)<\/span>/.exec(html);

  it('shows the viewer’s unread count beside the link on every page, in the page’s digits', async () => {
    const me = await createUser(t.db);
    const other = await createUser(t.db);
    await notifyMany(t.db, [replied(me.id, 'A', 'One'), replied(me.id, 'B', 'Two'), replied(other.id, 'C', 'Three')]);
    const client = await signedIn(me);
    const english = badge((await client.get('/en')).body);
    expect(english?.[1]).toBe('2');
    expect(english?.[2]).toBe('2 unread');
    expect(badge((await client.get('/fa/notifications/settings')).body)?.[1]).toBe('۲');
    await client.post('/en/notifications');
    expect(badge((await client.get('/en')).body)).toBeNull();
  });

  it('caps a large backlog at 99+', async () => {
    const me = await createUser(t.db);
    await notifyMany(
      t.db,
      Array.from({ length: 120 }, (_, i) => replied(me.id, 'A', `T${i}`)),
    );
    const page = (await (await signedIn(me)).get('/en')).body;
    expect(badge(page)?.[1]).toBe('99+');
  });

  it('shows nothing to visitors', async () => {
    const page = await t.app.inject({ url: '/en' });
    expect(page.body).not.toContain('nav-badge');
  });
});

describe('GET /api/v1/notifications', () => {
  it('answers 401 in JSON without a session or token', async () => {
    const response = await t.app.inject({ url: '/api/v1/notifications' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('loginRequired');
  });

  it('lists the viewer’s notifications in the account’s language, with a cursor', async () => {
    const me = await createUser(t.db, { locale: 'vi' });
    const other = await createUser(t.db);
    await notifyMany(t.db, [
      ...Array.from({ length: PAGE_SIZE + 1 }, (_, i) => replied(me.id, 'Lan', `T${i}`, '/forum/topics/5#post-2')),
      replied(other.id, 'X', 'Theirs'),
    ]);
    const client = await signedIn(me);
    const first = await client.get('/api/v1/notifications');
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.unreadCount).toBe(PAGE_SIZE + 1);
    expect(body.notifications).toHaveLength(PAGE_SIZE);
    expect(body.notifications[0]).toMatchObject({
      kind: 'forum.reply',
      text: `\u2068Lan\u2069 đã trả lời trong “\u2068T${PAGE_SIZE}\u2069”`,
      path: '/vi/forum/topics/5#post-2',
      unread: true,
    });
    expect(body.notifications[0].url).toMatch(/\/vi\/notifications\/\d+$/);
    const second = (await client.get(`/api/v1/notifications?before=${body.nextBefore}`)).json();
    expect(second.notifications.map((n: { text: string }) => n.text)).toEqual(['\u2068Lan\u2069 đã trả lời trong “\u2068T0\u2069”']);
    expect(second.nextBefore).toBeNull();
    const refused = await client.get('/api/v1/notifications?before=x');
    expect([refused.statusCode, refused.json().error.code, Object.keys(refused.json().error.fields)]).toEqual([
      422,
      'invalid_input',
      ['before'],
    ]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/notifications'].get).toBeDefined();
    expect(doc.components.schemas.NotificationPage).toBeDefined();
  });
});
