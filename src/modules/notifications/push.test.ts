import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import { defined } from '../../../test/support/defined.ts';
import { createUser, signIn, type TestUser } from '../../../test/support/factories.ts';
import { startPushEndpoint, type PushEndpoint, type TestSubscriber } from '../../../test/support/push-endpoint.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { startJobs, type JobQueue } from '../../core/jobs.ts';
import { hashToken } from '../../core/session.ts';
import { transaction } from '../../db/database.ts';
import { deliverPush, dispatchPushDeliveries, PUSH_QUEUE, pushJobs } from './domain/push-sender.ts';
import { notify, notifyMany } from './index.ts';

// End to end: a person subscribes through the API with keys this test made (as a browser would), a notification is
// stored, pg-boss sends the push, and the push service below checks the VAPID signature and decrypts the body.
let t: TestApp;
let jobs: JobQueue;
let service: PushEndpoint;

beforeAll(async () => {
  t = await createTestApp();
  jobs = await startJobs(t.app.uh, t.databaseUrl, pushJobs, { pollingIntervalSeconds: 0.5, onError: () => {} });
  service = await startPushEndpoint(defined(t.config.vapid, 'the generated VAPID keys').publicKey);
});
afterAll(async () => {
  await jobs?.stop(5_000);
  await t.close();
  await service.close();
});

async function signedIn(user: TestUser): Promise<{ client: TestClient; csrf: string }> {
  const client = new TestClient(t.app);
  await signIn(t.db, client, user.id);
  const page = await client.get('/en/notifications/settings');
  return { client, csrf: csrfFrom(page.body) };
}

async function subscribe(user: TestUser, subscriber: TestSubscriber, userAgent = 'Mozilla/5.0 (Android 14) Firefox/133.0') {
  const { client, csrf } = await signedIn(user);
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/push-subscriptions',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'user-agent': userAgent },
    payload: subscriber.json,
  });
  expect(response.statusCode).toBe(201);
  return response;
}

/** A new person with one subscribed device whose push service will answer these statuses first. */
async function deviceAnswering(...answers: number[]): Promise<{ user: TestUser; device: TestSubscriber }> {
  const user = await createUser(t.db);
  const device = service.subscriber();
  await subscribe(user, device);
  device.answers.push(...answers);
  return { user, device };
}

const replied = (userId: number, title: string) => ({
  userId,
  kind: 'forum.reply',
  messageId: 'notifications.messages.replied',
  values: { author: 'Worker 3', title },
  link: '/forum/topics/7#post-2',
});

async function notificationId(userId: number, title: string): Promise<number> {
  const result = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM notifications WHERE user_id = $1 AND values->>'title' = $2`, [
    userId,
    title,
  ]);
  return defined(result.rows[0], 'the notification').id;
}

async function subscriptionCount(endpoint: string): Promise<number> {
  const result = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM push_subscriptions WHERE endpoint = $1`, [
    endpoint,
  ]);
  return defined(result.rows[0], 'count').count;
}

