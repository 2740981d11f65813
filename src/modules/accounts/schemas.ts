import { z } from 'zod';
import { LANGUAGES } from '../../core/i18n.ts';
import { email, optional, password, phone, text } from '../../core/forms.ts';

/** Longest display name we keep: long enough for a full Persian or Vietnamese name with titles. */
export const NAME_MAX = 120;
/** Longest API token label. */
export const TOKEN_NAME_MAX = 80;

// Arabic-Indic digits (٠-٩) are typed on Arabic keyboards in Iran too; the core phone() knows Persian ones.
const arabicToAscii = (v: unknown) => (typeof v === 'string' ? v.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))) : v);
const phoneNumber = () => z.preprocess(arabicToAscii, phone());

/** An account identifier as typed at login: an email address when it has an "@", otherwise a phone number. */
export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** Reads an identifier from free text; null when it is neither a valid email address nor a phone number. */
export function parseIdentifier(raw: unknown): Identifier | null {
  if (typeof raw !== 'string' || raw.length > 254) return null;
  if (raw.includes('@')) {
    const parsed = email().safeParse(raw);
    return parsed.success ? { kind: 'email', value: parsed.data } : null;
  }
  const parsed = phoneNumber().safeParse(raw);
  return parsed.success ? { kind: 'phone', value: parsed.data } : null;
}

export const languageField = () => z.enum(LANGUAGES);

export const signUpSchema = z
  .object({
    /** The name other members see; any script, no hidden direction or control characters. */
    name: text({ max: NAME_MAX }),
    /** Email address (lower-cased); either this or phone is required. */
    email: optional(email()),
    /** Phone number (digits in any script, spaces and dashes removed); either this or email is required. */
    phone: optional(phoneNumber()),
    /** At least 10 characters; never sent back to the page. */
    password: password(),
    /** The language pages and mail use for this person. */
    locale: languageField(),
  })
  .superRefine((value, ctx) => {
    if (!value.email && !value.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'accounts.signUp.emailOrPhone' });
  });
export type SignUpInput = z.output<typeof signUpSchema>;

export const logInSchema = z.object({
  /** Email address or phone number. */
  identifier: z.string().trim().min(1).max(254),
  /** Checked against the stored argon2id hash. */
  password: z.string().min(1).max(200),
});

export const forgotPasswordSchema = z.object({
  /** The account's email address: the reset link goes there. */
  email: email(),
});

export const resetPasswordSchema = z
  .object({
    /** The new password. */
    password: password(),
    /** The same again, to catch typing mistakes. */
    passwordConfirmation: z.string().max(200),
  })
  .refine((v) => v.password === v.passwordConfirmation, { path: ['passwordConfirmation'], error: 'accounts.password.mismatch' });

export const changePasswordSchema = z
  .object({
    /** The password in use now. */
    currentPassword: z.string().min(1).max(200),
    /** The new password. */
    newPassword: password(),
    /** The same again. */
    newPasswordConfirmation: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirmation, { path: ['newPasswordConfirmation'], error: 'accounts.password.mismatch' });

export const profileSchema = z.object({
  /** The name other members see. */
  name: text({ max: NAME_MAX }),
  /** The language pages and mail use for this person. */
  locale: languageField(),
});

export const createTokenSchema = z.object({
  /** A label to recognise the token by, e.g. "spreadsheet export". */
  name: text({ max: TOKEN_NAME_MAX }),
});

/** GET /api/v1/me's answer (presentMe): declared fields only reach the JSON. */
export const meResponse = z
  .object({ id: z.number().int(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), locale: z.enum(LANGUAGES) })
  .meta({ id: 'Me' });
