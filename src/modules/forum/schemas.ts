import { z } from 'zod';
import { dateField, integer, longText, optional, text } from '../../core/forms.ts';
import { FLAG_REASONS } from './commands/flag-post.ts';
import { REACTIONS } from './commands/react-to-post.ts';
import { VISIBILITIES } from './policy.ts';
import type { Lang } from '../../core/i18n.ts';
import { MAX_PAGES } from './queries/search.ts';

/** Longest post text accepted (characters of markdown). */
export const MAX_POST_LENGTH = 10_000;
export const MAX_TITLE_LENGTH = 150;

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

export const newTopicSchema = z.object({
  /** The topic's title: one line, no bidi overrides. */
  title: text({ max: MAX_TITLE_LENGTH, min: 3 }),
  /** The first post, in the forum's markdown subset. */
  body: longText({ max: MAX_POST_LENGTH, min: 2 }),
  /** Post under a pseudonym: nobody (moderators and admins included) sees who wrote it. */
  anonymous: checkbox,
});

export const replySchema = z.object({
  /** The reply, in the forum's markdown subset. */
  body: longText({ max: MAX_POST_LENGTH, min: 2 }),
  /** Reply under the pseudonym the author has (or gets) in this topic. */
  anonymous: checkbox,
  /** The post number being quoted, if any. */
  quote: optional(integer({ min: 1 })),
});

export const editPostSchema = z.object({
  /** The new text. */
  body: longText({ max: MAX_POST_LENGTH, min: 2 }),
  /** The new title (first post only). */
  title: optional(text({ max: MAX_TITLE_LENGTH, min: 3 })),
});

export const reactionSchema = z.object({
  /** One of the fixed reactions. */
  reaction: z.enum(REACTIONS),
});

export const followSchema = z.object({
  /** "1" to follow, "0" to stop following. */
  follow: z.enum(['0', '1']).transform((v) => v === '1'),
});

export const flagSchema = z.object({
  /** Why the post needs a moderator. */
  reason: z.enum(FLAG_REASONS),
  /** Optional words for the moderator. */
  note: optional(longText({ max: 1000 })),
});

/** Every moderation action needs a reason for the audit log. */
const reason = text({ max: 500, min: 3 });

/** A post moderation (POST …/:postNumber/moderate/hide|restore|dismiss: the action is in the URL). */
export const postModerationSchema = z.object({
  reason,
});

/** A topic moderation (POST …/moderate/lock, …/unlock, …/move: the action is in the URL). */
export const topicModerationSchema = z.object({
  reason,
  /** Where to move the topic (action "move" only). */
  category: optional(integer({ min: 1 })),
});

export const suspensionSchema = z.object({
  /** How many days the member may not post. */
  days: integer({ min: 1, max: 365 }),
  reason,
});

export const liftSchema = z.object({ reason });

export const revealSchema = z.object({
  /** Why the author must be revealed (kept in the audit log and told to the author). */
  reason: text({ max: 500, min: 10 }),
});

export const answerSchema = z.object({
  /** "1" to mark as the official answer, "0" to take the mark back. */
  mark: z.enum(['0', '1']).transform((v) => v === '1'),
});

const RESERVED_SLUGS = new Set(['unanswered', 'moderation', 'categories', 'new', 'follow']);

export const categorySchema = z.object({
  /** The category's address part: lower-case letters, digits and dashes. */
  slug: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(
      z
        .string()
        .min(2)
        .max(60)
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'forum.errors.slug' })
        // Words the forum's own addresses use under /organizations/:slug/forum/.
        .refine((v) => !RESERVED_SLUGS.has(v), { message: 'forum.errors.slugReserved' }),
    ),
  name_fa: optional(text({ max: 80 })),
  name_vi: optional(text({ max: 80 })),
  name_en: optional(text({ max: 80 })),
  description_fa: optional(longText({ max: 500 })),
  description_vi: optional(longText({ max: 500 })),
  description_en: optional(longText({ max: 500 })),
  visibility: z.enum(VISIBILITIES),
  position: integer({ min: 0, max: 1000 }),
});

/** The search form (GET query string); the same fields for the page and for /api/v1/search. */
export function searchSchema(lang: Lang) {
  // Built once per language: a search is a hot path and zod schemas are immutable.
  let schema = schemas.get(lang);
  if (!schema) schemas.set(lang, (schema = buildSearchSchema(lang)));
  return schema;
}

function buildSearchSchema(lang: Lang) {
  return z.object({
    /** The words to find; each is a prefix. Up to 200 characters, no bidi overrides or control characters. */
    q: optional(text({ max: 200 })),
    /** An organization's slug: only its categories. */
    org: optional(
      z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'forum-search.errors.org' })
        .max(100),
    ),
    /** A category id: only that category. */
    category: optional(integer({ min: 1 })),
    /** First day (Jalali on Persian pages, ISO otherwise), inclusive. */
    from: optional(dateField(lang)),
    /** Last day, inclusive. */
    to: optional(dateField(lang)),
    /** Page of results, 1 to MAX_PAGES. */
    page: optional(integer({ min: 1, max: MAX_PAGES })),
  });
}

const schemas = new Map<Lang, ReturnType<typeof buildSearchSchema>>();

export type SearchForm = z.output<ReturnType<typeof buildSearchSchema>>;
