import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, type Hash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { one, withBeforeCommit, type Pool, type Queryable } from '../db/database.ts';
import { builtContext } from './context.ts';
import { HttpError, LoginRequiredError } from './errors.ts';

// Safe retries (issue 8). A client whose write committed but whose answer was lost retries with the
// same Idempotency-Key (API) or resubmits the same form (its hidden `_nonce`): the first request runs,
// a replay gets the first answer without running again.
//
// The table must not tie an anonymous post to its author for whoever holds the database or a backup:
// a row holds only a keyed hash of (caller, key), a keyed hash of the request, a random owner token,
// the answer encrypted (AES-256-GCM) under a key derived from the client's key and a server secret,
// and times rounded to the minute (lease) and the hour (expiry). No user id, session, address or post
// id is stored in clear; without the client's key, even the server's secret does not open an answer.

/** The request header of the IETF draft "The Idempotency-Key HTTP Header Field". */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The response header set on an answer replayed from the store. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** The hidden form field the shared Form component adds beside `_csrf`. */
export const NONCE_FIELD = '_nonce';
/** Longest Idempotency-Key accepted (the draft suggests a UUID; Stripe allows 255). */
export const MAX_KEY_LENGTH = 255;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
// Visible ASCII; a Structured Field string ("…") is unquoted first.
const KEY_PATTERN = /^[\x21-\x7E]+$/;
// Only the flash message of a redirect is replayed: a session or CSRF cookie is never stored.
const REPLAYED_COOKIES = ['uh_flash='];
const PURGE_EVERY_MS = 10 * 60 * 1000;

type Kind = 'api' | 'form';

/** What a request that holds a key needs until its answer is stored. */
interface Claim {
  kind: Kind;
  keyHash: Buffer;
  owner: Buffer;
  answerKey: Buffer;
  committed: boolean;
}

/** An answer as stored, before encryption. */
interface StoredAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

const claims = new WeakMap<FastifyRequest, Claim>();

/** A fresh form nonce (128 random bits), one per rendered form. */
export function newFormNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** The key everything here is derived from: the anonymity key, so the session secret alone opens nothing. */
function serverKey(anonymityKey: string): Buffer {
  return createHmac('sha256', anonymityKey).update('unionhall idempotency v1').digest();
}

/** Reads the Idempotency-Key header: undefined when absent, the key when valid; throws a 400 otherwise. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw new HttpError(400, 'errors.idempotencyKeyInvalid');
  const trimmed = header.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key) || key.includes('"')) {
    throw new HttpError(400, 'errors.idempotencyKeyInvalid');
  }
  return key;
}

/** Feeds a parsed body into a hash in a canonical form: sorted keys, files by their bytes, `_csrf`/`_nonce` left out. */
function digestValue(hash: Hash, value: unknown, top = false): void {
  if (value === undefined) hash.update('u');
  else if (value === null) hash.update('n');
  else if (typeof value === 'string') hash.update(`s${Buffer.byteLength(value)}:`).update(value);
  else if (typeof value === 'number' || typeof value === 'boolean') hash.update(`p${JSON.stringify(value)};`);
  else if (Buffer.isBuffer(value)) hash.update(`b${value.length}:`).update(value);
  else if (Array.isArray(value)) {
    hash.update(`a${value.length}[`);
    for (const item of value) digestValue(hash, item);
    hash.update(']');
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !(top && (key === '_csrf' || key === NONCE_FIELD)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(`o${entries.length}{`);
    for (const [key, item] of entries) {
      digestValue(hash, key);
      digestValue(hash, item);
    }
    hash.update('}');
  } else hash.update('?');
}

/** A digest of what the request asks: method, URL and body. */
function requestDigest(request: FastifyRequest): Buffer {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  digestValue(hash, request.body, true);
  return hash.digest();
}

function encrypt(key: Buffer, answer: StoredAnswer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

function decrypt(key: Buffer, stored: Buffer): StoredAnswer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(0, 12));
    decipher.setAuthTag(stored.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8')) as StoredAnswer;
  } catch {
    return null; // the anonymity key changed since: the answer cannot be known
  }
}

