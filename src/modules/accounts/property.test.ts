import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import { createUser, signIn } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Percent-encodes every byte, so raw bytes (e.g. a surrogate written as WTF-8) reach the server as they are. */
const encode = (value: string | Buffer) =>
  [...(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)].map((b) => '%' + b.toString(16).padStart(2, '0')).join('');
const formBody = (fields: Record<string, string | Buffer>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}=${encode(v)}`)
    .join('&');

// Hostile pieces that random strings rarely hit on their own.
const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u202Egpj.exe',
  '\u2066\u2069\u200F',
  '\uD800',
  '\uDFFF\uD83D',
  '\u0000\u0007\u001B',
  'ـً‌ي ك ۱۲۳',
  'Nguyễn Thị Đào',
  '&lt;&amp;&#x3c;',
  "'; DROP TABLE users; --",
);
const piece = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostile,
  fc.string({ minLength: 100, maxLength: 5000 }),
);
/** A random name with a probe tag somewhere in it: the tag must never appear unescaped in a page. */
const probedName = fc.tuple(fc.array(piece, { maxLength: 4 }), fc.nat()).map(([parts, n]) => {
  const probe = `<x-probe-${n}>`;
  const at = n % (parts.length + 1);
  return { name: [...parts.slice(0, at), probe, ...parts.slice(at)].join(''), probe };
});
const rawBytes = fc.uint8Array({ minLength: 1, maxLength: 30 }).map((bytes) => Buffer.from(bytes));

function expectSafe(body: string, probe: string) {
  expect(body).not.toContain(probe);
  expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(body).not.toMatch(/<x-probe/);
}

describe('property: sign-up with random input', () => {
  it('never answers 5xx and never shows markup unescaped', async () => {
    let n = 0;
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        probedName,
        fc.oneof(piece, fc.constant('')),
        piece,
        fc.oneof(rawBytes, piece),
        async ({ name, probe }, email, phone, password) => {
          await t.db.query('DELETE FROM rate_limits');
          const client = new TestClient(t.app);
          const token = csrfFrom((await client.get('/fa/signup')).body);
          const useRealEmail = n++ % 2 === 0;
          const response = await client.request({
            method: 'POST',
            url: '/fa/signup',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            // Even runs vary only the name (so accounts do get created and shown); odd runs vary every field.
            payload: formBody(
              useRealEmail
                ? {
                    name,
                    email: `prop-${n}-${Date.now()}@example.org`,
                    phone: '',
                    password: 'a long enough password',
                    locale: 'fa',
                    _csrf: token,
                  }
                : { name, email, phone, password, locale: 'fa', _csrf: token },
            ),
          });
          expect(response.statusCode).toBeLessThan(500);
          expectSafe(response.body, probe);
          if (response.statusCode === 303) {
            created++;
            const account = await client.get('/fa/account');
            expect(account.statusCode).toBe(200);
            expectSafe(account.body, probe);
          }
        },
      ),
      { numRuns: 60 },
    );
    // Half the runs use a valid address: some accounts must really have been created and shown.
    expect(created).toBeGreaterThan(0);
  }, 120_000);
});

describe('property: profile with random input', () => {
  it('never answers 5xx and never shows markup unescaped', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const token = csrfFrom((await client.get('/vi/account')).body);
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(probedName, fc.oneof(fc.constantFrom('fa', 'vi', 'en'), piece), async ({ name, probe }, locale) => {
        const response = await client.request({
          method: 'POST',
          url: '/vi/account',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody({ name, locale, _csrf: token }),
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 303) saved++;
        expectSafe(response.body, probe);
        const page = await client.get('/vi/account');
        expect(page.statusCode).toBe(200);
        expectSafe(page.body, probe);
      }),
      { numRuns: 100 },
    );
    expect(saved).toBeGreaterThan(0);
  }, 120_000);
  it('answers JSON text with a lone surrogate with 422, never 5xx', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const token = csrfFrom((await client.get('/en/account')).body);
    // Any UTF-16 code unit, so lone surrogates come up often; JSON.stringify writes them as "\udXXX" escapes.
    const codeUnits = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
      minLength: 1,
      maxLength: 20,
    });
    await fc.assert(
      fc.asyncProperty(codeUnits, async (name) => {
        const response = await client.request({
          method: 'POST',
          url: '/en/account',
          headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          payload: JSON.stringify({ name, locale: 'en' }),
        });
        expect(response.statusCode).toBeLessThan(500);
        if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name)) expect(response.statusCode).toBe(422);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
  it('answers raw invalid UTF-8 bytes with 400, never 5xx', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const token = csrfFrom((await client.get('/en/account')).body);
    await fc.assert(
      fc.asyncProperty(rawBytes, async (bytes) => {
        const valid = (() => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes);
            return true;
          } catch {
            return false;
          }
        })();
        const response = await client.request({
          method: 'POST',
          url: '/en/account',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody({ name: bytes, locale: 'en', _csrf: token }),
        });
        expect(response.statusCode).toBeLessThan(500);
        if (!valid) expect(response.statusCode).toBe(400);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
