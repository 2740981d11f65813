import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClient } from '../../test/support/client.ts';
import { defined } from '../../test/support/defined.ts';
import { waitFor } from '../../test/support/wait.ts';
import { createOrganization, createUser, grantRole, signIn, type TestOrganization, type TestUser } from '../../test/support/factories.ts';
import { one } from '../../test/support/sql.ts';
import { createApiToken } from '../modules/accounts/factories.ts';
import { insertCategory, insertTopic } from '../modules/forum/factories.ts';
import { purgeExpiredIdempotencyKeys } from './idempotency.ts';

let t: TestApp;
let union: TestOrganization;
let youth: TestOrganization;
let author: TestUser | undefined;
/** The poster of the running test (see beforeEach). */
const member = () => defined(author, 'the poster (set in beforeEach)');
let other: TestUser;
let coordinator: TestUser;
let categoryId: number;
let topicId: number;
const tokens = new Map<number, string>();

const count = async (sql: string, values: unknown[] = []) => defined(await one<{ n: number }>(t.db, sql, values)).n;

async function apiToken(userId: number): Promise<string> {
  const token = await createApiToken(t.db, userId);
  tokens.set(userId, token);
  return token;
}

/** An API write by a user's token, with an Idempotency-Key unless key is null. */
function api(user: TestUser, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: object | undefined, key: string | null) {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(user.id)}` };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (key !== null) headers['idempotency-key'] = key;
  return t.app.inject({ method, url, headers, payload: payload === undefined ? undefined : JSON.stringify(payload) });
}

/** A new member with an API token for each test, so the forum's flood limit (8 posts a minute) is not what a test meets. */
async function poster(): Promise<TestUser> {
  const user = await createUser(t.db, { name: 'Poster Phuong' });
  await grantRole(t.db, user.id, union.id, 'member');
  await t.db.query(`UPDATE users SET created_at = now() - interval '1 year' WHERE id = $1`, [user.id]);
  await apiToken(user.id);
  return user;
}

let keyCounter = 0;
const freshKey = () => `key-${Date.now()}-${keyCounter++}`;

beforeAll(async () => {
  t = await createTestApp();
  union = await createOrganization(t.db, { slug: 'retry-union' });
  youth = await createOrganization(t.db, { slug: 'retry-youth' });
  other = await createUser(t.db, { name: 'Other Oanh' });
  coordinator = await createUser(t.db, { name: 'Coordinator Cuong' });
  await grantRole(t.db, other.id, union.id, 'member');
  await grantRole(t.db, coordinator.id, union.id, 'coordinator');
  await grantRole(t.db, coordinator.id, youth.id, 'coordinator');
  await t.db.query(`UPDATE users SET created_at = now() - interval '1 year'`);
  for (const user of [other, coordinator]) await apiToken(user.id);
  categoryId = await insertCategory(t.db, union.id, 'members', 'Retries');
  topicId = await insertTopic(t.db, categoryId, { title: 'Retry topic', body: 'Start', by: { userId: other.id } });
});
beforeEach(async () => {
  author = await poster();
});
afterAll(async () => {
  await t?.close();
});

describe('Idempotency-Key on API writes', () => {
  it('runs a new topic once and answers a replay with the same status and body', async () => {
    const key = freshKey();
    const payload = { title: 'Once only', body: 'Posted once, whatever the retries.' };
    const first = await api(member(), 'POST', `/api/v1/forum/categories/${categoryId}/topics`, payload, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await api(member(), 'POST', `/api/v1/forum/categories/${categoryId}/topics`, payload, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.body).toBe(first.body);
    expect(await count(`SELECT count(*)::int AS n FROM forum_topics WHERE title = 'Once only'`)).toBe(1);
  });

  it('replays a reply, a meeting and an agreement (three modules) without a second row', async () => {
    const replyKey = freshKey();
    const reply = () => api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'A reply sent twice' }, replyKey);
    const [r1, r2] = [await reply(), await reply()];
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
    expect(r2.json()).toEqual(r1.json());
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'A reply sent twice'`)).toBe(1);

    const meetingKey = freshKey();
    const meeting = () =>
      api(coordinator, 'POST', '/api/v1/meetings', { organizerId: union.id, title: 'Retried meeting', heldOn: '2022-04-11' }, meetingKey);
    const [m1, m2] = [await meeting(), await meeting()];
    expect(m1.statusCode).toBe(201);
    expect(m2.statusCode).toBe(201);
    expect(m2.body).toBe(m1.body);
    expect(await count(`SELECT count(*)::int AS n FROM meetings WHERE title = 'Retried meeting'`)).toBe(1);

    const agreementKey = freshKey();
    const parties = [{ organizationId: union.id, signatoryName: 'A' }, { organizationId: youth.id }];
    const agreement = () =>
      api(
        coordinator,
        'POST',
        '/api/v1/agreements',
        { title: 'Retried agreement', periodStart: 2018, periodEnd: 2022, status: 'in_force', parties, areas: ['Care'] },
        agreementKey,
      );
    const [a1, a2] = [await agreement(), await agreement()];
    expect(a1.statusCode).toBe(201);
    expect(a2.headers['idempotent-replayed']).toBe('true');
    expect(a2.body).toBe(a1.body);
    expect(await count(`SELECT count(*)::int AS n FROM agreements WHERE title = 'Retried agreement'`)).toBe(1);
  });

  it('answers a body its schema refuses before taking the key, so the corrected request may use it; runs requests without a key every time', async () => {
    const key = freshKey();
    const bad = await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: '' }, key);
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['idempotent-replayed']).toBeUndefined();
    const fixed = await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'Fixed after a 422' }, key);
    expect(fixed.statusCode).toBe(201);
    const again = await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'Fixed after a 422' }, key);
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Fixed after a 422'`)).toBe(1);
    for (let i = 0; i < 2; i++)
      expect((await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'No key at all' }, null)).statusCode).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'No key at all'`)).toBe(2);
  });

  it('answers 422 for the same key with another body, and keeps one key per caller', async () => {
    const key = freshKey();
    const url = `/api/v1/forum/topics/${topicId}/posts`;
    expect((await api(member(), 'POST', url, { body: 'First body' }, key)).statusCode).toBe(201);
    const changed = await api(member(), 'POST', url, { body: 'Second body' }, key);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotencyKeyReused');
    expect(changed.json().error.message).toContain('Idempotency-Key');
    // Another person's request with the same key is theirs: it runs.
    expect((await api(other, 'POST', url, { body: 'First body' }, key)).statusCode).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source IN ('First body', 'Second body')`)).toBe(2);
  });

  it('never writes twice for concurrent duplicates: the others get 409 with Retry-After, or the same answer', async () => {
    const key = freshKey();
    const payload = { title: 'Raced topic', body: 'Sent five times at once.' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api(member(), 'POST', `/api/v1/forum/categories/${categoryId}/topics`, payload, key)),
    );
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of responses) {
      expect([201, 409]).toContain(r.statusCode);
      if (r.statusCode === 409) {
        expect(r.headers['retry-after']).toBe('1');
        expect(r.json().error.code).toBe('idempotencyInProgress');
      } else expect(r.body).toBe(defined(created[0]).body);
    }
    expect(await count(`SELECT count(*)::int AS n FROM forum_topics WHERE title = 'Raced topic'`)).toBe(1);
  });

  it('answers a clear 4xx for an empty, too long or malformed key, and for a visitor', async () => {
    const url = `/api/v1/forum/topics/${topicId}/posts`;
    for (const key of ['', '   ', 'x'.repeat(256), 'has space', '"unterminated', 'é']) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${tokens.get(member().id)}`,
          'content-type': 'application/json',
          'idempotency-key': Buffer.from(key, 'utf8').toString('latin1'),
        },
        payload: JSON.stringify({ body: 'Bad key' }),
      });
      expect(response.statusCode, key).toBe(400);
      expect(response.json().error.code).toBe('idempotencyKeyInvalid');
    }
    // A Structured Field string and a 255-character key are fine.
    expect((await api(member(), 'POST', url, { body: 'Quoted key' }, `"${freshKey()}"`)).statusCode).toBe(201);
    expect((await api(member(), 'POST', url, { body: 'Long key' }, 'k'.repeat(255))).statusCode).toBe(201);
    // A visitor, without a CSRF token or with one (a browser's), is asked to log in: there is no session to forge for.
    const bare = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'idempotency-key': freshKey() },
      payload: '{"body":"x"}',
    });
    expect([bare.statusCode, bare.json().error.code]).toEqual([401, 'loginRequired']);
    const visitor = new TestClient(t.app);
    const csrf = (await visitor.get('/api/v1/forum/csrf-token')).json().token as string;
    const asked = await visitor.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': freshKey() },
      payload: '{"body":"x"}',
    });
    expect(asked.statusCode).toBe(401);
    expect(asked.json().error.code).toBe('loginRequired');
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source IN ('Bad key', 'x')`)).toBe(0);
  });
});