describe('web push, end to end', () => {
  it('pushes the notification, encrypted for the device, in the recipient’s language, signed with the app’s key', async () => {
    const persian = await createUser(t.db, { locale: 'fa' });
    const device = service.subscriber();
    await subscribe(persian, device);
    const stored = await t.db.query<{ user_agent: string }>(`SELECT user_agent FROM push_subscriptions WHERE endpoint = $1`, [
      device.endpoint,
    ]);
    expect(stored.rows).toEqual([{ user_agent: 'Firefox · Android' }]);

    await transaction(t.db, (tx) => notify(tx, replied(persian.id, 'اضافه‌کار بی‌مزد')));
    const [push] = await service.waitForPushes(device, 1);
    const id = await notificationId(persian.id, 'اضافه‌کار بی‌مزد');
    expect(push?.payload).toEqual({
      id,
      title: 'یونیون‌هال',
      body: 'Worker 3 در «اضافه‌کار بی‌مزد» پاسخ داد'
        .replace('Worker 3', '\u2068Worker 3\u2069')
        .replace('اضافه‌کار بی‌مزد', '\u2068اضافه‌کار بی‌مزد\u2069'),
      url: `${t.config.baseUrl}/fa/notifications/${id}`,
      lang: 'fa',
      dir: 'rtl',
    });
    expect(push?.claims.aud).toBe(service.origin);
    expect(push?.headers.ttl).toBe('86400');
    expect(push?.headers.urgency).toBe('normal');
    // The push service answers before the job commits: wait for the commit.
    const delivery = async () =>
      (await t.db.query(`SELECT sent_at IS NOT NULL AS sent, attempts FROM push_deliveries WHERE notification_id = $1`, [id])).rows;
    await waitFor(async () => (await delivery())[0]?.sent === true, 'the delivery to be recorded as sent');
    expect(await delivery()).toEqual([{ sent: true, attempts: 1 }]);
    const used = await t.db.query(`SELECT last_used_at IS NOT NULL AS used FROM push_subscriptions WHERE endpoint = $1`, [device.endpoint]);
    expect(used.rows).toEqual([{ used: true }]);
  });

  it('never pushes twice for one notification and device, and nothing for a rolled-back one or to other people', async () => {
    const me = await createUser(t.db, { locale: 'vi' });
    const other = await createUser(t.db);
    const mine = service.subscriber();
    const theirs = service.subscriber();
    await subscribe(me, mine);
    await subscribe(other, theirs);

    await transaction(t.db, async (tx) => {
      await notify(tx, replied(me.id, 'Rolled back'));
      throw new Error('the command failed');
    }).catch(() => {});
    await notifyMany(t.db, [replied(me.id, 'Lương ca đêm')]);
    const pushes = await service.waitForPushes(mine, 1);
    const id = await notificationId(me.id, 'Lương ca đêm');
    expect(pushes.map((p) => (p.payload as { id: number }).id)).toEqual([id]);
    expect((pushes[0]?.payload as { body: string }).body.replace(/[\u2068\u2069]/g, '')).toBe('Worker 3 đã trả lời trong “Lương ca đêm”');

    // A second dispatch finds nothing owed; a duplicate job finds the delivery sent.
    expect(await dispatchPushDeliveries({ db: t.db, jobs })).toBe(0);
    const key = { notificationId: id, subscriptionId: await subscriptionId(mine.endpoint) };
    expect(await deliverPush({ db: t.db, baseUrl: t.config.baseUrl, vapid: t.config.vapid }, key)).toBe('nothing');
    // Two copies of one job at once take turns on the row lock: still one push.
    const again = await jobs.send(PUSH_QUEUE, key);
    expect(again).toBeTruthy();
    await waitForJobsDone();
    expect(mine.received).toHaveLength(1);
    expect(mine.requests).toBe(1);
    expect(theirs.requests).toBe(0);
  });

  it('forgets a device the push service says is gone (410)', async () => {
    const { user, device } = await deviceAnswering(410);
    await notify(t.db, replied(user.id, 'Gone'));
    await service.waitForRequests(device, 1);
    await waitFor(async () => (await subscriptionCount(device.endpoint)) === 0, 'the subscription to be deleted', { timeoutMs: 15_000 });
    expect(device.received).toHaveLength(0);
    // Nothing more is owed to it.
    await notify(t.db, replied(user.id, 'After'));
    const owed = await t.db.query(`SELECT 1 FROM push_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.user_id = $1`, [
      user.id,
    ]);
    expect(owed.rows).toEqual([]);
  });

  it('retries after a failure with backoff, and delivers exactly once', async () => {
    const { user, device } = await deviceAnswering(500);
    await notify(t.db, replied(user.id, 'Retry me'));
    await service.waitForRequests(device, 1);
    const id = await notificationId(user.id, 'Retry me');
    // pg-boss put the job back to retry later (60 s, doubling); the attempt is counted.
    await waitFor(async () => (await jobStates(id)).includes('retry'), 'the job to wait for its retry', { timeoutMs: 15_000 });
    const attempts = await t.db.query(`SELECT attempts, sent_at FROM push_deliveries WHERE notification_id = $1`, [id]);
    expect(attempts.rows).toEqual([{ attempts: 1, sent_at: null }]);
    const queue = await t.db.query(`SELECT retry_limit, retry_backoff FROM pgboss.job WHERE name = $1 AND data->>'notificationId' = $2`, [
      PUSH_QUEUE,
      String(id),
    ]);
    expect(queue.rows).toEqual([{ retry_limit: 6, retry_backoff: true }]);
    // Make the retry due now instead of in a minute (the only thing this test changes in pg-boss's table).
    await t.db.query(`UPDATE pgboss.job SET start_after = now() WHERE name = $1 AND state = 'retry' AND data->>'notificationId' = $2`, [
      PUSH_QUEUE,
      String(id),
    ]);
    const [push] = await service.waitForPushes(device, 1);
    expect((push?.payload as { id: number }).id).toBe(id);
    await waitFor(async () => (await jobStates(id)).every((s) => s === 'completed'), 'the retried job to complete', { timeoutMs: 15_000 });
    expect(device.requests).toBe(2);
    expect(device.received).toHaveLength(1);
  });

  it('a browser another account subscribes stops getting the first account’s pushes', async () => {
    const first = await createUser(t.db);
    const second = await createUser(t.db);
    const device = service.subscriber();
    await subscribe(first, device);
    await subscribe(second, device);
    await notify(t.db, replied(first.id, 'For the first'));
    await notify(t.db, replied(second.id, 'For the second'));
    const [push] = await service.waitForPushes(device, 1);
    expect((push?.payload as { id: number }).id).toBe(await notificationId(second.id, 'For the second'));
    await waitForJobsDone();
    expect(device.received).toHaveLength(1);
  });
});