/** Deletes the rows whose 24 hours are over; returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Queryable): Promise<number> {
  const result = await db.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  return result.rowCount ?? 0;
}

type ClaimResult = { mine: true } | { mine: false; sameRequest: boolean; committed: boolean; leased: boolean; response: Buffer | null };

/**
 * Takes the key, or reads who has it. A row whose 24 hours are over, or whose request never committed
 * and whose lease ran out (its process died), is taken over; the new owner token makes the old request's
 * commit fail, so two requests with one key never both write.
 */
/** A key another request holds: which request, whether it committed, whether its lease runs, its stored response. */
const IdempotencyKeyRow = z.object({
  requestHash: z.instanceof(Buffer),
  committed: z.boolean(),
  leased: z.boolean(),
  response: z.instanceof(Buffer).nullable(),
});

async function claimKey(db: Pool, keyHash: Buffer, requestHash: Buffer, owner: Buffer): Promise<ClaimResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await db.query(
      `INSERT INTO idempotency_keys (key_hash, request_hash, owner, lease_until, expires_at)
       VALUES ($1, $2, $3, date_trunc('minute', now()) + interval '3 minutes', date_trunc('hour', now()) + interval '25 hours')
       ON CONFLICT (key_hash) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, owner = EXCLUDED.owner, committed = false, response = NULL,
             lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
            OR (idempotency_keys.response IS NULL AND NOT idempotency_keys.committed AND idempotency_keys.lease_until <= now())
       RETURNING 1`,
      [keyHash, requestHash, owner],
    );
    if (taken.rowCount) return { mine: true };
    const existing = await one(
      db,
      IdempotencyKeyRow,
      `SELECT request_hash AS "requestHash", committed, lease_until > now() AS leased, response FROM idempotency_keys WHERE key_hash = $1`,
      [keyHash],
    );
    if (existing)
      return {
        mine: false,
        sameRequest: existing.requestHash.equals(requestHash),
        committed: existing.committed,
        leased: existing.leased,
        response: existing.response,
      };
    // Purged between the two statements: try again.
  }
  throw new HttpError(409, 'errors.idempotencyInProgress');
}

/** True when an answer is final, so a replay gets it; otherwise the key is given back for a real retry. */
function isFinal(kind: Kind, status: number): boolean {
  // A form's 4xx (an invalid form re-rendered with 422, an expired page) must not use up its nonce.
  if (kind === 'form') return status < 400;
  return status < 500 && ![408, 409, 425, 429].includes(status);
}

function answerOf(reply: FastifyReply, payload: unknown): StoredAnswer | null {
  const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : null;
  if (body === null) return null; // a stream: not replayable
  const headers: StoredAnswer['headers'] = {};
  for (const name of ['content-type', 'location', 'cache-control']) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  const cookies = reply.getHeader('set-cookie');
  const kept = (Array.isArray(cookies) ? cookies : cookies === undefined ? [] : [String(cookies)]).filter((c) =>
    REPLAYED_COOKIES.some((p) => c.startsWith(p)),
  );
  if (kept.length) headers['set-cookie'] = kept;
  return { status: reply.statusCode, headers, body };
}

/** Which key applies to a request, if any: the API header, or a signed-in user's form nonce; with whose it is. */
function keyOf(request: FastifyRequest): { kind: Kind; key: string; userId: number } | undefined {
  if (!UNSAFE_METHODS.has(request.method) || !builtContext(request)) return undefined;
  if (request.url.startsWith('/api/')) {
    const key = request.url.startsWith('/api/v1/') ? parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]) : undefined;
    if (key === undefined) return undefined;
    if (!request.ctx.user) throw new LoginRequiredError();
    return { kind: 'api', key, userId: request.ctx.user.id };
  }
  const body = request.body as Record<string, unknown> | undefined;
  const nonce = body && typeof body === 'object' ? body[NONCE_FIELD] : undefined;
  // Forms without the field (pages cached before it existed) and visitors' forms (login, sign-up) work as before.
  if (nonce === undefined || !request.ctx.user) return undefined;
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) throw new HttpError(400, 'errors.badRequest');
  return { kind: 'form', key: nonce, userId: request.ctx.user.id };
}

