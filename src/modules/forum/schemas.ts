import { z } from 'zod';
import { dateField, integer, longText, optional, SLUG_PATTERN, slugText, text } from '../../core/forms.ts';
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
  // Reserved: words the forum's own addresses use under /organizations/:slug/forum/.
  slug: slugText({ max: 60, error: 'forum.errors.slug', reserved: { words: RESERVED_SLUGS, error: 'forum.errors.slugReserved' } }),
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
    org: optional(z.string().regex(SLUG_PATTERN, { error: 'forum-search.errors.org' }).max(100)),
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

// The API's answers (presenters.ts builds them; a key these do not declare never reaches the JSON, so neither an
// anonymous author's account nor any other private column can slip into one by accident).
/** A text in several languages, as stored: { fa?, vi?, en? }. */
const localizedJson = z.record(z.string(), z.string()).meta({ id: 'LocalizedText' });
const topicStatus = z.enum(['open', 'answered', 'closed']);
const authorJson = z
  .union([
    z.object({ kind: z.literal('member'), id: z.number().int(), name: z.string() }),
    z.object({ kind: z.literal('anonymous'), pseudonymNumber: z.number().int() }),
    z.object({ kind: z.literal('gone') }),
  ])
  .meta({ id: 'ForumAuthor' });

/** A category (categoryJson). */
export const categoryJsonSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: localizedJson,
    description: localizedJson,
    visibility: z.enum(['public', 'members', 'officials']),
    topicCount: z.number().int(),
    lastPostedAt: z.string().nullable(),
    organization: z.object({ slug: z.string(), name: localizedJson }),
  })
  .meta({ id: 'ForumCategory' });

/** A topic in a category's list (topicListJson): the starter as the list shows them, a pseudonym when anonymous. */
export const topicListJsonSchema = z
  .object({
    id: z.number().int(),
    categoryId: z.number().int(),
    title: z.string(),
    status: topicStatus,
    isPinned: z.boolean(),
    isLocked: z.boolean(),
    starter: z.string(),
    replyCount: z.number().int(),
    lastPostedAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ForumTopicListItem' });

/** A post (postJson): its author a member, an anonymous pseudonym number, or gone. */
export const postJsonSchema = z
  .object({
    id: z.number().int(),
    topicId: z.number().int(),
    postNumber: z.number().int(),
    author: authorJson,
    state: z.enum(['visible', 'hidden', 'deleted']),
    bodyHtml: z.string(),
    quotedPostNumber: z.number().int().nullable(),
    isOfficialAnswer: z.boolean(),
    reactions: z.record(z.string(), z.number().int()),
    isEdited: z.boolean(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    imageUrls: z.array(z.string()),
  })
  .meta({ id: 'ForumPost' });

/** A topic's page as JSON. */
export const topicPageJsonSchema = z.object({
  topic: z.object({
    id: z.number().int(),
    title: z.string(),
    status: topicStatus,
    isLocked: z.boolean(),
    isPinned: z.boolean(),
    categoryId: z.number().int(),
    postCount: z.number().int(),
  }),
  page: z.number().int(),
  pageCount: z.number().int(),
  posts: z.array(postJsonSchema),
});

/** A search result (resultJson). */
export const searchResultJsonSchema = z
  .object({
    postId: z.number().int(),
    topicId: z.number().int(),
    postNumber: z.number().int(),
    topicTitle: z.string(),
    titleMatch: z.boolean(),
    category: z.object({ id: z.number().int(), name: localizedJson }),
    organization: z.object({ slug: z.string(), name: localizedJson }),
    author: authorJson,
    createdAt: z.string(),
    snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
  })
  .meta({ id: 'SearchResult' });

/** GET /api/v1/search's answer. */
export const searchPageJsonSchema = z.object({
  query: z.string(),
  page: z.number().int(),
  fuzzy: z.boolean(),
  results: z.array(searchResultJsonSchema),
  nextPage: z.number().int().nullable(),
});
