import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
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
  /** How long the app waits for the database (see DatabaseTimeouts in src/db/database.ts). */
  databaseTimeouts: DatabaseTimeouts;
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

/** A duration in whole milliseconds, at least 100 (0 would mean "wait forever", which is what these limits prevent). */
const milliseconds = z.coerce
  .number({ error: 'must be a whole number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(100, 'must be at least 100 (milliseconds)')
  .max(3_600_000, 'must be at most 3600000 (one hour)');

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  BASE_URL: z.url({ error: 'must be an absolute URL such as https://unionhall.example.org' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  ANONYMITY_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Unionhall <no-reply@unionhall.local>'),
  SEED_DEMO: boolean.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('en'),
  RUN_JOBS: boolean.default(true),
  DB_CONNECT_TIMEOUT_MS: milliseconds.default(5_000),
  DB_STATEMENT_TIMEOUT_MS: milliseconds.default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds.default(30_000),
});

export class ConfigError extends Error {}

/** Reads a secret from the environment, or from the data directory, creating it there once. */
function persistentSecret(dataDir: string, fileName: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Reads and validates the environment once; throws a ConfigError that says what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee the configuration table in README.md.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    baseUrl,
    sessionSecret: persistentSecret(dataDir, 'session-secret', e.SESSION_SECRET),
    anonymityKey: persistentSecret(dataDir, 'anonymity-key', e.ANONYMITY_KEY),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    defaultLanguage: e.DEFAULT_LANGUAGE,
    secureCookies: baseUrl.startsWith('https://'),
    runJobs: e.RUN_JOBS,
    databaseTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  };
}
