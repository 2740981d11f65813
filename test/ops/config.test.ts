import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, VAPID_FILE, loadConfig, vapidPublicKeyOf } from '../../src/config.ts';
import { defined } from '../support/defined.ts';
import { withReadOnly } from './support.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'unionhall-config-'));

function messageFor(env: Record<string, string>): string {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: dir,
      baseUrl: 'http://127.0.0.1:3000',
      smtpUrl: undefined,
      seedDemo: true,
      logLevel: 'info',
      defaultLanguage: 'en',
      runJobs: true,
      secureCookies: false,
    });
    expect(loadConfig({}).dataDir).toBe(path.resolve('./data'));
  });

  const PORT_RULE = 'PORT: must be a whole number from 0 to 65535, written in digits only';
  it.each([
    [{ PORT: 'abc' }, PORT_RULE],
    [{ PORT: '70000' }, PORT_RULE],
    [{ PORT: '-1' }, PORT_RULE],
    [{ PORT: '3108.5' }, PORT_RULE],
    [{ PORT: '0xC24' }, PORT_RULE],
    [{ PORT: '1e3' }, PORT_RULE],
    [{ PORT: ' 80' }, PORT_RULE],
    [{ PORT: '99999999999999999999' }, PORT_RULE],
    [{ HOST: '999.1.1.1' }, 'HOST: must be an IP address of this machine'],
    [{ HOST: 'no such host name' }, 'HOST: must be an IP address of this machine'],
    [{ HOST: '127.0.0.1:3000' }, 'HOST: must be an IP address of this machine'],
    [
      { DATABASE_URL: 'postgres://x@localhost:99999/db' },
      'DATABASE_URL: is not a valid URL: check the host name, that the port is a number from 1 to 65535',
    ],
    [{ DATABASE_URL: 'postgres://x:pass#word@localhost/db' }, 'are percent-encoded (@ as %40)'],
    [{ DATABASE_URL: 'mysql://user@localhost/unionhall' }, 'DATABASE_URL: must start with postgres:// or postgresql://'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET: must be at least 32 characters long'],
    [{ ANONYMITY_KEY: 'short' }, 'ANONYMITY_KEY: must be at least 32 characters long'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL: must start with smtp:// or smtps://'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO: must be one of 1, 0, true, false, yes, no, on, off'],
    [{ RUN_JOBS: 'sometimes' }, 'RUN_JOBS: must be one of'],
    [{ BASE_URL: 'unionhall.example.org' }, 'BASE_URL: must be an absolute URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL:'],
    [{ DEFAULT_LANGUAGE: 'de' }, 'DEFAULT_LANGUAGE:'],
  ])('rejects %o naming the variable and what to fix', (env, expected) => {
    const message = messageFor(env);
    expect(message).toContain(expected);
    expect(message).toContain('See the configuration table');
  });

  it('lists every wrong variable at once', () => {
    const message = messageFor({ PORT: 'abc', SEED_DEMO: 'maybe', SMTP_URL: 'ftp://x' });
    expect(message).toMatch(/PORT:.*\n.*SMTP_URL:.*\n.*SEED_DEMO:|PORT:[\s\S]*SEED_DEMO:[\s\S]*SMTP_URL:/);
  });

  it('accepts good values', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://app@db.internal:5432/unionhall',
      SESSION_SECRET: 's'.repeat(40),
      ANONYMITY_KEY: 'a'.repeat(40),
      BASE_URL: 'https://unionhall.example.org/',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      SEED_DEMO: 'off',
      LOG_LEVEL: 'warn',
      DEFAULT_LANGUAGE: 'fa',
      RUN_JOBS: 'no',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      baseUrl: 'https://unionhall.example.org',
      secureCookies: true,
      seedDemo: false,
      runJobs: false,
      defaultLanguage: 'fa',
    });
  });

  it('generates SESSION_SECRET and ANONYMITY_KEY once, keeps them in the data directory, readable by the owner only', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.anonymityKey.length).toBeGreaterThanOrEqual(32);
    expect(first.sessionSecret).not.toBe(first.anonymityKey);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first.sessionSecret);
    expect(statSync(path.join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'anonymity-key')).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.anonymityKey).toBe(first.anonymityKey);
    const fromEnv = loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) });
    expect(fromEnv.sessionSecret).toBe('x'.repeat(40));
  });

  it('generates the VAPID key pair once into the data directory (mode 0600), or takes both keys from the environment', () => {
    const dir = dataDir();
    const first = defined(loadConfig({ DATA_DIR: dir }).vapid, 'generated keys');
    expect(first.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/); // 0x04: an uncompressed point
    expect(vapidPublicKeyOf(first.privateKey)).toBe(first.publicKey);
    expect(first.subject).toBe('mailto:no-reply@unionhall.local');
    expect(readFileSync(path.join(dir, VAPID_FILE), 'utf8').trim()).toBe(first.privateKey);
    expect(statSync(path.join(dir, VAPID_FILE)).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).vapid).toEqual(first);
    expect(loadConfig({ DATA_DIR: dir, MAIL_FROM: 'Union <office@union.example>' }).vapid?.subject).toBe('mailto:office@union.example');

    const other = defined(loadConfig({ DATA_DIR: dataDir() }).vapid, 'another pair');
    const fromEnv = loadConfig({
      DATA_DIR: dir,
      VAPID_PUBLIC_KEY: other.publicKey,
      VAPID_PRIVATE_KEY: other.privateKey,
      VAPID_SUBJECT: 'https://union.example/contact',
    });
    expect(fromEnv.vapid).toEqual({ ...other, subject: 'https://union.example/contact' });
    expect(messageFor({ DATA_DIR: dir, VAPID_PRIVATE_KEY: other.privateKey })).toBe(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both (one key pair), or neither.',
    );
    expect(messageFor({ DATA_DIR: dir, VAPID_PUBLIC_KEY: first.publicKey, VAPID_PRIVATE_KEY: other.privateKey })).toBe(
      'VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY: set the two keys of one pair.',
    );
    expect(messageFor({ DATA_DIR: dir, VAPID_SUBJECT: 'http://union.example' })).toContain(
      'VAPID_SUBJECT: must be a mailto: address or an https:// URL',
    );
  });

  it('with DATABASE_URL and no GENERATE_SECRETS, missing VAPID keys turn push off instead of refusing to start', () => {
    const url = 'postgres://app@db.example/unionhall';
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: url, SESSION_SECRET: 's'.repeat(40), ANONYMITY_KEY: 'a'.repeat(40) });
    expect(config.vapid).toBeUndefined();
    expect(existsSync(path.join(dir, VAPID_FILE))).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: url, GENERATE_SECRETS: '1' }).vapid).toBeDefined();
    // The command line generates nothing.
    expect(loadConfig({ DATA_DIR: dataDir() }, { secrets: false }).vapid).toBeUndefined();
  });

  it('accepts ports in digits (leading zeros too), IPv6 and names as HOST, and socket URLs', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '0' }).port).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '08080' }).port).toBe(8080);
    for (const host of ['::', '::1', 'localhost', 'app-1.internal.example.org', '10.0.0.7'])
      expect(loadConfig({ DATA_DIR: dataDir(), HOST: host }).host).toBe(host);
    const socket = 'postgres://app@/unionhall?host=/var/run/postgresql';
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: socket, GENERATE_SECRETS: '1' }).databaseUrl).toBe(socket);
  });

  it('with DATABASE_URL, refuses to generate secrets unless GENERATE_SECRETS=1, and says what to copy', () => {
    const dir = dataDir();
    const url = 'postgres://app@db.internal/unionhall';
    const both = messageFor({ DATA_DIR: dir, DATABASE_URL: url });
    expect(both).toBe(
      'SESSION_SECRET and ANONYMITY_KEY are not set, and with DATABASE_URL they are not generated: give every process that uses ' +
        'this database the same SESSION_SECRET and ANONYMITY_KEY (copy DATA_DIR/session-secret and DATA_DIR/anonymity-key of the ' +
        'first process, or take them from your secret store), or set GENERATE_SECRETS=1 to generate what is missing into this DATA_DIR (only for a single process).',
    );
    expect(existsSync(path.join(dir, 'session-secret'))).toBe(false); // nothing generated
    expect(messageFor({ DATA_DIR: dir, DATABASE_URL: url, SESSION_SECRET: 's'.repeat(40) })).toMatch(
      /^ANONYMITY_KEY is not set, .*\(copy DATA_DIR\/anonymity-key of the first process/,
    );

    const generated = loadConfig({ DATA_DIR: dir, DATABASE_URL: url, GENERATE_SECRETS: '1' });
    expect(readFileSync(path.join(dir, 'anonymity-key'), 'utf8').trim()).toBe(generated.anonymityKey);
    // Secrets an earlier start generated into this DATA_DIR are read (a single process upgraded in place keeps working).
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: url })).toMatchObject({
      sessionSecret: generated.sessionSecret,
      anonymityKey: generated.anonymityKey,
    });
  });

  it('for the command line, neither requires nor generates secrets', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://app@db.internal/unionhall' }, { secrets: false });
    expect(config).toMatchObject({ sessionSecret: '', anonymityKey: '' });
    loadConfig({ DATA_DIR: dir }, { secrets: false });
    expect(existsSync(path.join(dir, 'session-secret'))).toBe(false);
  });

  it('says in one sentence when DATA_DIR cannot be created or written', async () => {
    const file = path.join(dataDir(), 'a-file');
    writeFileSync(file, 'x');
    expect(messageFor({ DATA_DIR: path.join(file, 'data') })).toBe(
      `DATA_DIR ${path.join(file, 'data')} cannot be created or written (a file is in the way of that path, ENOTDIR): ` +
        "choose a DATA_DIR that this user can write (the default is ./data), or fix that folder's permissions or free disk space.",
    );
    expect(messageFor({ DATA_DIR: file })).toContain(`DATA_DIR ${file} cannot be created or written (a file is in the way of that path`);

    const readOnly = dataDir();
    await withReadOnly(readOnly, () => {
      expect(messageFor({ DATA_DIR: readOnly })).toMatch(
        /^DATA_DIR .* cannot be created or written \((the file system is read-only, EROFS|permission denied, EACCES)\): choose a DATA_DIR/,
      );
      expect(messageFor({ DATA_DIR: path.join(readOnly, 'data') })).toContain('cannot be created or written');
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });
});

