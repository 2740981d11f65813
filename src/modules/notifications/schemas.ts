import { z } from 'zod';
import { integer, optional } from '../../core/forms.ts';

/** Largest notification id accepted in a URL (ids are bigint identities; this is far beyond any real one). */
const MAX_ID = Number.MAX_SAFE_INTEGER;

/** The list's query string. */
export const listQuerySchema = z.object({
  /** Keyset cursor: the id of the last notification of the previous page; absent for the newest page. */
  before: optional(integer({ min: 1, max: MAX_ID })),
});

/** The id in /notifications/:id. */
export const notificationIdSchema = z.object({
  id: z.string().regex(/^[0-9]{1,15}$/).transform(Number),
});

/** The digest settings form. */
export const digestSettingsSchema = z.object({
  /** The checkbox: "on" when ticked, absent when not; anything else is refused. */
  digest: optional(z.literal('on')),
});