describe('a write committed but never acknowledged', () => {
  it('is answered on retry from the store, over a real connection the client dropped', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { hostname, port } = new URL(address);
    const key = freshKey();
    const body = JSON.stringify({ body: 'Sent, then the client went away' });
    // The client sends the request and hangs up without reading the answer: it cannot know whether it was written.
    // (It hangs up once the write is seen: closing earlier could reset the connection before the server read it.)
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/v1/forum/topics/${topicId}/posts HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${tokens.get(member().id)}\r\n` +
        `Content-Type: application/json\r\nIdempotency-Key: ${key}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.on('error', () => {});
    const stored = async () =>
      (await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Sent, then the client went away'`)) > 0;
    await waitFor(stored, 'the reply to be stored', { timeoutMs: 10_000, everyMs: 20 });
    socket.destroy();
    // The retry may arrive while the first is finishing (409, Retry-After), then gets the first answer.
    let retry: Response | undefined;
    await waitFor(
      async () => {
        retry = await fetch(`${address}/api/v1/forum/topics/${topicId}/posts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get(member().id)}`, 'content-type': 'application/json', 'idempotency-key': key },
          body,
        });
        return retry.status !== 409;
      },
      'the retry to get an answer other than 409',
      { timeoutMs: 10_000, everyMs: 20 },
    );
    retry = defined(retry, 'retry');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Sent, then the client went away'`)).toBe(1);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the Idempotency-Key header on every write and on no read', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string }> }>>;
    }>();
    const operations = Object.values(doc.paths).flatMap((ops) => Object.entries(ops));
    const keyed = ([, op]: [string, { parameters?: Array<{ $ref?: string }> }]) =>
      (op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
    expect(operations.filter(([m]) => m === 'post').length).toBeGreaterThan(3);
    for (const operation of operations) expect(keyed(operation), operation[0]).toBe(operation[0] !== 'get');
  });
});

