import { createECDH, randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

export const LANGUAGES = ['fa', 'vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The validated configuration the app runs with. */
export interface Config {
  port: number;
  host: string;
  /** When absent, the app starts an embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string;
  sessionSecret: string;
  /** Key that seals the link between an anonymous post and its author; never stored in the database. */
  anonymityKey: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  defaultLanguage: Lang;
  /** Cookies get the Secure flag when BASE_URL is https. */
  secureCookies: boolean;
  /** Start the background job workers (digests, mail) in this process. */
  runJobs: boolean;
  /** The web push (VAPID) key pair and contact; undefined when push is off (see docs/modules/operations.md). */
  vapid: VapidKeys | undefined;
  /** How long the app waits for the database (see DatabaseTimeouts in src/db/database.ts). */
  databaseTimeouts: DatabaseTimeouts;
}

/** The application server's VAPID identity (RFC 8292): a P-256 key pair, base64url, and a contact for push services. */
export interface VapidKeys {
  /** The uncompressed public point (65 bytes), as browsers take it in `applicationServerKey`. */
  publicKey: string;
  /** The private scalar (32 bytes). */
  privateKey: string;
  /** `mailto:` or `https:` URL the push services may contact. */
  subject: string;
}

/** Limits on waiting for the database, in milliseconds, so a frozen or lost server answers 503 instead of hanging. */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** One statement; the server cancels it (and the client stops waiting a moment later). */
  statementMs: number;
  /** A transaction left open without a statement; the server ends that session. */
  idleInTransactionMs: number;
}

const boolean = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const PORT_RULE = 'must be a whole number from 0 to 65535, written in digits only (for example 3000)';

/** A host name as DNS allows it (letters, digits, hyphens, dots), or an IP address; digits-and-dots must be a real IPv4. */
function isListenHost(value: string): boolean {
  if (isIP(value)) return true;
  if (/^[0-9.]+$/.test(value)) return false; // 999.1.1.1 would otherwise be looked up as a name
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(value);
}

/**
 * Whether node-postgres can read the URL: it parses with WHATWG URL rules (after encoding spaces, and allowing an empty
 * host before a unix-socket `?host=`), which refuse a port over 65535 or a bare `#`, `?` or `/` in the password.
 */
function isParsableDatabaseUrl(value: string): boolean {
  const encoded = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(value) ? encodeURI(value).replace(/%25(\d\d)/g, '%$1') : value;
  for (const candidate of [encoded, encoded.replace('@/', '@___DUMMY___/')]) {
    try {
      new URL(candidate, 'postgres://base');
      return true;
    } catch {
      // tried again with a dummy host, as node-postgres does
    }
  }
  return false;
}
/** A duration in whole milliseconds, at least 100 (0 would mean "wait forever", which is what these limits prevent). */
const milliseconds = z.coerce
  .number({ error: 'must be a whole number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(100, 'must be at least 100 (milliseconds)')
  .max(3_600_000, 'must be at most 3600000 (one hour)');

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^[0-9]{1,5}$/, PORT_RULE)
    .transform(Number)
    .refine((port) => port <= 65535, PORT_RULE)
    .default(3000),
  HOST: z
    .string()
    .refine(
      isListenHost,
      'must be an IP address of this machine (such as 127.0.0.1, 0.0.0.0 or ::) or a host name, without spaces or a port',
    )
    .default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .refine(
      isParsableDatabaseUrl,
      'is not a valid URL: check the host name, that the port is a number from 1 to 65535, and that @ : / ? # % in the user name or password are percent-encoded (@ as %40)',
    )
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  BASE_URL: z.url({ error: 'must be an absolute URL such as https://unionhall.example.org' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  ANONYMITY_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key, 65 bytes in base64url (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key, 32 bytes in base64url (43 characters)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL the push services may contact')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Unionhall <no-reply@unionhall.local>'),
  SEED_DEMO: boolean.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('en'),
  RUN_JOBS: boolean.default(true),
  GENERATE_SECRETS: boolean.default(false),
  DB_CONNECT_TIMEOUT_MS: milliseconds.default(5_000),
  DB_STATEMENT_TIMEOUT_MS: milliseconds.default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds.default(30_000),
});

/** A start-up problem the operator fixes in the environment; the message says what and how (no stack trace). */
export class ConfigError extends Error {}

const FILE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file is in the way of that path',
  EEXIST: 'a file is in the way of that path',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** The sentence for a DATA_DIR that cannot be created or written. */
export function dataDirError(dataDir: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new ConfigError(
    `DATA_DIR ${dataDir} cannot be created or written (${FILE_ERRORS[code] ?? code}, ${code}): ` +
      "choose a DATA_DIR that this user can write (the default is ./data), or fix that folder's permissions or free disk space.",
  );
}

/** Creates dir one level at a time (recursive mkdir can loop forever under /proc), then checks it can be written. */
export function ensureWritableDir(dir: string): void {
  try {
    const missing: string[] = [];
    for (let at = dir; !existsSync(at); at = path.dirname(at)) missing.unshift(at);
    for (const level of missing) mkdirSync(level);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw dataDirError(dir, error);
  }
}

const SECRET_FILES = { SESSION_SECRET: 'session-secret', ANONYMITY_KEY: 'anonymity-key' } as const;
type SecretVariable = keyof typeof SECRET_FILES;

/** Reads a secret from the environment, or from the data directory, creating it there once. */
function persistentSecret(dataDir: string, variable: SecretVariable, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, SECRET_FILES[variable]);
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    ensureWritableDir(dataDir);
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    return secret;
  } catch (error) {
    throw error instanceof ConfigError ? error : dataDirError(dataDir, error);
  }
}

