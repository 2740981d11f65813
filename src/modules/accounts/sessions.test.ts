import { describe, expect, it } from 'vitest';
import { appForTests } from '../../../test/support/app.ts';
import { TestClient, csrfFrom } from '../../../test/support/client.ts';
import { createUser, signIn, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { one } from '../../../test/support/sql.ts';
import { LIMITS } from './domain/rate-limits.ts';
import { useUpLimit } from './factories.ts';
import { defined } from '../../../test/support/defined.ts';

// Every request here comes from 127.0.0.1: start each test with fresh counters.
const t = appForTests({ freshRateLimits: true });

const newPassword = 'a long enough password';
let n = 0;
const uniqueEmail = () => `signup-${Date.now()}-${n++}@example.org`;

describe('GET /:lang/signup', () => {
  it('shows the form in the page language with that language chosen', async () => {
    const response = await t.app.inject({ url: '/vi/signup' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tạo tài khoản');
    expect(response.body).toMatch(/<option value="vi" selected/);
  });
  it('is right to left in Persian', async () => {
    const response = await t.app.inject({ url: '/fa/signup' });
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
    expect(response.body).toContain('ساختن حساب کاربری');
  });
});

describe('POST /:lang/signup', () => {
  it('creates an account with an email, signs in and goes to the chosen language', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail();
    const response = await client.post('/en/signup', {
      name: 'Lan Nguyễn',
      email: ` ${email.toUpperCase()} `,
      phone: '',
      password: newPassword,
      locale: 'vi',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/vi');
    const user = await one<{ name: string; locale: string; phone: string | null; password_hash: string }>(
      t.db,
      'SELECT * FROM users WHERE email = $1',
      [email],
    );
    expect(user).toMatchObject({ name: 'Lan Nguyễn', locale: 'vi', phone: null });
    expect(defined(user, 'user').password_hash).toMatch(/^\$argon2id\$/);
    const home = await client.get('/vi');
    expect(home.body).toContain('Lan Nguyễn');
    expect(home.body).toContain('Chào mừng bạn!');
  });
  it('creates a phone-only account, normalizing Persian digits and spaces', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/fa/signup', {
      name: 'رضا',
      email: '',
      phone: '۰۹۱۲ ۳۴۵ ۶۷۸۹',
      password: newPassword,
      locale: 'fa',
    });
    expect(response.statusCode).toBe(303);
    const user = await one<{ email: string | null }>(t.db, `SELECT email FROM users WHERE phone = '09123456789'`);
    expect(user).toEqual({ email: null });
  });
  it('asks for an email or a phone when both are empty, keeping what was typed but never the password', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/en/signup', { name: 'Mina', email: '', phone: '', password: newPassword, locale: 'en' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Enter an email address or a phone number (or both).');
    expect(response.body).toContain('value="Mina"');
    expect(response.body).not.toContain(newPassword);
  });
  it('rejects empty fields with a message beside each, in the page language', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/vi/signup', { name: '', email: '', phone: '', password: '', locale: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="error-name"');
    expect(response.body).toContain('id="error-password"');
    expect(response.body).toContain('id="error-locale"');
    expect(response.body).toContain('<html lang="vi"');
  });
  it('rejects an invalid email, an invalid phone and a short password', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/en/signup', {
      name: 'Mina',
      email: 'not-an-email',
      phone: '12ab',
      password: 'short',
      locale: 'en',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Enter an email address such as name@example.org.');
    expect(response.body).toContain('Enter a phone number of 6 to 15 digits');
    expect(response.body).toContain('Use a password of at least 10 characters.');
    expect(response.body).toContain('value="not-an-email"');
  });
  it('rejects an over-long name and an unknown language', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/en/signup', { name: 'x'.repeat(121), email: uniqueEmail(), password: newPassword, locale: 'de' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Enter at most 120 characters.');
    expect(response.body).toContain('Choose one of the options.');
  });
  it('rejects right-to-left override characters in the name with the localized message', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/fa/signup', {
      name: 'evil\u202Egpj.exe',
      email: uniqueEmail(),
      password: newPassword,
      locale: 'fa',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('نویسه‌های پنهانِ تغییر جهت متن را از این بخش حذف کنید.');
  });
  it('stores markup in a name as text and shows it escaped', async () => {
    const client = new TestClient(t.app);
    const name = '<script>alert(1)</script><b>Bold</b>';
    const response = await client.post('/en/signup', { name, email: uniqueEmail(), password: newPassword, locale: 'en' });
    expect(response.statusCode).toBe(303);
    const page = await client.get('/en/account');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('<b>Bold</b>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>&lt;b>Bold&lt;/b>');
  });
  it('says the same generic thing for a taken email address, revealing nothing more', async () => {
    const existing = await createUser(t.db);
    const client = new TestClient(t.app);
    const response = await client.post('/en/signup', { name: 'Someone', email: existing.email, password: newPassword, locale: 'en' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('We could not create the account. If you already have one, log in or reset your password.');
    expect(response.body).not.toMatch(/already (taken|registered|in use)/i);
    const count = await one<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM users WHERE email = $1', [existing.email]);
    expect(defined(count, 'count').n).toBe(1);
  });
  it('refuses a post without a CSRF token with 403', async () => {
    const client = new TestClient(t.app);
    const response = await client.post(
      '/en/signup',
      { name: 'Mina', email: uniqueEmail(), password: newPassword, locale: 'en' },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired.');
  });
  it('answers invalid UTF-8 percent-encoding with a 4xx, never a 500', async () => {
    const client = new TestClient(t.app);
    const token = csrfFrom((await client.get('/en/signup')).body);
    const response = await client.request({
      method: 'POST',
      url: '/en/signup',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `name=%C3%28%FF%FE&email=a%40b.org&password=${encodeURIComponent(newPassword)}&locale=en&_csrf=${encodeURIComponent(token)}`,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
  it('answers a 10 MB body with a localized 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/fa/signup',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=' + 'a'.repeat(10 * 1024 * 1024),
    });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('<html lang="fa" dir="rtl">');
    expect(response.body).toContain('بزرگ');
  });
  it(`limits sign-ups from one address to ${LIMITS.signUpPerAddress.max} an hour (429, localized)`, async () => {
    await useUpLimit(t.db, t.app.uh.config.sessionSecret, 'signUpPerAddress', { address: '127.0.0.1' });
    const client = new TestClient(t.app);
    const response = await client.post('/vi/signup', { name: 'Mina', email: uniqueEmail(), password: newPassword, locale: 'vi' });
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).toContain('Bạn đã thử quá nhiều lần.');
  });
});

describe('GET /:lang/login', () => {
  it('shows the form, keeping a local next path in the form address', async () => {
    const response = await t.app.inject({ url: '/en/login?next=%2Fen%2Faccount%2Ftokens' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('action="/en/login?next=%2Fen%2Faccount%2Ftokens"');
  });
  it('drops a next that points off the site', async () => {
    const response = await t.app.inject({ url: '/en/login?next=%2F%2Fevil.example%2F' });
    expect(response.body).toContain('action="/en/login"');
  });
});

describe('POST /:lang/login', () => {
  it('logs in by email with a new session id and goes to the user’s language', async () => {
    const user = await createUser(t.db, { locale: 'fa' });
    const client = new TestClient(t.app);
    client.cookies.set('uh_session', 'fixated-session-id-chosen-by-an-attacker');
    const response = await client.post('/en/login', { identifier: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/fa');
    const cookie = defined(
      response.cookies.find((c) => c.name === 'uh_session'),
      'the item found',
    );
    expect(cookie.value).not.toBe('fixated-session-id-chosen-by-an-attacker');
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await client.get('/fa/account')).statusCode).toBe(200);
  });
  it('logs in by phone number typed with spaces and Persian digits', async () => {
    const user = await createUser(t.db, { phone: '+989121112233' });
    const client = new TestClient(t.app);
    const response = await client.post('/fa/login', { identifier: '+۹۸ ۹۱۲ ۱۱۱ ۲۲۳۳', password: TEST_PASSWORD });
    expect(response.statusCode).toBe(303);
    const me = await client.request({ method: 'GET', url: '/api/v1/me' });
    expect(me.json().id).toBe(user.id);
  });
  it('follows a local next path after login', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    const response = await client.post('/en/login?next=%2Fvi%2Faccount%2Ftokens', { identifier: user.email, password: TEST_PASSWORD });
    expect(response.headers.location).toBe('/vi/account/tokens');
  });
  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x=1'])(
    'never redirects off the site (next=%s)',
    async (next) => {
      const user = await createUser(t.db);
      const client = new TestClient(t.app);
      const response = await client.post(`/en/login?next=${encodeURIComponent(next)}`, { identifier: user.email, password: TEST_PASSWORD });
      expect(response.statusCode).toBe(303);
      const location = String(response.headers.location);
      expect(location.startsWith('/') && !location.startsWith('//') && !location.includes('\\')).toBe(true);
      expect(location).not.toContain('evil');
    },
  );
  it('answers a wrong password and an unknown account with the same message and status', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    const wrong = await client.post('/en/login', { identifier: user.email, password: 'not the password' });
    const unknown = await client.post('/en/login', { identifier: 'nobody@example.org', password: 'not the password' });
    expect(wrong.statusCode).toBe(422);
    expect(unknown.statusCode).toBe(422);
    const message = 'The email address or phone number and password do not match an account.';
    expect(wrong.body).toContain(message);
    expect(unknown.body).toContain(message);
    expect(wrong.body).toContain(`value="${user.email}"`);
    expect(wrong.body).not.toContain('not the password');
    expect(unknown.body.replace('nobody@example.org', user.email).replace(/value="[^"]{20,}"/g, '')).toBe(
      wrong.body.replace(/value="[^"]{20,}"/g, ''),
    );
  });
  it('rejects empty and over-long input with 422', async () => {
    const client = new TestClient(t.app);
    const empty = await client.post('/en/login', { identifier: '', password: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('This field is required.');
    const long = await client.post('/en/login', { identifier: 'a'.repeat(300), password: 'x'.repeat(300) });
    expect(long.statusCode).toBe(422);
  });
  it('refuses a post without a CSRF token with 403', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    const response = await client.post('/en/login', { identifier: user.email, password: TEST_PASSWORD }, { csrf: false });
    expect(response.statusCode).toBe(403);
  });
  it(`locks an account from one address after ${LIMITS.loginFailuresPerAccountAddress.max} failures, even with the right password, counting only failures`, async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    // Successes do not count.
    for (let i = 0; i < LIMITS.loginFailuresPerAccountAddress.max + 1; i++) {
      expect((await client.post('/en/login', { identifier: user.email, password: TEST_PASSWORD })).statusCode).toBe(303);
    }
    // A new browser at the same address: not a known device of the account.
    const stranger = new TestClient(t.app);
    for (let i = 0; i < LIMITS.loginFailuresPerAccountAddress.max; i++) {
      expect((await stranger.post('/en/login', { identifier: user.email, password: 'wrong password' })).statusCode).toBe(422);
    }
    const locked = await stranger.post('/fa/login', { identifier: user.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('تلاش‌ها بیش از اندازه بوده است.');
    // The owner's own browser is a known device: it still gets in.
    expect((await client.post('/en/login', { identifier: user.email, password: TEST_PASSWORD })).statusCode).toBe(303);
    // Another account from the same address is not affected.
    const other = await createUser(t.db);
    expect((await stranger.post('/en/login', { identifier: other.email, password: TEST_PASSWORD })).statusCode).toBe(303);
    // The counter is stored hashed: no email address in the table.
    const keys = await t.db.query<{ key: string }>('SELECT key FROM rate_limits');
    expect(keys.rows.some((r) => r.key.includes('@'))).toBe(false);
  }, 60_000);
  it(`limits login attempts from one address to ${LIMITS.loginPerAddress.max} per window`, async () => {
    await useUpLimit(t.db, t.app.uh.config.sessionSecret, 'loginPerAddress', { address: '127.0.0.1' });
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    const response = await client.post('/vi/login', { identifier: user.email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).toContain('<html lang="vi"');
  });
});

describe('POST /:lang/logout', () => {
  it('ends the session and clears the cookie', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const response = await client.post('/en/logout', {}, { from: '/en' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en');
    const sessions = await one<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [user.id]);
    expect(defined(sessions, 'sessions').n).toBe(0);
    expect((await client.get('/en/account')).statusCode).toBe(303);
  });
  it('refuses a logout without a CSRF token with 403 (no logout by a cross-site form)', async () => {
    const user = await createUser(t.db);
    const client = new TestClient(t.app);
    await signIn(t.db, client, user.id);
    const response = await client.post('/en/logout', {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect((await client.get('/en/account')).statusCode).toBe(200);
  });
});
