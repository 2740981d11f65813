import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { LANGUAGES } from '../config.ts';
import { recordAudit } from '../core/audit.ts';
import { hashPassword } from '../core/passwords.ts';
import { IdRow, oneOrThrow } from '../core/rows.ts';
import { many, one, transaction } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { withDatabase } from './database.ts';
import { CliError, type CliIo } from './io.ts';

/** Also named in program.ts's help (kept there as text so that --help loads nothing heavy). */
export const ADMIN_PASSWORD_ENV = 'UNIONHALL_ADMIN_PASSWORD';

export interface CreateAdminOptions {
  email: string;
  name: string;
  language?: string;
  promote?: boolean;
}

const optionsSchema = z.object({
  email: z
    .email({ error: '--email must be an email address, such as admin@example.org' })
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, { error: '--name must not be empty' }).max(200, { error: '--name is too long (200 characters at most)' }),
  language: z.enum(LANGUAGES, { error: `--language must be one of ${LANGUAGES.join(', ')}` }).optional(),
  promote: z.boolean().optional(),
});

/**
 * Creates a platform administrator. The password comes from UNIONHALL_ADMIN_PASSWORD, or is generated and printed once.
 * An existing account is left alone unless --promote asks to make it a platform administrator.
 */
export async function createAdminCommand(io: CliIo, raw: CreateAdminOptions): Promise<void> {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('\n'));
  const options = parsed.data;
  const fromEnv = io.env[ADMIN_PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv.length < 10) {
    throw new CliError(`${ADMIN_PASSWORD_ENV} is too short: use at least 10 characters (or leave it unset to have one generated).`);
  }
  const password = fromEnv || randomBytes(15).toString('base64url');

  await withDatabase(io, async ({ pool }, config) => {
    await migrate(pool);
    const existing = await one(
      pool,
      z.object({ id: z.number(), isPlatformAdmin: z.boolean() }),
      'SELECT id, is_platform_admin AS "isPlatformAdmin" FROM users WHERE email = $1',
      [options.email],
    );
    if (existing) {
      if (!options.promote) {
        throw new CliError(
          `An account with the email ${options.email} already exists${existing.isPlatformAdmin ? ' and is already a platform administrator' : ''}. ` +
            'Add --promote to make that account a platform administrator (its password stays as it is).',
        );
      }
      await transaction(pool, async (tx) => {
        await tx.query('UPDATE users SET is_platform_admin = true, updated_at = now() WHERE id = $1', [existing.id]);
        await recordAudit(tx, {
          actorId: null,
          action: 'platform_admin.granted',
          subjectType: 'user',
          subjectId: existing.id,
          details: { via: 'command line' },
        });
      });
      io.out(`${options.email} is now a platform administrator (the password was not changed).`);
      return;
    }
    const passwordHash = await hashPassword(password);
    const id = await transaction(pool, async (tx) => {
      const inserted = await many(
        tx,
        IdRow,
        `INSERT INTO users (name, email, password_hash, locale, is_platform_admin) VALUES ($1, $2, $3, $4, true) RETURNING id`,
        [options.name, options.email, passwordHash, options.language ?? config.defaultLanguage],
      );
      const row = oneOrThrow(inserted, 'new user');
      await recordAudit(tx, {
        actorId: null,
        action: 'platform_admin.created',
        subjectType: 'user',
        subjectId: row.id,
        details: { via: 'command line' },
      });
      return row.id;
    });
    io.out(`Created platform administrator ${options.email} (user ${id}).`);
    if (!fromEnv) io.out(`Password (shown only now; change it after the first login): ${password}`);
    io.out(`Log in at ${config.baseUrl}/${options.language ?? config.defaultLanguage}/login`);
  });
}
