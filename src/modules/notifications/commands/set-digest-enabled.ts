import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { canEnableDigest } from '../policy.ts';
import { saveDigestEnabled } from '../queries.ts';

/**
 * Turns the signed-in person's daily email digest on or off; on needs an email address on the account
 * (`email`: the account's address as the request loaded it).
 */
export async function setDigestEnabled(
  deps: CommandDeps,
  input: { enabled: boolean; email: string | null },
): Promise<CommandResult<{ enabled: boolean }, 'noEmail'>> {
  if (input.enabled && !canEnableDigest({ email: input.email })) return { ok: false, reason: 'noEmail' };
  await saveDigestEnabled(deps.db, deps.actor.userId, input.enabled);
  return { ok: true, enabled: input.enabled };
}
