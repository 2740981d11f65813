import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { startSmtpPeer } from '../../../test/support/smtp-peer.ts';
import { one } from '../../../test/support/sql.ts';
import { createMailer } from '../../core/mail.ts';
import { defined } from '../../../test/support/defined.ts';
import { waitFor } from '../../../test/support/wait.ts';

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let t: TestApp;

beforeAll(async () => {
  peer = await startSmtpPeer();
  t = await createTestApp({ mailer: createMailer(peer.url, 'Unionhall <no-reply@unionhall.test>') });
});
afterAll(async () => {
  await t?.close();
  await peer?.close();
});

describe('password reset over a real SMTP server', () => {
  it('delivers the reset mail, whose link sets a new password that logs in', async () => {
    const user = await createUser(t.db, { locale: 'vi', name: 'Trần Thị Hoa' });
    const client = new TestClient(t.app);
    const response = await client.post('/en/password/forgot', { email: user.email });
    expect(response.statusCode).toBe(303);
    const [mail] = await peer.waitFor(1, 10_000);
    expect(defined(mail, 'mail').to).toEqual([user.email]);
    expect(defined(mail, 'mail').from).toBe('no-reply@unionhall.test');
    const text = defined(mail, 'mail').text;
    expect(text).toContain('Xin chào Trần Thị Hoa');
    const link = /http:\/\/127\.0\.0\.1:3000(\/vi\/password\/reset\/[A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();

    const form = await client.get(defined(link?.[1], 'link[1]'));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Chọn mật khẩu mới');
    const newPassword = 'mật khẩu mới rất dài';
    const reset = await client.post(defined(link?.[1], 'link[1]'), { password: newPassword, passwordConfirmation: newPassword });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/vi/login');

    const old = await client.post('/vi/login', { identifier: user.email, password: TEST_PASSWORD });
    expect(old.statusCode).toBe(422);
    const login = await client.post('/vi/login', { identifier: user.email, password: newPassword });
    expect(login.statusCode).toBe(303);
    expect((await client.get('/vi/account')).statusCode).toBe(200);

    // Sent mail is logged without its body: the link does not outlive its delivery.
    let logged: { status: string; body_text: string } | undefined;
    await waitFor(
      async () => {
        logged = await one(t.db, 'SELECT status, body_text FROM mail_messages WHERE recipient = $1', [user.email]);
        return logged !== undefined;
      },
      'the sent mail in the log',
      { everyMs: 50 },
    );
    expect(logged).toEqual({ status: 'sent', body_text: '' });
  });
});
