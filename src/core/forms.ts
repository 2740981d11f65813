import { z } from 'zod';
import { hasMessage, type Translate, type Lang } from './i18n.ts';
import { parseDateInput } from './dates.ts';

/** A form's state when it comes back to the user: what they typed and the error beside each field. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

export type FormResult<T> = { ok: true; data: T } | { ok: false; form: FormState };

// Bidirectional overrides and isolates can disguise a name ("evil\u202Egpj.exe"); C0/C1 controls have no place in text.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** A zod issue as the localized message shown beside its field (forms and the JSON API's 422 answers). */
export function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.message && hasMessage(issue.message)) return t(issue.message);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? t('forms.required') : t('forms.tooShort', { min: Number(issue.minimum) });
      return t('forms.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('forms.tooLong', { max: Number(issue.maximum) });
      return t('forms.tooLarge', { max: Number(issue.maximum) });
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? t('forms.required') : t('forms.invalid');
    case 'invalid_format':
      return issue.format === 'email' ? t('forms.invalidEmail') : t('forms.invalid');
    case 'invalid_value':
      return t('forms.invalidChoice');
    default:
      return t('forms.invalid');
  }
}

/** Keeps what the user typed, as strings, so the form can be shown again. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === '_csrf' || /password/i.test(key)) continue;
      if (typeof value === 'string') values[key] = value;
      else if (Array.isArray(value)) values[key] = value.filter((v) => typeof v === 'string').join('\n');
    }
  }
  return values;
}

/** Validates a submitted form; on failure returns the values typed and a translated error per field. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issueMessage(issue, t);
  }
  return { ok: false, form: { values: formValues(body), errors } };
}

/** Adds an error to a form state (for failures found after validation, e.g. "email taken"). */
export function withError(values: Record<string, string>, field: string, message: string): FormState {
  return { values, errors: { [field]: message } };
}

/** Single-line text: NFC, trimmed, no control or bidi-override characters, within max. */
export function text(options: { max: number; min?: number }) {
  return z
    .string()
    .transform((v) => v.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(options.min ?? 1)
        .max(options.max)
        .refine((v) => !BIDI_CONTROLS.test(v), { error: 'forms.bidiControl' })
        .refine((v) => !CONTROL_CHARS.test(v) && !/[\r\n]/.test(v), { error: 'forms.controlChars' }),
    );
}

/** Multi-line text: like text() but newlines allowed. */
export function longText(options: { max: number; min?: number }) {
  return z
    .string()
    .transform((v) => v.normalize('NFC').replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(options.min ?? 1)
        .max(options.max)
        .refine((v) => !/[\u202A-\u202E\u2066-\u2069]/.test(v), { error: 'forms.bidiControl' })
        .refine((v) => !CONTROL_CHARS.test(v), { error: 'forms.controlChars' }),
    );
}

/** The shape of a slug or a code: lower-case Latin letters and digits joined by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A slug or a code as typed: trimmed and lower-cased, then 2 to `max` characters of SLUG_PATTERN (else `error`),
 * and none of the `reserved` words (else their error).
 */
export function slugText(options: { max: number; error: string; reserved?: { words: ReadonlySet<string>; error: string } }) {
  const { reserved } = options;
  const shaped = z.string().min(2).max(options.max).regex(SLUG_PATTERN, { error: options.error });
  return z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(reserved ? shaped.refine((v) => !reserved.words.has(v), { error: reserved.error }) : shaped);
}

/** An optional field: an empty string becomes undefined. */
export function optional<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

export const email = () =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.email().max(254));

/** A phone number: digits (any script), spaces, dashes, parentheses, an optional leading +. */
export const phone = () =>
  z
    .string()
    .transform((v) => v.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace(/[\s\-()]/g, ''))
    .pipe(z.string().regex(/^\+?[0-9]{6,15}$/, { error: 'forms.invalidPhone' }));

export const password = () => z.string().min(10, { error: 'forms.passwordTooShort' }).max(200);

/** A calendar day typed in the page's calendar (Jalali on Persian pages); yields an ISO day. */
export function dateField(lang: Lang) {
  return z.string().transform((v, ctx) => {
    const parsed = parseDateInput(v, lang);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: v.trim() === '' ? 'forms.required' : parsed.error });
      return z.NEVER;
    }
    return parsed.iso;
  });
}

/** A whole number typed with any digits. */
export const integer = (options: { min?: number; max?: number } = {}) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).trim() : v),
    z.coerce
      .number()
      .int()
      .min(options.min ?? 0)
      .max(options.max ?? 2_000_000_000),
  );
