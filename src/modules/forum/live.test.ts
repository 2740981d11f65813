import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganization, createSession, createUser, grantRole, signIn } from '../../../test/support/factories.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { insertCategory, insertReply, insertTopic } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

/**
 * Reads a Server-Sent Events stream until `until` returns true for the text so far (or the timeout).
 * `connected` resolves once the server has subscribed the stream (it then writes ": connected").
 */
function readEvents(url: string, headers: Record<string, string>, until: (text: string) => boolean, timeoutMs = 15_000) {
  let onConnected!: () => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const done = new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      let text = '';
      const finish = () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), text });
      };
      const timer = setTimeout(finish, timeoutMs);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes(': connected\n')) onConnected();
        if (until(text)) finish();
      });
      response.on('end', () => {
        onConnected();
        finish();
      });
    });
    request.on('error', reject);
  });
  return Object.assign(done, { connected });
}

describe('live replies across two app processes', () => {
  let database: TestDatabase;
  const processes: ChildProcess[] = [];
  let startupErrors = '';
  const ports = [40000 + Math.floor(Math.random() * 10000), 0];
  ports[1] = defined(ports[0], 'ports[0]') + 1;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      SEED_DEMO: '0',
      RUN_JOBS: '0',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      SESSION_SECRET: 'live-test-session-secret-long-enough-0123456789',
      ANONYMITY_KEY: 'live-test-anonymity-key-long-enough-0123456789',
    };
    for (const port of ports) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: {
          ...env,
          PORT: String(port),
          BASE_URL: `http://127.0.0.1:${port}`,
          DATA_DIR: mkdtempSync(path.join(tmpdir(), 'unionhall-live-')),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // Kept for the error message when a process fails to start.
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (startupErrors += chunk));
      processes.push(child);
    }
    for (const port of ports) {
      const healthy = () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      await waitFor(healthy, `the app on port ${port} to answer /healthz`, { timeoutMs: 120_000, everyMs: 200 }).catch((error: unknown) => {
        throw new Error(`${String(error)}; its log: ${startupErrors.slice(-2000)}`);
      });
    }
  }, 150_000);

  afterAll(async () => {
    for (const child of processes) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await database?.drop();
  });

  it('a reply posted through one process arrives on the stream served by the other', { timeout: 60_000 }, async () => {
    const org = await createOrganization(database.pool);
    const writer = await createUser(database.pool, { name: 'Trần Thị Lan' });
    await grantRole(database.pool, writer.id, org.id, 'member');
    const category = await insertCategory(database.pool, org.id, 'public', 'Hỏi đáp');
    const topicId = await insertTopic(database.pool, category, {
      title: 'Ca đêm',
      body: 'Ca đêm có phụ cấp không?',
      by: { userId: writer.id },
    });
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`);

    // A reader on process B opens the topic's event stream.
    const stream = readEvents(`${b}/vi/forum/t/${topicId}/events`, {}, (text) => /event: post\n/.test(text));
    await stream.connected;

    // The writer replies through process A, as a browser would: session cookie, CSRF token from the page.
    const token = await createSession(database.pool, writer.id);
    const page = await fetch(`${a}/vi/forum/t/${topicId}`, { headers: { cookie: `uh_session=${token}` } });
    const cookies = [`uh_session=${token}`, ...page.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
    const csrf = defined(/name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1], 'the CSRF token');
    const posted = await fetch(`${a}/vi/forum/t/${topicId}/reply`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body: 'Có, phụ cấp ca đêm là 30%.', _csrf: csrf }).toString(),
    });
    expect(posted.status).toBe(303);

    const events = await stream;
    expect(events.status).toBe(200);
    expect(events.contentType).toContain('text/event-stream');
    expect(events.text).toMatch(/event: post\ndata: \{"id":2,"postNumber":2/);

    // The page then fetches the new post's HTML from process B.
    const fragment = await fetch(`${b}/vi/forum/t/${topicId}/posts?after=1`);
    expect(fragment.status).toBe(200);
    const html = await fragment.text();
    expect(html).toContain('id="p2"');
    expect(html).toContain('phụ cấp ca đêm là 30%');
  });
});

describe('GET /:lang/forum/t/:id/events and /posts (in process)', () => {
  let t: TestApp;
  let publicTopic: number;
  let membersTopic: number;
  let secret: { id: number; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    const org = await createOrganization(t.db);
    const member = await createUser(t.db);
    secret = await createUser(t.db, { name: 'Hidden Author Name' });
    await grantRole(t.db, member.id, org.id, 'member');
    const open = await insertCategory(t.db, org.id, 'public');
    const members = await insertCategory(t.db, org.id, 'members');
    publicTopic = await insertTopic(t.db, open, { title: 'Open', body: 'First post', by: { userId: member.id } });
    await insertReply(t.db, publicTopic, 'An anonymous reply', { anonymousUserId: secret.id, key: t.config.anonymityKey });
    membersTopic = await insertTopic(t.db, members, { title: 'Members', body: 'Members only post', by: { userId: member.id } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const base = () => {
    const address = t.app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  it('streams a published post number, with a heartbeat-ready event stream and the retry hint', async () => {
    const stream = readEvents(`${base()}/en/forum/t/${publicTopic}/events`, {}, (text) => text.includes('event: post'));
    await stream.connected;
    await t.app.uh.live.publish(`topic:${publicTopic}`, { postNumber: 7 });
    const events = await stream;
    expect(events.text).toContain('retry: ');
    expect(events.text).toContain('data: {"id":7,"postNumber":7,"notice":"New replies: show them"}');
  });

  it('unsubscribes when the reader goes away', async () => {
    const live = t.app.uh.live;
    const original = live.subscribe.bind(live);
    let active = 0;
    live.subscribe = (channel, listener) => {
      active++;
      const off = original(channel, listener);
      return () => {
        active--;
        off();
      };
    };
    try {
      // The reader goes away as soon as the stream is open (subscribed).
      let activeWhenOpen = -1;
      const stream = readEvents(`${base()}/en/forum/t/${publicTopic}/events`, {}, (text) => {
        if (!text.includes(': connected\n')) return false;
        activeWhenOpen = active;
        return true;
      });
      await stream;
      expect(activeWhenOpen).toBe(1);
      await waitFor(() => active === 0, 'the stream to unsubscribe');
      expect(active).toBe(0);
    } finally {
      live.subscribe = original;
    }
  });

  it('drops malformed live payloads', async () => {
    const stream = readEvents(`${base()}/en/forum/t/${publicTopic}/events`, {}, (text) => text.includes('event: post'));
    await stream.connected;
    // A well-formed event after the malformed one: once it arrives, the malformed one was dropped (one channel keeps its order).
    await t.app.uh.live.publish(`topic:${publicTopic}`, { postNumber: '<script>' });
    await t.app.uh.live.publish(`topic:${publicTopic}`, { postNumber: 8 });
    const { text } = await stream;
    expect(text.match(/event: post/g)).toHaveLength(1);
    expect(text).toContain('data: {"id":8,"postNumber":8');
    expect(text).not.toContain('script');
  });

  it('answers 404 to a visitor for a members-only topic, and for an unknown or malformed topic', async () => {
    const client = new TestClient(t.app);
    expect((await client.get(`/en/forum/t/${membersTopic}/events`)).statusCode).toBe(404);
    expect((await client.get(`/en/forum/t/${membersTopic}/posts?after=0`)).statusCode).toBe(404);
    expect((await client.get('/en/forum/t/999999/events')).statusCode).toBe(404);
    expect((await client.get('/en/forum/t/abc/posts?after=0')).statusCode).toBe(404);
  });

  it('answers 404 for a missing or malformed "after"', async () => {
    const client = new TestClient(t.app);
    expect((await client.get(`/en/forum/t/${publicTopic}/posts`)).statusCode).toBe(404);
    expect((await client.get(`/en/forum/t/${publicTopic}/posts?after=-1`)).statusCode).toBe(404);
    expect((await client.get(`/en/forum/t/${publicTopic}/posts?after=%3Cscript%3E`)).statusCode).toBe(404);
  });

  it('renders the posts after a number, an anonymous author only as a pseudonym', async () => {
    const response = await new TestClient(t.app).get(`/en/forum/t/${publicTopic}/posts?after=1`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="p2"');
    expect(response.body).not.toContain('id="p1"');
    expect(response.body).toContain('Worker 1');
    expect(response.body).not.toContain('Hidden Author Name');
  });

  it('lets a member read the members-only topic fragment', async () => {
    const client = new TestClient(t.app);
    const member = await createUser(t.db);
    const org = (
      await t.db.query<{ organization_id: number }>(
        'SELECT c.organization_id FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id WHERE t.id = $1',
        [membersTopic],
      )
    ).rows[0];
    await grantRole(t.db, member.id, defined(org, 'org').organization_id, 'member');
    await signIn(t.db, client, member.id);
    const response = await client.get(`/en/forum/t/${membersTopic}/posts?after=0`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Members only post');
  });
});