/** The VAPID private key's file in DATA_DIR (the public key is derived from it). */
export const VAPID_FILE = 'vapid-private-key';

/** The public point of a P-256 private key (both base64url); throws when the key is not a valid scalar. */
export function vapidPublicKeyOf(privateKey: string): string {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
  return ecdh.getPublicKey().toString('base64url');
}

/** The contact sent with every push: VAPID_SUBJECT, else the address in MAIL_FROM. */
function vapidSubject(fromEnv: string | undefined, mailFrom: string): string {
  if (fromEnv) return fromEnv;
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `mailto:${address}`;
}

/**
 * The VAPID keys: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together (checked to be one pair), else DATA_DIR/vapid-private-key,
 * generated there once (mode 0600) when `generate` allows it. Undefined when neither is there and nothing may be generated:
 * push is then off, and everything else works.
 */
function vapidKeys(
  dataDir: string,
  env: { VAPID_PUBLIC_KEY?: string; VAPID_PRIVATE_KEY?: string; VAPID_SUBJECT?: string; MAIL_FROM: string },
  generate: boolean,
): VapidKeys | undefined {
  const subject = vapidSubject(env.VAPID_SUBJECT, env.MAIL_FROM);
  if (env.VAPID_PUBLIC_KEY || env.VAPID_PRIVATE_KEY) {
    if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY)
      throw new ConfigError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both (one key pair), or neither.');
    let derived: string;
    try {
      derived = vapidPublicKeyOf(env.VAPID_PRIVATE_KEY);
    } catch {
      throw new ConfigError('VAPID_PRIVATE_KEY is not a valid P-256 private key: generate a pair with `npx web-push generate-vapid-keys`.');
    }
    if (derived !== env.VAPID_PUBLIC_KEY)
      throw new ConfigError('VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY: set the two keys of one pair.');
    return { publicKey: derived, privateKey: env.VAPID_PRIVATE_KEY, subject };
  }
  const file = path.join(dataDir, VAPID_FILE);
  try {
    if (existsSync(file)) {
      const privateKey = readFileSync(file, 'utf8').trim();
      return { publicKey: vapidPublicKeyOf(privateKey), privateKey, subject };
    }
    if (!generate) return undefined;
    ensureWritableDir(dataDir);
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const scalar = ecdh.getPrivateKey();
    const privateKey = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]).toString('base64url');
    writeFileSync(file, privateKey + '\n', { mode: 0o600 });
    return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey, subject };
  } catch (error) {
    throw error instanceof ConfigError ? error : dataDirError(dataDir, error);
  }
}

/**
 * With DATABASE_URL other processes may share the database, so secrets are generated only when the operator asks
 * (GENERATE_SECRETS=1): two processes with their own DATA_DIR would otherwise each make their own, silently, and
 * refuse each other's forms and give one person's anonymous posts different pseudonyms. A secret file an earlier
 * start already generated in DATA_DIR is still read.
 */
function refuseSilentSecrets(dataDir: string, env: Partial<Record<SecretVariable, string>>): void {
  const missing = (Object.keys(SECRET_FILES) as SecretVariable[]).filter(
    (variable) => !env[variable] && !existsSync(path.join(dataDir, SECRET_FILES[variable])),
  );
  if (missing.length === 0) return;
  const names = missing.join(' and ');
  const files = missing.map((variable) => `DATA_DIR/${SECRET_FILES[variable]}`).join(' and ');
  throw new ConfigError(
    `${names} ${missing.length > 1 ? 'are' : 'is'} not set, and with DATABASE_URL ${missing.length > 1 ? 'they are' : 'it is'} not generated: ` +
      `give every process that uses this database the same ${names} (copy ${files} of the first process, or take ${missing.length > 1 ? 'them' : 'it'} ` +
      'from your secret store), or set GENERATE_SECRETS=1 to generate what is missing into this DATA_DIR (only for a single process).',
  );
}

export interface LoadOptions {
  /**
   * Resolve SESSION_SECRET and ANONYMITY_KEY (default). The command line, whose commands use neither, passes false:
   * the secrets are then what the environment says, or empty, and nothing is generated.
   */
  secrets?: boolean;
}

/** Reads and validates the environment once; throws a ConfigError that says what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee the configuration table in README.md.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  // The embedded database keeps its files there: refuse an unusable folder now, in one sentence.
  if (!e.DATABASE_URL) ensureWritableDir(dataDir);
  const withSecrets = options.secrets !== false;
  if (withSecrets && e.DATABASE_URL && !e.GENERATE_SECRETS) refuseSilentSecrets(dataDir, e);
  const secret = (variable: SecretVariable, fromEnv: string | undefined) =>
    withSecrets ? persistentSecret(dataDir, variable, fromEnv) : (fromEnv ?? '');
  const baseUrl = (e.BASE_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    baseUrl,
    sessionSecret: secret('SESSION_SECRET', e.SESSION_SECRET),
    anonymityKey: secret('ANONYMITY_KEY', e.ANONYMITY_KEY),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    secureCookies: baseUrl.startsWith('https://'),
    runJobs: e.RUN_JOBS,
    // Generated like the other secrets; with DATABASE_URL and no GENERATE_SECRETS, missing keys turn push off instead.
    vapid: withSecrets || e.VAPID_PRIVATE_KEY ? vapidKeys(dataDir, e, withSecrets && (!e.DATABASE_URL || e.GENERATE_SECRETS)) : undefined,
    databaseTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  };
}
