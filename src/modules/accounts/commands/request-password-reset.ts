import type { CommandDeps } from '../../../core/commands.ts';
import { translator } from '../../../core/i18n.ts';
import { hashToken, newToken } from '../../../core/session.ts';
import { findAccountByIdentifier, insertPasswordReset } from '../queries.ts';

/** How long an emailed reset link works. */
export const RESET_VALID_MINUTES = 60;

export type RequestResetResult = { ok: true; sent: boolean };

/**
 * Mails a one-use reset link, in the account's own language, when an account has this email address.
 * The caller answers the visitor the same way either way (and does not wait for this to finish).
 */
export async function requestPasswordReset(deps: CommandDeps<null>, input: { email: string }): Promise<RequestResetResult> {
  const account = await findAccountByIdentifier(deps.db, { kind: 'email', value: input.email });
  if (!account?.email) return { ok: true, sent: false };
  const token = newToken();
  await insertPasswordReset(deps.db, account.id, hashToken(token), RESET_VALID_MINUTES);
  const t = translator(account.locale);
  const link = `${deps.config.baseUrl}/${account.locale}/password/reset/${token}`;
  await deps.mailer.send(deps.db, {
    to: account.email,
    subject: t('accounts.resetMail.subject'),
    text: t('accounts.resetMail.body', { name: account.name, link, minutes: RESET_VALID_MINUTES }),
  });
  return { ok: true, sent: true };
}
