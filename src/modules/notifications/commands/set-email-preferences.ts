import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import type { EmailChoice } from '../../module.ts';
import { canChooseEmail } from '../policy.ts';
import { saveEmailPreferences } from '../queries.ts';

/**
 * Stores the signed-in person's email choice for each kind of notification (immediately, in the daily digest, or
 * off); it applies to notifications created from now on. Needs an email address on the account (`email`: the
 * account's address as the request loaded it).
 */
export async function setEmailPreferences(
  deps: CommandDeps,
  input: { choices: Record<string, EmailChoice>; email: string | null },
): Promise<CommandResult<{ saved: number }, 'noEmail'>> {
  if (!canChooseEmail({ email: input.email })) return { ok: false, reason: 'noEmail' };
  const choices = Object.entries(input.choices).map(([kind, email]) => ({ kind, email }));
  await saveEmailPreferences(deps.db, deps.actor.userId, choices);
  return { ok: true, saved: choices.length };
}
