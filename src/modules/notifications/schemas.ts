import { z } from 'zod';
import { optional } from '../../core/forms.ts';

/** A notification id as it appears in a URL: ASCII digits only (the app writes these links itself), no leading zero. */
const idText = () =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/)
    .transform(Number);

/** The list's query string. */
export const listQuerySchema = z.object({
  /** Keyset cursor: the id of the last notification of the previous page; absent for the newest page. */
  before: optional(idText()),
});

/** The id in /notifications/:id. */
export const notificationIdSchema = z.object({
  id: idText(),
});

/** The digest settings form. */
export const digestSettingsSchema = z.object({
  /** The checkbox: "on" when ticked, absent when not; anything else is refused. */
  digest: optional(z.literal('on')),
});
