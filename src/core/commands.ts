import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Pool } from '../db/database.ts';
import type { Actor } from './authorization.ts';
import type { Lang } from './i18n.ts';
import type { LiveEvents } from './live.ts';
import type { Mailer } from './mail.ts';

/**
 * What every command receives as its first argument: one signature across the project,
 * `verbNoun(deps: CommandDeps, input: VerbNounInput): Promise<VerbNounResult>`. The actor is who acts
 * (null only for the few commands a visitor may run: sign up, reset a password, accept an invitation as a new
 * account); `ip` is recorded (as its network) in the audit entry; `lang` is the language of mail the command sends.
 */
export interface CommandDeps<A extends Actor | null = Actor> {
  db: Pool;
  actor: A;
  ip: string;
  lang: Lang;
  config: Config;
  mailer: Mailer;
  live: LiveEvents;
}

/** A command's outcome: the value on success, or a named failure the route turns into a message. */
export type CommandResult<T extends object, Reason extends string> = ({ ok: true } & T) | { ok: false; reason: Reason };

/** The CommandDeps of a request by a signed-in actor (call requireActor first; this one never throws). */
export function commandDeps(request: FastifyRequest, actor: Actor): CommandDeps;
/** The CommandDeps of a request that may come from a visitor. */
export function commandDeps(request: FastifyRequest, actor: null): CommandDeps<null>;
export function commandDeps(request: FastifyRequest, actor: Actor | null): CommandDeps<Actor | null> {
  const { db, config, mailer, live } = request.server.uh;
  return { db, actor, ip: request.ip, lang: request.ctx.lang, config, mailer, live };
}