async function subscriptionId(endpoint: string): Promise<number> {
  const result = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM push_subscriptions WHERE endpoint = $1`, [endpoint]);
  return defined(result.rows[0], 'the subscription').id;
}

async function jobStates(notificationId: number): Promise<string[]> {
  const result = await t.db.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = $1 AND data->>'notificationId' = $2`, [
    PUSH_QUEUE,
    String(notificationId),
  ]);
  return result.rows.map((r) => r.state);
}

/** Waits until no push is owed or queued: every delivery row has a job and every push job has finished. */
async function waitForJobsDone(): Promise<void> {
  await waitFor(
    async () => {
      const result = await t.db.query<{ busy: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM push_deliveries WHERE queued_at IS NULL)
             OR EXISTS (SELECT 1 FROM pgboss.job WHERE name = $1 AND state IN ('created', 'active')) AS busy`,
        [PUSH_QUEUE],
      );
      return result.rows[0]?.busy === false;
    },
    'the push jobs to finish',
    { timeoutMs: 15_000 },
  );
}

describe('POST and DELETE /api/v1/push-subscriptions', () => {
  const post = (client: TestClient, payload: object, headers: Record<string, string>) =>
    client.request({
      method: 'POST',
      url: '/api/v1/push-subscriptions',
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });

  it('refuses visitors (401) and a session without its CSRF token (403)', async () => {
    const device = service.subscriber();
    expect((await post(new TestClient(t.app), device.json, {})).statusCode).toBe(403);
    // A visitor with a visitor's CSRF token gets past that check, and is asked to sign in.
    const visitor = new TestClient(t.app);
    const visitorCsrf = csrfFrom((await visitor.get('/en/login')).body);
    expect((await post(visitor, device.json, { 'x-csrf-token': visitorCsrf })).statusCode).toBe(401);
    const { client } = await signedIn(await createUser(t.db));
    expect((await post(client, device.json, {})).statusCode).toBe(403);
    expect((await post(client, device.json, { 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect(await subscriptionCount(device.endpoint)).toBe(0);
  });

  it('takes a personal API token instead of a session', async () => {
    const user = await createUser(t.db);
    const token = `uh_${randomBytes(32).toString('base64url')}`;
    await t.db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, 'push', $2)`, [user.id, hashToken(token)]);
    const device = service.subscriber();
    const response = await post(new TestClient(t.app), device.json, { authorization: `Bearer ${token}` });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ devices: 1 });
  });

  it('refuses bad input with 422: plain http elsewhere than this machine, IP literals, bad keys, markup', async () => {
    const { client, csrf } = await signedIn(await createUser(t.db));
    const good = service.subscriber().json;
    const bad = [
      { ...good, endpoint: 'http://push.example.org/x' },
      { ...good, endpoint: 'https://10.0.0.1/x' },
      { ...good, endpoint: 'https://[::1]/x' },
      { ...good, endpoint: 'https://user:pw@push.example.org/x' },
      { ...good, endpoint: 'javascript:alert(1)' },
      { ...good, endpoint: `https://push.example.org/${'a'.repeat(2000)}` },
      { ...good, keys: { ...good.keys, p256dh: 'short' } },
      { ...good, keys: { ...good.keys, auth: '<b>x</b>' } },
      { endpoint: good.endpoint },
      'not json at all',
    ];
    for (const payload of bad) {
      const response = await post(client, typeof payload === 'string' ? { payload } : payload, { 'x-csrf-token': csrf });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(422);
    }
    const count = await t.db.query(`SELECT count(*)::int AS n FROM push_subscriptions WHERE endpoint NOT LIKE $1`, [`${service.origin}%`]);
    expect(count.rows).toEqual([{ n: 0 }]);
  });

  it('refuses plain http to this machine in production (BASE_URL https)', async () => {
    const production = await createTestApp({ config: { BASE_URL: 'https://unionhall.example.org' } });
    try {
      const user = await createUser(production.db);
      const client = new TestClient(production.app, { origin: 'https://unionhall.example.org' });
      await signIn(production.db, client, user.id);
      client.cookies.set('__Host-uh_session', defined(client.cookies.get('uh_session'), 'the session'));
      const csrf = csrfFrom((await client.get('/en/notifications/settings')).body);
      const response = await client.request({
        method: 'POST',
        url: '/api/v1/push-subscriptions',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        payload: service.subscriber().json,
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: { fields: { endpoint: 'must be an https:// URL of a push service' } } });
    } finally {
      await production.close();
    }
  });

  it('caps a person at 10 devices, with the message in their language', async () => {
    const user = await createUser(t.db, { locale: 'vi' });
    const { client, csrf } = await signedIn(user);
    for (let i = 0; i < 10; i++) expect((await post(client, service.subscriber().json, { 'x-csrf-token': csrf })).statusCode).toBe(201);
    const eleventh = await post(client, service.subscriber().json, { 'x-csrf-token': csrf, 'accept-language': 'vi' });
    expect(eleventh.statusCode).toBe(422);
    // Subscribing a known device again is no new device.
    const existing = await t.db.query<{ endpoint: string }>(`SELECT endpoint FROM push_subscriptions WHERE user_id = $1 LIMIT 1`, [
      user.id,
    ]);
    const known = service.subscriber().json;
    const again = await post(client, { ...known, endpoint: defined(existing.rows[0], 'a device').endpoint }, { 'x-csrf-token': csrf });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ devices: 10 });
  });

  it('deletes only the person’s own subscription, by endpoint', async () => {
    const owner = await createUser(t.db);
    const device = service.subscriber();
    await subscribe(owner, device);
    const intruder = await signedIn(await createUser(t.db));
    const del = (who: { client: TestClient; csrf: string }, endpoint: string) =>
      who.client.request({
        method: 'DELETE',
        url: '/api/v1/push-subscriptions',
        headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrf },
        payload: { endpoint },
      });
    expect((await del(intruder, device.endpoint)).statusCode).toBe(404);
    expect(await subscriptionCount(device.endpoint)).toBe(1);
    const visitorClient = new TestClient(t.app);
    const visitorCsrf = csrfFrom((await visitorClient.get('/en/login')).body);
    const visitor = await visitorClient.request({
      method: 'DELETE',
      url: '/api/v1/push-subscriptions',
      headers: { 'content-type': 'application/json', 'x-csrf-token': visitorCsrf },
      payload: { endpoint: device.endpoint },
    });
    expect(visitor.statusCode).toBe(401);
    const me = await signedIn(owner);
    expect(
      (
        await me.client.request({
          method: 'DELETE',
          url: '/api/v1/push-subscriptions',
          headers: { 'x-csrf-token': me.csrf, 'content-type': 'application/json' },
          payload: {},
        })
      ).statusCode,
    ).toBe(422);
    const removed = await del(me, device.endpoint);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ devices: 0 });
    expect(await subscriptionCount(device.endpoint)).toBe(0);
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(spec.paths['/api/v1/push-subscriptions'] ?? {}).sort()).toEqual(['delete', 'post']);
  });
});

describe('the settings page’s “Notify this device” section', () => {
  it('says push needs a supporting browser until its script runs, and carries the key and no inline script', async () => {
    const { client } = await signedIn(await createUser(t.db, { locale: 'fa' }));
    const page = await client.get('/fa/notifications/settings');
    expect(page.body).toContain('اعلان روی این دستگاه');
    expect(page.body).toContain('مرورگری لازم است که از اعلان وب');
    expect(page.body).toContain(`data-push-key="${defined(t.config.vapid, 'vapid').publicKey}"`);
    expect(page.body).toMatch(/<script src="\/static\/js\/push\.js\?v=[0-9a-f]+" defer><\/script>/);
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('serves the service worker at /sw.js for the whole site', async () => {
    const response = await t.app.inject({ url: '/sw.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['service-worker-allowed']).toBe('/');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain("addEventListener('push'");
  });
});