describe('the idempotency_keys table', () => {
  beforeEach(async () => {
    await t.db.query(`DELETE FROM idempotency_keys`);
  });

  it('keeps nothing that names an anonymous reply’s author or the reply itself', async () => {
    const key = freshKey();
    const response = await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'Sealed reply', anonymous: true }, key);
    expect(response.statusCode).toBe(201);
    const { postNumber, url } = response.json().post as { postNumber: number; url: string };
    const post = await one<{ id: number; author_id: number | null }>(
      t.db,
      `SELECT id, author_id FROM forum_posts WHERE topic_id = $1 AND post_number = $2`,
      [topicId, postNumber],
    );
    expect(defined(post).author_id).toBeNull();
    const columns = await t.db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'idempotency_keys' ORDER BY ordinal_position`,
    );
    // Hashes, a random token, a flag, an encrypted answer and two rounded times: no id, session or address column.
    expect(columns.rows.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
      'key_hash:bytea',
      'request_hash:bytea',
      'owner:bytea',
      'committed:boolean',
      'response:bytea',
      'lease_until:timestamp with time zone',
      'expires_at:timestamp with time zone',
    ]);
    const row = await one<{ text: string; response: Buffer; lease_seconds: number; expiry_minutes: number; expiry_hours: number }>(
      t.db,
      `SELECT row_to_json(k)::text AS text, response, extract(second FROM lease_until)::int AS lease_seconds,
              extract(minute FROM expires_at)::int + extract(second FROM expires_at)::int AS expiry_minutes,
              (extract(epoch FROM expires_at - now()) / 3600)::float8 AS expiry_hours
       FROM idempotency_keys k`,
    );
    const clear = [url, `"postNumber":${postNumber}`, 'Sealed reply', member().name, member().email, key];
    const encodings = (s: string) => [s, Buffer.from(s).toString('hex'), Buffer.from(s).toString('base64')];
    const stored = defined(row, 'the stored key');
    for (const needle of clear.flatMap(encodings)) expect(stored.text).not.toContain(needle);
    expect(stored.response.includes(Buffer.from(url))).toBe(false);
    expect(stored.lease_seconds).toBe(0);
    expect(stored.expiry_minutes).toBe(0);
    expect(stored.expiry_hours).toBeGreaterThanOrEqual(24);
    // The ids could only hide in the bytea columns: two HMACs and a random token of fixed length, and the sealed answer.
    const sizes = await one<{ key: number; request: number; owner: number }>(
      t.db,
      `SELECT length(key_hash) AS key, length(request_hash) AS request, length(owner) AS owner FROM idempotency_keys`,
    );
    expect(sizes).toEqual({ key: 32, request: 32, owner: 16 });
  });

  it('purges rows whose 24 hours are over', async () => {
    await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'Soon forgotten' }, freshKey());
    await api(member(), 'POST', `/api/v1/forum/topics/${topicId}/posts`, { body: 'Kept a while' }, freshKey());
    await t.db.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE ctid = (SELECT min(ctid) FROM idempotency_keys)`,
    );
    expect(await purgeExpiredIdempotencyKeys(t.db)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys`)).toBe(1);
  });

  it('lets a key whose request died before committing run again, and never one whose write committed', async () => {
    const url = `/api/v1/forum/topics/${topicId}/posts`;
    const key = freshKey();
    expect((await api(member(), 'POST', url, { body: 'Died once' }, key)).statusCode).toBe(201);
    // As if the process died mid-request before its transaction committed: pending, not committed, lease over.
    await t.db.query(`UPDATE idempotency_keys SET response = NULL, committed = false, lease_until = now() - interval '1 minute'`);
    const rerun = await api(member(), 'POST', url, { body: 'Died once' }, key);
    expect(rerun.statusCode).toBe(201);
    expect(rerun.headers['idempotent-replayed']).toBeUndefined();
    // Committed but the answer was never stored (the database went away after the commit): no second write.
    await t.db.query(`UPDATE idempotency_keys SET response = NULL, committed = true, lease_until = now() - interval '1 minute'`);
    const lost = await api(member(), 'POST', url, { body: 'Died once' }, key);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.code).toBe('idempotencyOutcomeLost');
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Died once'`)).toBe(2);
  });

  it('makes a request that lost its key to another roll back instead of writing', async () => {
    const url = `/api/v1/forum/topics/${topicId}/posts`;
    const key = freshKey();
    // The first request is slow: while it runs, its row is taken over (as after a lease ran out).
    const client = await t.db.connect();
    await client.query('BEGIN');
    await client.query(`LOCK TABLE forum_topics IN SHARE MODE`); // the reply's UPDATE of its topic waits here
    const slow = api(member(), 'POST', url, { body: 'Taken over' }, key);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM idempotency_keys`)) > 0, 'the key to be taken', {
      timeoutMs: 10_000,
      everyMs: 20,
    });
    await t.db.query(`UPDATE idempotency_keys SET owner = '\\x00'::bytea`);
    await client.query('COMMIT');
    client.release();
    const response = await slow;
    expect(response.statusCode).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Taken over'`)).toBe(0);
  });
});

