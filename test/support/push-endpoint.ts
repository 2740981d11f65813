import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait.ts';

/**
 * A web push service for tests (RFC 8030), on 127.0.0.1: it checks each push's VAPID Authorization header (RFC 8292:
 * an ES256 JWT signed with the application server's key, audience = this origin) and decrypts the aes128gcm body
 * (RFC 8291 / RFC 8188) with the keys of a subscriber the test made, exactly as a browser would.
 */

/** A browser's side of a subscription: its P-256 key pair and auth secret, and the endpoint the push service gave it. */
export interface TestSubscriber {
  endpoint: string;
  /** PushSubscription.toJSON() as the browser would post it. */
  json: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** What the push service answers next (one status per push, then 201 for ever). */
  answers: number[];
  /** Pushes accepted (2xx) and decrypted, in order. */
  received: ReceivedPush[];
  /** Every request, whatever was answered. */
  requests: number;
}

export interface ReceivedPush {
  payload: unknown;
  headers: IncomingHttpHeaders;
  /** The JWT's claims (aud, exp, sub). */
  claims: { aud: string; exp: number; sub: string };
}

export interface PushEndpoint {
  origin: string;
  /** A new subscriber (its own keys and endpoint path). */
  subscriber(): TestSubscriber;
  /** Waits until a subscriber received `count` pushes (bounded; no fixed sleep). */
  waitForPushes(subscriber: TestSubscriber, count: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  /** Waits until a subscriber got `count` requests, whatever was answered. */
  waitForRequests(subscriber: TestSubscriber, count: number, timeoutMs?: number): Promise<void>;
  /** Problems found in a request (a bad signature, an undecryptable body); a test expects none. */
  problems: string[];
  close(): Promise<void>;
}

const b64 = (text: string) => Buffer.from(text, 'base64url');

/** Checks `Authorization: vapid t=<jwt>, k=<key>` against the expected public key and audience; returns the claims. */
export function checkVapid(authorization: string | undefined, publicKey: string, audience: string): ReceivedPush['claims'] {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID Authorization header: ${String(authorization)}`);
  if (match[2] !== publicKey) throw new Error('the VAPID key is not the application server key');
  const [header, claims, signature] = match[1].split('.') as [string, string, string];
  const point = b64(publicKey);
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const signed = verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, b64(signature));
  if (!signed) throw new Error('the VAPID JWT signature does not verify with the application server key');
  const head = JSON.parse(b64(header).toString('utf8')) as { alg?: string };
  if (head.alg !== 'ES256') throw new Error(`JWT alg is ${String(head.alg)}, not ES256`);
  const body = JSON.parse(b64(claims).toString('utf8')) as ReceivedPush['claims'];
  if (body.aud !== audience) throw new Error(`JWT aud is ${body.aud}, not ${audience}`);
  const now = Date.now() / 1000;
  if (!(body.exp > now && body.exp <= now + 24 * 3600 + 60)) throw new Error(`JWT exp ${body.exp} is not within the next 24 hours`);
  if (!/^(mailto:|https:)/.test(body.sub)) throw new Error(`JWT sub ${body.sub} is not mailto: or https:`);
  return body;
}

/** Decrypts an aes128gcm push body (RFC 8291 §3.4, one record) with the subscriber's private key and auth secret. */
export function decryptPush(body: Buffer, subscriberPrivate: ReturnType<typeof createECDH>, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const ecdhSecret = subscriberPrivate.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), subscriberPrivate.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record's plaintext is followed by the delimiter 0x02 and zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the plaintext does not end with the last-record delimiter 0x02');
  return padded.subarray(0, end);
}

/** Starts the push service; `applicationServerKey` is the app's VAPID public key (config.vapid.publicKey). */
export async function startPushEndpoint(applicationServerKey: string): Promise<PushEndpoint> {
  const subscribers = new Map<string, { subscriber: TestSubscriber; keys: ReturnType<typeof createECDH>; auth: Buffer }>();
  const problems: string[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = subscribers.get(request.url ?? '');
      if (!entry || request.method !== 'POST') {
        response.writeHead(404).end();
        return;
      }
      const { subscriber } = entry;
      subscriber.requests++;
      try {
        const claims = checkVapid(request.headers.authorization, applicationServerKey, origin);
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is not aes128gcm');
        if (!/^[0-9]+$/.test(String(request.headers.ttl))) throw new Error('no TTL header');
        const payload = JSON.parse(decryptPush(Buffer.concat(chunks), entry.keys, entry.auth).toString('utf8')) as unknown;
        const status = subscriber.answers.shift() ?? 201;
        if (status >= 200 && status < 300) subscriber.received.push({ payload, headers: request.headers, claims });
        response.writeHead(status).end();
      } catch (error) {
        problems.push((error as Error).message);
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    problems,
    subscriber() {
      const keys = createECDH('prime256v1');
      keys.generateKeys();
      const auth = randomBytes(16);
      const path = `/push/${randomBytes(8).toString('hex')}`;
      const endpoint = origin + path;
      const subscriber: TestSubscriber = {
        endpoint,
        json: { endpoint, keys: { p256dh: keys.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
        answers: [],
        received: [],
        requests: 0,
      };
      subscribers.set(path, { subscriber, keys, auth });
      return subscriber;
    },
    async waitForPushes(subscriber, count, timeoutMs = 15_000) {
      await waitFor(() => subscriber.received.length >= count || problems.length > 0, `${count} push(es) at ${subscriber.endpoint}`, {
        timeoutMs,
      });
      if (problems.length > 0) throw new Error(`the push endpoint refused a push: ${problems.join('; ')}`);
      return subscriber.received;
    },
    async waitForRequests(subscriber, count, timeoutMs = 15_000) {
      await waitFor(() => subscriber.requests >= count, `${count} request(s) at ${subscriber.endpoint}`, { timeoutMs });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
