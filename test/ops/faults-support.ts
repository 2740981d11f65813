import net from 'node:net';
import type { Queryable } from '../../src/db/database.ts';
import { hashToken, newToken } from '../../src/core/session.ts';
import { createOrganization, createUser, grantRole } from '../support/factories.ts';
import { ageAccount, createCategory } from '../../src/modules/forum/factories.ts';
import { insertTopic } from '../../src/modules/forum/factories.ts';

// Tools of the fault tests: a TCP proxy that the test can freeze or take down (the machine's PostgreSQL is
// never touched), members with API tokens to write with, and a write load that counts what was acknowledged.

/** A TCP proxy on 127.0.0.1 in front of a PostgreSQL server. */
export interface TcpProxy {
  port: number;
  /** Stops forwarding in both directions (connections stay open, new ones are accepted): a frozen server or network. */
  freeze(): void;
  /** Forwards again, everything held included. */
  unfreeze(): void;
  /** Cuts every connection and refuses new ones (they are closed at once): a server that went away. */
  down(): void;
  up(): void;
  /** Connections refused while down (each is one reconnection attempt). */
  refused(): number;
  close(): Promise<void>;
}

/** Starts a proxy to targetPort on 127.0.0.1. */
export async function startProxy(targetPort: number): Promise<TcpProxy> {
  let frozen = false;
  let isDown = false;
  let refusedCount = 0;
  const held: Array<[net.Socket, Buffer]> = [];
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (frozen) held.push([to, chunk]);
      else to.write(chunk);
    });
  };
  const server = net.createServer((socket) => {
    if (isDown) {
      refusedCount++;
      socket.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        socket.destroy();
        upstream.destroy();
      });
    }
    forward(socket, upstream);
    forward(upstream, socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => void (frozen = true),
    unfreeze() {
      frozen = false;
      for (const [to, chunk] of held.splice(0)) if (!to.destroyed) to.write(chunk);
    },
    down() {
      isDown = true;
      held.length = 0;
      for (const s of sockets) s.destroy();
    },
    up: () => void (isDown = false),
    refused: () => refusedCount,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The same connection string, through the proxy. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

export interface ForumWriters {
  topicId: number;
  /** API tokens of trusted members of the topic's organization. */
  tokens: string[];
}

/**
 * A public topic and `count` trusted members with API tokens: the forum allows a member 8 posts a minute,
 * so a load spreads its writes over many members and stays under the limit (a 429 is not what is measured).
 */
export async function seedForumWriters(db: Queryable, count: number): Promise<ForumWriters> {
  const org = await createOrganization(db);
  const category = await createCategory(db, org.id);
  const tokens: string[] = [];
  let firstUser = 0;
  for (let i = 0; i < count; i++) {
    const user = await createUser(db, { name: `Writer ${i}` });
    firstUser ||= user.id;
    await ageAccount(db, user.id);
    await grantRole(db, user.id, org.id, 'member');
    const token = newToken();
    await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, 'faults', $2)`, [user.id, hashToken(token)]);
    tokens.push(token);
  }
  const topicId = await insertTopic(db, category.id, { title: 'Night shift pay', body: 'The first post.', by: { userId: firstUser } });
  return { topicId, tokens };
}

/** One write's outcome: an HTTP status, or "network" when no answer came at all. */
export type Outcome = number | 'network';

export interface LoadResult {
  /** Bodies of the replies the app acknowledged (201). */
  acknowledged: string[];
  /** How many answers of each status (and network failures). */
  statuses: Record<string, number>;
  /** When each acknowledged write was sent (ms since the epoch). */
  acknowledgedSentAt: number[];
}

export interface WriteLoad {
  result: LoadResult;
  /** Resolves once `n` more writes than now have been acknowledged (or rejects at the deadline). */
  acknowledgedMore(n: number, deadlineMs?: number): Promise<void>;
  stop(): Promise<LoadResult>;
}

/**
 * Posts replies with `concurrency` writers until stopped, each token at most 7 times (under the flood limit).
 * A writer whose write failed waits a little before the next one, as a client would, so an outage does not
 * burn through the tokens.
 */
export function startWriteLoad(send: (token: string, body: string) => Promise<Outcome>, tokens: string[], concurrency = 4): WriteLoad {
  const result: LoadResult = { acknowledged: [], statuses: {}, acknowledgedSentAt: [] };
  const budget = tokens.flatMap((token) => Array.from({ length: 7 }, () => token));
  let next = 0;
  let stopped = false;
  const writer = async () => {
    while (!stopped && next < budget.length) {
      const n = next++;
      // Interleave tokens so that one member's writes are spread over the run.
      const token = budget[(n % tokens.length) * 7 + Math.floor(n / tokens.length)];
      if (token === undefined) break; // not reached: n < 7 × tokens.length
      const body = `Fault test reply ${n}: the line stops at six.`;
      const sentAt = Date.now();
      const outcome = await send(token, body).catch((): Outcome => 'network');
      result.statuses[outcome] = (result.statuses[outcome] ?? 0) + 1;
      if (outcome === 201) {
        result.acknowledged.push(body);
        result.acknowledgedSentAt.push(sentAt);
      } else await new Promise((r) => setTimeout(r, 100));
    }
  };
  const writers = Array.from({ length: concurrency }, writer);
  return {
    result,
    async acknowledgedMore(n, deadlineMs = 20_000) {
      const target = result.acknowledged.length + n;
      const deadline = Date.now() + deadlineMs;
      while (result.acknowledged.length < target) {
        if (Date.now() > deadline) {
          throw new Error(
            `Only ${result.acknowledged.length} of ${target} writes acknowledged in time: ${JSON.stringify(result.statuses)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      stopped = true;
      await Promise.all(writers);
      return result;
    },
  };
}

/** The acknowledged replies that are not in the topic (each should be there: 0 lost). */
export async function lostWrites(db: Queryable, topicId: number, acknowledged: string[]): Promise<string[]> {
  const { rows } = await db.query<{ body: string }>('SELECT body_source AS body FROM forum_posts WHERE topic_id = $1', [topicId]);
  const stored = new Set(rows.map((r) => r.body));
  return acknowledged.filter((body) => !stored.has(body));
}

/** Polls check every 50 ms until it returns true, or fails with what it waited for at the deadline. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, deadlineMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > deadlineMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

/** Whether a process is alive (EPERM: alive, but another user's, as the postgres server is when we are root). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Posts one reply through the API as the token's member; answers the status. */
export async function postReply(base: string, topicId: number, token: string, body: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/forum/topics/${topicId}/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
    signal: AbortSignal.timeout(15_000),
  });
  return response.status;
}
