import { describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, signIn, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { many, one } from '../../../test/support/sql.ts';
import { hashToken } from '../../core/session.ts';
import { createPasswordReset, useUpLimit } from './factories.ts';
import { LIMITS } from './domain/rate-limits.ts';
import { defined } from '../../../test/support/defined.ts';
import { waitFor, waitForIdlePool } from '../../../test/support/wait.ts';

// Every test client comes from the same address: each test starts with fresh rate-limit counters.
const t = appForTests({ freshRateLimits: true });

const NEW_PASSWORD = 'a brand new password';

/** The reset mail is sent after the answer: wait for it to land in the outbox. */
async function heldMailTo(recipient: string): Promise<{ subject: string; body_text: string; status: string }> {
  let mail: { subject: string; body_text: string; status: string } | undefined;
  await waitFor(
    async () => {
      mail = await one(t.db, 'SELECT subject, body_text, status FROM mail_messages WHERE recipient = $1 ORDER BY id DESC LIMIT 1', [
        recipient,
      ]);
      return mail !== undefined;
    },
    `a mail to ${recipient}`,
    { everyMs: 50 },
  );
  return defined(mail, `the mail to ${recipient}`);
}

const linkIn = (text: string) =>
  defined(/http:\/\/127\.0\.0\.1:3000(\/[a-z]{2}\/password\/reset\/[A-Za-z0-9_-]+)/.exec(text)?.[1], 'the reset link');

async function resetLinkFor(email: string, lang = 'en'): Promise<string> {
  const client = new TestClient(t.app);
  const response = await client.post(`/${lang}/password/forgot`, { email });
  expect(response.statusCode).toBe(303);
  return linkIn((await heldMailTo(email)).body_text);
}

/** A reset token stored directly, for the expiry and reuse cases. */
const storedToken = (userId: number, validFor: string) => createPasswordReset(t.db, userId, validFor);

describe('GET /:lang/password/forgot', () => {
  it('asks for the email address and says phone-only accounts cannot use it', async () => {
    const response = await t.app.inject({ url: '/vi/password/forgot' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tài khoản chỉ có số điện thoại không thể đặt lại mật khẩu qua email.');
  });
});

describe('POST /:lang/password/forgot', () => {
  it('holds the mail in the outbox without SMTP, in the account’s language, with an absolute one-use link', async () => {
    const user = await createUser(t.db, { locale: 'fa', name: 'مریم' });
    const client = new TestClient(t.app);
    const response = await client.post('/en/password/forgot', { email: user.email });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/password/forgot');
    const mail = await heldMailTo(user.email);
    expect(mail.status).toBe('held');
    expect(mail.subject).toBe('بازیابی گذرواژهٔ Unionhall');
    expect(mail.body_text).toContain('مریم');
    expect(mail.body_text).toMatch(/http:\/\/127\.0\.0\.1:3000\/fa\/password\/reset\/[A-Za-z0-9_-]{43}/);
    // Only the token's hash is stored, valid for one hour.
    const token = defined(linkIn(mail.body_text).split('/').pop(), 'the token in the link');
    const stored = await one<{ minutes: number }>(
      t.db,
      `SELECT round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes FROM password_resets WHERE token_hash = $1`,
      [hashToken(token)],
    );
    expect(defined(stored, 'stored').minutes).toBe(60);
    expect(await one(t.db, 'SELECT 1 FROM password_resets WHERE token_hash = $1', [token])).toBeUndefined();
  });
  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    const known = await client.post('/en/password/forgot', { email: user.email });
    const unknown = await client.post('/en/password/forgot', { email: 'nobody-here@example.org' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.headers.location).toBe(known.headers.location);
    const page = await client.get('/en/password/forgot');
    expect(page.body).toContain('If an account uses this email address, a link to reset its password is on its way.');
    await heldMailTo(user.email);
    // Both requests' background work is done once the app's pool is idle: only then is "no mail" an answer.
    await waitForIdlePool(t.db, 'the reset requests to finish');
    expect(await many(t.db, 'SELECT 1 FROM mail_messages WHERE recipient = $1', ['nobody-here@example.org'])).toEqual([]);
  });
  it('rejects an empty or invalid address with 422, keeping it', async () => {
    const client = new TestClient(t.app);
    const empty = await client.post('/en/password/forgot', { email: '' });
    expect(empty.statusCode).toBe(422);
    const invalid = await client.post('/fa/password/forgot', { email: '<script>x</script>' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="&lt;script>x&lt;/script>"');
    expect(invalid.body).toContain('نشانی ایمیلی مانند');
  });
  it('refuses a post without a CSRF token with 403', async () => {
    const client = new TestClient(t.app);
    expect((await client.post('/en/password/forgot', { email: 'a@example.org' }, { csrf: false })).statusCode).toBe(403);
  });
  it(`sends at most ${LIMITS.resetPerAccount.max} reset mails an hour to one address`, async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    for (let i = 0; i < LIMITS.resetPerAccount.max; i++) {
      expect((await client.post('/en/password/forgot', { email: user.email })).statusCode).toBe(303);
    }
    const refused = await client.post('/vi/password/forgot', { email: user.email });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Bạn đã thử quá nhiều lần.');
    // Unknown addresses are limited the same way, so the limit reveals nothing either.
    for (let i = 0; i < LIMITS.resetPerAccount.max; i++) await client.post('/en/password/forgot', { email: 'ghost@example.org' });
    expect((await client.post('/en/password/forgot', { email: 'ghost@example.org' })).statusCode).toBe(429);
  });
  it(`limits reset requests from one address to ${LIMITS.resetPerAddress.max} an hour`, async () => {
    await useUpLimit(t.db, t.app.uh.config.sessionSecret, 'resetPerAddress', { address: '127.0.0.1' });
    const client = new TestClient(t.app);
    const response = await client.post('/fa/password/forgot', { email: 'someone@example.org' });
    expect(response.statusCode).toBe(429);
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
  });
});

describe('GET and POST /:lang/password/reset/:token', () => {
  it('sets a new password from the link, once, and ends every session', async () => {
    const user = await createUser(t.db);
    const otherDevice = new TestClient(t.app);
    await signIn(t.db, otherDevice, user.id);
    const link = await resetLinkFor(user.email);
    const client = new TestClient(t.app);
    expect((await client.get(link)).statusCode).toBe(200);
    const response = await client.post(link, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/login');
    expect((await client.get('/en/login')).body).toContain('Your password has been changed. Log in with the new one.');
    expect((await otherDevice.get('/en/account')).statusCode).toBe(303);
    expect((await client.post('/en/login', { identifier: user.email, password: TEST_PASSWORD })).statusCode).toBe(422);
    expect((await client.post('/en/login', { identifier: user.email, password: NEW_PASSWORD })).statusCode).toBe(303);
    // One use only.
    const again = await new TestClient(t.app).get(link);
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('This link no longer works');
    const audit = await one<{ action: string }>(
      t.db,
      `SELECT action FROM audit_log WHERE actor_id = $1 AND action = 'account.password_reset'`,
      [user.id],
    );
    expect(audit).toBeDefined();
  });
  it('lets the owner back in after a reset, even when someone else had locked the account with failed logins', async () => {
    const user = await createUser(t.db, { phone: '+84900000001' });
    const attacker = new TestClient(t.app);
    // The attacker shares the owner's address (one office, one connection): the account and address pair is locked.
    for (let i = 0; i < LIMITS.loginFailuresPerAccountAddress.max; i++)
      await attacker.post('/en/login', { identifier: user.email, password: 'guess guess guess' });
    for (let i = 0; i < LIMITS.loginFailuresPerAccountAddress.max; i++)
      await attacker.post('/en/login', { identifier: '+84900000001', password: 'guess guess guess' });
    expect((await attacker.post('/en/login', { identifier: user.email, password: TEST_PASSWORD })).statusCode).toBe(429);
    expect((await attacker.post('/en/login', { identifier: '+84900000001', password: TEST_PASSWORD })).statusCode).toBe(429);
    const link = await resetLinkFor(user.email);
    const owner = new TestClient(t.app);
    expect((await owner.post(link, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })).statusCode).toBe(303);
    expect((await owner.post('/en/login', { identifier: user.email, password: NEW_PASSWORD })).statusCode).toBe(303);
    expect((await new TestClient(t.app).post('/en/login', { identifier: '+84900000001', password: NEW_PASSWORD })).statusCode).toBe(303);
  });
  it('refuses an expired link', async () => {
    const user = await createUser(t.db);
    const token = await storedToken(user.id, '-1 minute');
    const client = new TestClient(t.app);
    expect((await client.get(`/en/password/reset/${token}`)).statusCode).toBe(404);
    const response = await client.post(
      `/en/password/reset/${token}`,
      { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
      { from: '/en/password/forgot' },
    );
    expect(response.statusCode).toBe(404);
    expect((await client.post('/en/login', { identifier: user.email, password: NEW_PASSWORD })).statusCode).toBe(422);
  });
  it('makes older links stop working once one is used', async () => {
    const user = await createUser(t.db);
    const first = await storedToken(user.id, '1 hour');
    const second = await storedToken(user.id, '1 hour');
    const client = new TestClient(t.app);
    expect(
      (await client.post(`/en/password/reset/${second}`, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })).statusCode,
    ).toBe(303);
    expect((await client.get(`/en/password/reset/${first}`)).statusCode).toBe(404);
  });
  it('answers an unknown or malformed token with the localized invalid-link page', async () => {
    const response = await t.app.inject({ url: '/vi/password/reset/not-a-token' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Liên kết này không còn dùng được');
    expect((await t.app.inject({ url: `/en/password/reset/${'a'.repeat(43)}` })).statusCode).toBe(404);
  });
  it('rejects a short password and a mismatched confirmation with 422, never echoing them', async () => {
    const user = await createUser(t.db);
    const token = await storedToken(user.id, '1 hour');
    const client = new TestClient(t.app);
    const short = await client.post(`/en/password/reset/${token}`, { password: 'short', passwordConfirmation: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Use a password of at least 10 characters.');
    const mismatch = await client.post(`/en/password/reset/${token}`, {
      password: NEW_PASSWORD,
      passwordConfirmation: 'something else entirely',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('The two passwords are not the same.');
    expect(mismatch.body).not.toContain(NEW_PASSWORD);
    // The link still works after a mistake.
    expect((await client.get(`/en/password/reset/${token}`)).statusCode).toBe(200);
  });
  it('refuses a post without a CSRF token with 403', async () => {
    const user = await createUser(t.db);
    const token = await storedToken(user.id, '1 hour');
    const client = new TestClient(t.app);
    expect(
      (await client.post(`/en/password/reset/${token}`, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }, { csrf: false }))
        .statusCode,
    ).toBe(403);
  });
});

describe('/:lang/account/password', () => {
  it('sends a visitor to log in, and back', async () => {
    const response = await t.app.inject({ url: '/en/account/password' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/login?next=%2Fen%2Faccount%2Fpassword');
  });
  it('refuses a visitor’s post', async () => {
    const client = new TestClient(t.app);
    const response = await client.post(
      '/en/account/password',
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD },
      { from: '/en/login' },
    );
    expect(response.statusCode).toBe(401);
  });
  it('changes the password, keeps this session and ends the others', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    const other = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    await signIn(t.db, other, user.id);
    const response = await client.post('/en/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/account');
    const account = await client.get('/en/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Your password has been changed.');
    expect((await other.get('/en/account')).statusCode).toBe(303);
    const audit = await one(t.db, `SELECT 1 FROM audit_log WHERE actor_id = $1 AND action = 'account.password_changed'`, [user.id]);
    expect(audit).toBeDefined();
    expect((await new TestClient(t.app).post('/en/login', { identifier: user.email, password: NEW_PASSWORD })).statusCode).toBe(303);
  });
  it('needs the current password', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const response = await client.post('/fa/account/password', {
      currentPassword: 'wrong password',
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('این گذرواژهٔ کنونی شما نیست.');
    expect(response.body).toContain('id="error-currentPassword"');
  });
  it('rejects empty, short and mismatched new passwords', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const empty = await client.post('/en/account/password', { currentPassword: '', newPassword: '', newPasswordConfirmation: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('id="error-currentPassword"');
    const short = await client.post('/en/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
      newPasswordConfirmation: 'short',
    });
    expect(short.body).toContain('Use a password of at least 10 characters.');
    const long = await client.post('/en/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'x'.repeat(201),
      newPasswordConfirmation: 'x'.repeat(201),
    });
    expect(long.statusCode).toBe(422);
  });
  it(`stops guessing the current password after ${LIMITS.passwordChangeFailuresPerAccount.max} failures`, async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    for (let i = 0; i < LIMITS.passwordChangeFailuresPerAccount.max; i++) {
      await client.post('/en/account/password', {
        currentPassword: `guess ${i} guess`,
        newPassword: NEW_PASSWORD,
        newPasswordConfirmation: NEW_PASSWORD,
      });
    }
    const response = await client.post('/en/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(429);
  });
  it('refuses a post without a CSRF token with 403', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    expect(
      (
        await client.post(
          '/en/account/password',
          { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD },
          { csrf: false },
        )
      ).statusCode,
    ).toBe(403);
  });
});
