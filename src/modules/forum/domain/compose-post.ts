import type { Queryable } from '../../../db/database.ts';
import { mentionHandles, renderPostBody } from './markup.ts';
import type { Visibility } from '../policy.ts';
import { findMentionedReaders } from '../queries/people.ts';
import { NEW_ACCOUNT_MAX_LINKS } from '../policy.ts';

export interface ComposedPost {
  html: string;
  linkCount: number;
  /** People mentioned who may read the category (a named author left out). */
  mentionedIds: number[];
}

/** Renders a post's text, resolves its @mentions among the category's readers, and applies a new account's link limit. */
export async function composePost(
  db: Queryable,
  input: {
    source: string;
    /**
     * The named author, left out of the people told about a mention of themselves; null for an anonymous
     * post, whose author is told like anyone mentioned (leaving them out would single them out).
     */
    authorId: number | null;
    isNewAccount: boolean;
    category: { visibility: Visibility; organizationId: number; ancestorIds: number[] };
  },
): Promise<{ ok: true; post: ComposedPost } | { ok: false; reason: 'tooManyLinks' }> {
  const readers = await findMentionedReaders(db, mentionHandles(input.source), input.category);
  const { html, linkCount } = renderPostBody(input.source, new Set(readers.map((r) => r.handle)));
  if (input.isNewAccount && linkCount > NEW_ACCOUNT_MAX_LINKS) return { ok: false, reason: 'tooManyLinks' };
  const mentionedIds = [...new Set(readers.map((r) => r.id))].filter((id) => id !== input.authorId);
  return { ok: true, post: { html, linkCount, mentionedIds } };
}
