import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStartupFailure, explainListenError } from '../../src/startup-errors.ts';
import { startServer, withReadOnly } from './support.ts';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'unionhall-startup-'));
const STACK = /\n\s+at /;

/** Starts the server, expects exit 1, and returns what it printed on standard error. */
async function failedStart(env: Record<string, string>): Promise<string> {
  const server = startServer(env);
  const code = await server.exited;
  expect(code, `stdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`).toBe(1);
  return server.stderr().trim();
}

// Every start-up failure: one sentence that says what is wrong and how to fix it, exit 1, no stack trace.
describe('a start that fails', () => {
  it('names DATABASE_URL when its port is out of range (no bare "TypeError: Invalid URL")', async () => {
    const err = await failedStart({ DATABASE_URL: 'postgres://x@localhost:99999/db', DATA_DIR: dataDir() });
    expect(err).toContain('DATABASE_URL: is not a valid URL: check the host name, that the port is a number from 1 to 65535');
    expect(err).not.toMatch(/TypeError|Invalid URL/);
    expect(err).not.toMatch(STACK);
  });

  // Each value is checked in config.test.ts; two here show the process exits with the sentence.
  it.each(['70000', '0xC24'])('refuses PORT=%j: a whole number from 0 to 65535, in digits', async (port) => {
    const err = await failedStart({ PORT: port, DATA_DIR: dataDir() });
    expect(err).toContain('PORT: must be a whole number from 0 to 65535, written in digits only');
    expect(err).not.toMatch(STACK);
  });

  it.each(['999.1.1.1'])('refuses HOST=%j before anything else', async (host) => {
    const err = await failedStart({ HOST: host, DATA_DIR: dataDir() });
    expect(err).toContain('HOST: must be an IP address of this machine');
    expect(err).not.toMatch(STACK);
  });

  it('explains a HOST that is not an address of this machine, before starting or migrating any database', async () => {
    const dir = dataDir();
    const err = await failedStart({ HOST: '203.0.113.7', DATA_DIR: dir });
    expect(err).toBe(
      'HOST=203.0.113.7 is not an address of this machine: set HOST to one of its addresses, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).',
    );
    expect(existsSync(path.join(dir, 'postgres'))).toBe(false); // no embedded server was made for nothing
  });

  it('with LOG_LEVEL=debug, adds the stack trace under the sentence', async () => {
    const err = await failedStart({ HOST: '203.0.113.7', DATA_DIR: dataDir(), LOG_LEVEL: 'debug' });
    expect(err).toMatch(/^HOST=203\.0\.113\.7 is not an address of this machine: .*\n.*\n\s+at /);
  });

  it('explains a port already in use', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const err = await failedStart({ PORT: String(port), DATA_DIR: dataDir() });
      expect(err).toBe(`127.0.0.1:${port} is already in use by another program. Stop it, or choose another PORT (or HOST).`);
    } finally {
      holder.close();
    }
  });

  it('explains a DATA_DIR that is read-only or cannot be created', async () => {
    const readOnly = dataDir();
    await withReadOnly(readOnly, async () => {
      const err = await failedStart({ DATA_DIR: readOnly });
      expect(err).toMatch(
        /^DATA_DIR .* cannot be created or written \((the file system is read-only, EROFS|permission denied, EACCES)\): choose a DATA_DIR that this user can write/,
      );
      expect(err).not.toMatch(STACK);
      expect(readdirSync(readOnly)).toEqual([]);
    });
    const err = await failedStart({ DATA_DIR: '/dev/null/data' });
    expect(err).toContain('DATA_DIR /dev/null/data cannot be created or written (a file is in the way of that path, ENOTDIR)');
  });
});

describe('describeStartupFailure', () => {
  it('turns an unexpected error into one sentence, with the stack only under LOG_LEVEL=debug', () => {
    const error = new Error('something odd happened');
    expect(describeStartupFailure(error, {})).toBe(
      'Unionhall could not start: something odd happened. Set LOG_LEVEL=debug to see where it failed.',
    );
    const debug = describeStartupFailure(error, { LOG_LEVEL: 'debug' });
    expect(debug).toMatch(/^Unionhall could not start: something odd happened\.\nError: something odd happened\n\s+at /);
  });
});

describe('explainListenError', () => {
  // A name that does not resolve is not tried for real here: the lookup would leave this machine.
  it('turns each listen failure into its sentence, and leaves other errors alone', () => {
    const failure = (code: string) => Object.assign(new Error(code), { code });
    expect(explainListenError(failure('ENOTFOUND'), 'unionhall.invalid', 3000)?.message).toBe(
      'HOST=unionhall.invalid is not a name this machine can resolve: set HOST to an address such as 127.0.0.1 or 0.0.0.0, or to a name in /etc/hosts.',
    );
    expect(explainListenError(failure('EACCES'), '0.0.0.0', 80)?.message).toContain('may not listen on port 80');
    expect(explainListenError(failure('ECONNRESET'), '0.0.0.0', 80)).toBeUndefined();
  });
});