describe('database timeouts from the environment', () => {
  it('default to 5 s to connect, 15 s a statement, 30 s idle in a transaction, and take milliseconds', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).databaseTimeouts).toEqual({
      connectMs: 5_000,
      statementMs: 15_000,
      idleInTransactionMs: 30_000,
    });
    const set = loadConfig({
      DATA_DIR: dataDir(),
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '2500',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000',
    });
    expect(set.databaseTimeouts).toEqual({ connectMs: 1_000, statementMs: 2_500, idleInTransactionMs: 60_000 });
  });

  it.each([
    [{ DB_CONNECT_TIMEOUT_MS: 'soon' }, 'DB_CONNECT_TIMEOUT_MS: must be a whole number of milliseconds'],
    [{ DB_STATEMENT_TIMEOUT_MS: '0' }, 'DB_STATEMENT_TIMEOUT_MS: must be at least 100 (milliseconds)'],
    [{ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1.5' }, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: must be a whole number of milliseconds'],
    [{ DB_STATEMENT_TIMEOUT_MS: '86400000' }, 'DB_STATEMENT_TIMEOUT_MS: must be at most 3600000 (one hour)'],
  ])('rejects %o naming the variable and what to fix', (env, expected) => {
    expect(messageFor(env)).toContain(expected);
  });
});
