import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { one } from '../../db/database.ts';
import { createMailer } from '../../core/mail.ts';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Decodes a quoted-printable body (soft line breaks and =XX bytes) as UTF-8. */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The text of a single-part message, whatever transfer encoding nodemailer chose. */
function bodyOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return decodeQuotedPrintable(body);
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

let smtp: SMTPServer;
let t: TestApp;
const inbox: ReceivedMail[] = [];
let arrived: (() => void) | null = null;

beforeAll(async () => {
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        arrived?.();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({ mailer: createMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Unionhall <no-reply@unionhall.test>') });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function nextMail(): Promise<ReceivedMail> {
  const count = inbox.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no mail arrived')), 10_000);
    arrived = () => {
      if (inbox.length > count) {
        clearTimeout(timer);
        resolve(inbox[inbox.length - 1]);
      }
    };
  });
}

describe('password reset over a real SMTP server', () => {
  it('delivers the reset mail, whose link sets a new password that logs in', async () => {
    const user = await createUser(t.db, { locale: 'vi', name: 'Trần Thị Hoa' });
    const client = new TestClient(t.app);
    const delivered = nextMail();
    const response = await client.post('/en/password/forgot', { email: user.email });
    expect(response.statusCode).toBe(303);
    const mail = await delivered;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe('no-reply@unionhall.test');
    const text = bodyOf(mail.raw);
    expect(text).toContain('Xin chào Trần Thị Hoa');
    const link = /http:\/\/127\.0\.0\.1:3000(\/vi\/password\/reset\/[A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();

    const form = await client.get(link![1]);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Chọn mật khẩu mới');
    const newPassword = 'mật khẩu mới rất dài';
    const reset = await client.post(link![1], { password: newPassword, passwordConfirmation: newPassword });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/vi/login');

    const old = await client.post('/vi/login', { identifier: user.email, password: TEST_PASSWORD });
    expect(old.statusCode).toBe(422);
    const login = await client.post('/vi/login', { identifier: user.email, password: newPassword });
    expect(login.statusCode).toBe(303);
    expect((await client.get('/vi/account')).statusCode).toBe(200);

    // Sent mail is logged without its body: the link does not outlive its delivery.
    let logged: { status: string; body_text: string } | undefined;
    for (let i = 0; i < 100 && !logged; i++) {
      logged = await one<{ status: string; body_text: string }>(t.db, 'SELECT status, body_text FROM mail_messages WHERE recipient = $1', [user.email]);
      if (!logged) await new Promise((r) => setTimeout(r, 50));
    }
    expect(logged).toEqual({ status: 'sent', body_text: '' });
  });
});
