import { describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, TEST_PASSWORD, type TestUser } from '../../../test/support/factories.ts';
import { LIMITS } from './domain/rate-limits.ts';
import { useUpLimit } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

// Every test client comes from the same address: each test starts with fresh rate-limit counters.
const t = appForTests({ freshRateLimits: true });

const A = '198.51.100.7';
const B = '203.0.113.20';
const WRONG = 'not the password at all';
const logIn = (client: TestClient, user: TestUser, password: string) => client.post('/en/login', { identifier: user.email, password });
const browserAt = (address: string) => new TestClient(t.app, {}, address);

/** Stands for failures spread over many addresses: the account-wide cap, used up (the per-address ones are not). */
async function useUpAccountCap(user: TestUser): Promise<void> {
  await useUpLimit(t.db, t.app.uh.config.sessionSecret, 'loginFailuresPerAccount', { subject: `email:${user.email}` });
}

describe('POST /:lang/login: failures by others do not lock the owner out', () => {
  it('throttles the guesser at their address while the owner logs in from another', async () => {
    const owner = await createUser(t.db);
    const attacker = browserAt(A);
    for (let i = 0; i < LIMITS.loginFailuresPerAccountAddress.max; i++) expect((await logIn(attacker, owner, WRONG)).statusCode).toBe(422);
    const stillLocked = await logIn(attacker, owner, TEST_PASSWORD);
    expect(stillLocked.statusCode).toBe(429);
    expect(stillLocked.headers['retry-after']).toBeDefined();
    // The owner, from their own address and a browser never seen before, with the right password.
    expect((await logIn(browserAt(B), owner, TEST_PASSWORD)).statusCode).toBe(303);
    // And the attacker stays throttled.
    expect((await logIn(attacker, owner, WRONG)).statusCode).toBe(429);
    // Another account tried from A is not affected by this pair's lock.
    const other = await createUser(t.db);
    expect((await logIn(attacker, other, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('lets the owner in from a known device or a known address after a distributed attack, and nobody else', async () => {
    const owner = await createUser(t.db);
    const ownersLaptop = browserAt('192.0.2.10');
    expect((await logIn(ownersLaptop, owner, TEST_PASSWORD)).statusCode).toBe(303);
    expect(ownersLaptop.cookies.has('uh_device')).toBe(true);
    expect((await ownersLaptop.post('/en/logout', {}, { from: '/en' })).statusCode).toBe(303);
    // A few real failures from several addresses, then the rest of the cap as if from thousands more.
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      expect((await logIn(browserAt(address), owner, WRONG)).statusCode).toBe(422);
    await useUpAccountCap(owner);
    // A stranger at a fresh address learns nothing: right and wrong passwords both answer 429.
    expect((await logIn(browserAt('198.51.100.99'), owner, WRONG)).statusCode).toBe(429);
    expect((await logIn(browserAt('198.51.100.98'), owner, TEST_PASSWORD)).statusCode).toBe(429);
    // The owner's device, even when they travel to an address never seen before.
    const travelling = new TestClient(t.app, {}, '203.0.113.200');
    for (const [name, value] of ownersLaptop.cookies) travelling.cookies.set(name, value);
    expect((await logIn(travelling, owner, TEST_PASSWORD)).statusCode).toBe(303);
    // A new browser at the owner's known address.
    expect((await logIn(browserAt('192.0.2.10'), owner, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('trusts a device for its own account only, and only until it fails too often', async () => {
    const owner = await createUser(t.db);
    const attackerAccount = await createUser(t.db);
    const attacker = browserAt(A);
    // The attacker's own device cookie is for the attacker's account: no use against the owner's.
    expect((await logIn(attacker, attackerAccount, TEST_PASSWORD)).statusCode).toBe(303);
    await useUpAccountCap(owner);
    expect((await logIn(attacker, owner, TEST_PASSWORD)).statusCode).toBe(429);
    // A forged device cookie naming the owner is not signed: ignored.
    const forger = browserAt(A);
    forger.cookies.set('uh_device', `${owner.id}.AAAAAAAAAAAAAAAAAAAAAAAA`);
    expect((await logIn(forger, owner, TEST_PASSWORD)).statusCode).toBe(429);
    // The owner's device that fails too often stops being trusted (a stolen laptop cannot guess on).
    await t.db.query('DELETE FROM rate_limits');
    const device = browserAt(B);
    expect((await logIn(device, owner, TEST_PASSWORD)).statusCode).toBe(303);
    const elsewhere = new TestClient(t.app, {}, '203.0.113.77');
    for (const [name, value] of device.cookies) if (name === 'uh_device') elsewhere.cookies.set(name, value);
    for (let i = 0; i < LIMITS.loginFailuresPerDevice.max; i++) expect((await logIn(elsewhere, owner, WRONG)).statusCode).toBe(422);
    await useUpAccountCap(owner);
    expect((await logIn(elsewhere, owner, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('keeps the per-address limit for strangers', async () => {
    await useUpLimit(t.db, t.app.uh.config.sessionSecret, 'loginPerAddress', { address: A });
    const owner = await createUser(t.db);
    expect((await logIn(browserAt(A), owner, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await logIn(browserAt(B), owner, TEST_PASSWORD)).statusCode).toBe(303);
  });
});

describe('the counters a login leaves', () => {
  it('name neither the address nor the account in clear', async () => {
    const user = await createUser(t.db);
    expect((await logIn(browserAt(A), user, WRONG)).statusCode).toBe(422);
    expect((await logIn(browserAt(A), user, TEST_PASSWORD)).statusCode).toBe(303);
    const { rows } = await t.db.query<{ key: string }>('SELECT key FROM rate_limits');
    expect(rows.length).toBeGreaterThan(1);
    const keys = rows.map((r) => r.key).join('\n');
    expect(keys).not.toContain(A);
    expect(keys).not.toContain(defined(user.email, 'user.email'));
    expect(keys).not.toMatch(new RegExp(`[:|]${user.id}(\\b|$)`, 'm'));
  });
});