/**
 * Makes API writes with an Idempotency-Key, and forms with a nonce, safe to retry: one preHandler
 * (after the CSRF check) takes the key or answers from the store, one onSend stores the answer.
 */
export function installIdempotency(app: FastifyInstance): void {
  const { db, config } = app.uh;
  const secret = serverKey(config.anonymityKey);
  let lastPurge = 0;

  app.addHook('preHandler', (request, reply, done) => {
    let found: ReturnType<typeof keyOf>;
    try {
      found = keyOf(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (!found) {
      done();
      return;
    }
    const { kind, key, userId } = found;
    const scope = `${kind}\0${userId}\0${key}`;
    const digest = requestDigest(request);
    // A form's nonce is taken together with what the form says: the same nonce with other content (edited
    // after the back button) is a new submission; for the API the draft asks for a 422 instead.
    const keyHash = createHmac('sha256', secret)
      .update(kind === 'form' ? `${scope}\0${digest.toString('hex')}` : scope)
      .digest();
    const requestHash = createHmac('sha256', secret).update(digest).digest();
    const answerKey = Buffer.from(hkdfSync('sha256', secret, 'unionhall idempotent answer', scope, 32));
    const owner = randomBytes(16);

    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      purgeExpiredIdempotencyKeys(db).catch((err: unknown) => request.log.warn({ err }, 'idempotency purge failed'));
    }

    claimKey(db, keyHash, requestHash, owner)
      .then((result) => {
        if (result.mine) {
          const claim: Claim = { kind, keyHash, owner, answerKey, committed: false };
          claims.set(request, claim);
          // Every transaction of this request marks the key as used just before it commits, in the same
          // transaction: a key whose write committed is never run again, even if its answer is lost.
          const markCommitted = async (tx: Queryable) => {
            const marked = await tx.query(`UPDATE idempotency_keys SET committed = true WHERE key_hash = $1 AND owner = $2`, [
              keyHash,
              owner,
            ]);
            if (!marked.rowCount) throw new HttpError(409, 'errors.idempotencyInProgress');
            claim.committed = true;
          };
          withBeforeCommit(markCommitted, () => done());
          return;
        }
        if (kind === 'api' && !result.sameRequest) {
          done(new HttpError(422, 'errors.idempotencyKeyReused'));
          return;
        }
        const answer = result.response ? decrypt(answerKey, result.response) : null;
        if (answer) {
          for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
          reply.code(answer.status).header(REPLAYED_HEADER, 'true').send(answer.body);
          return;
        }
        if (result.leased && !result.committed) {
          reply.header('retry-after', '1');
          done(new HttpError(409, 'errors.idempotencyInProgress'));
          return;
        }
        // The first request's write committed but its answer was never stored (the database went away).
        done(new HttpError(409, 'errors.idempotencyOutcomeLost'));
      }, done)
      .catch((error: unknown) => {
        // Only a fault in the lines above lands here (the handler's own errors go to the error handler).
        if (!reply.sent) reply.send(error);
      });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const answer = claim.committed || isFinal(claim.kind, reply.statusCode) ? answerOf(reply, payload) : null;
    try {
      if (answer) {
        await db.query(`UPDATE idempotency_keys SET response = $3 WHERE key_hash = $1 AND owner = $2`, [
          claim.keyHash,
          claim.owner,
          encrypt(claim.answerKey, answer),
        ]);
      } else if (!claim.committed) {
        await db.query(`DELETE FROM idempotency_keys WHERE key_hash = $1 AND owner = $2 AND NOT committed`, [claim.keyHash, claim.owner]);
      }
    } catch (err) {
      // The answer still goes out; a retry then learns that the first request was carried out.
      request.log.warn({ err }, 'idempotency answer not stored');
    }
    return payload;
  });
}