describe('form nonces', () => {
  async function signedIn(user: TestUser): Promise<TestClient> {
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    return client;
  }

  /** The hidden fields of the form that posts to `action` on the page at `from`. */
  async function formFields(client: TestClient, from: string, action: string): Promise<{ _csrf: string; _nonce: string }> {
    const html = (await client.get(from)).body;
    const start = html.indexOf(`action="${action}"`);
    expect(start).toBeGreaterThan(-1);
    const form = html.slice(start, html.indexOf('</form>', start));
    return {
      _csrf: defined(/name="_csrf" value="([^"]+)"/.exec(form)?.[1], 'the form token'),
      _nonce: defined(/name="_nonce" value="([^"]+)"/.exec(form)?.[1], 'the form nonce'),
    };
  }

  const replyUrl = () => `/en/forum/t/${topicId}/reply`;

  it('creates one reply for a resubmitted form and answers the resubmission with the same redirect', async () => {
    const client = await signedIn(member());
    const fields = await formFields(client, `/en/forum/t/${topicId}`, replyUrl());
    const first = await client.post(replyUrl(), { body: 'Form sent twice', ...fields }, { csrf: false });
    expect(first.statusCode).toBe(303);
    const second = await client.post(replyUrl(), { body: 'Form sent twice', ...fields }, { csrf: false });
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(String(second.headers['set-cookie'])).toContain('uh_flash=');
    expect(String(second.headers['set-cookie'])).not.toContain('uh_session');
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Form sent twice'`)).toBe(1);
  });

  it('keeps nothing that names an anonymous form reply’s author or the reply', async () => {
    await t.db.query(`DELETE FROM idempotency_keys`);
    const client = await signedIn(member());
    const fields = await formFields(client, `/en/forum/t/${topicId}`, replyUrl());
    const first = await client.post(replyUrl(), { body: 'Anonymous form reply', anonymous: 'on', ...fields }, { csrf: false });
    expect(first.statusCode).toBe(303);
    const again = await client.post(replyUrl(), { body: 'Anonymous form reply', anonymous: 'on', ...fields }, { csrf: false });
    expect(again.headers.location).toBe(first.headers.location);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Anonymous form reply' AND author_id IS NULL`)).toBe(
      1,
    );
    const row = await one<{ text: string }>(t.db, `SELECT row_to_json(k)::text AS text FROM idempotency_keys k`);
    const location = String(first.headers.location);
    for (const needle of [location, location.replace(/^\/en/, ''), member().name, member().email, fields._nonce, 'Anonymous form reply']) {
      for (const encoded of [needle, Buffer.from(needle).toString('hex'), Buffer.from(needle).toString('base64')])
        expect(defined(row).text).not.toContain(encoded);
    }
  });

  it('does not use up the nonce on an invalid form (422), and runs the corrected form', async () => {
    const client = await signedIn(member());
    const fields = await formFields(client, `/en/forum/t/${topicId}`, replyUrl());
    const rows = await count(`SELECT count(*)::int AS n FROM idempotency_keys`);
    for (let i = 0; i < 2; i++) {
      const invalid = await client.post(replyUrl(), { body: '', ...fields }, { csrf: false });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await count(`SELECT count(*)::int AS n FROM idempotency_keys`)).toBe(rows);
    const corrected = await client.post(replyUrl(), { body: 'Corrected form', ...fields }, { csrf: false });
    expect(corrected.statusCode).toBe(303);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Corrected form'`)).toBe(1);
  });

  it('still accepts forms without a nonce (pages cached before it existed), and refuses a malformed one', async () => {
    const client = await signedIn(member());
    for (let i = 0; i < 2; i++)
      expect((await client.post(replyUrl(), { body: 'Old page form' }, { from: `/en/forum/t/${topicId}` })).statusCode).toBe(303);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Old page form'`)).toBe(2);
    const fields = await formFields(client, `/en/forum/t/${topicId}`, replyUrl());
    const tampered = await client.post(replyUrl(), { body: 'Tampered', _csrf: fields._csrf, _nonce: 'short' }, { csrf: false });
    expect(tampered.statusCode).toBe(400);
    expect(await count(`SELECT count(*)::int AS n FROM forum_posts WHERE body_source = 'Tampered'`)).toBe(0);
  });

  it('renders a nonce in every form, a new one each time', async () => {
    const client = await signedIn(member());
    const a = await formFields(client, `/en/forum/t/${topicId}`, replyUrl());
    const b = await formFields(client, `/en/forum/t/${topicId}`, replyUrl());
    expect(a._nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b._nonce).not.toBe(a._nonce);
  });
});
