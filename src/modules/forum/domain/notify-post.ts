import type { Queryable } from '../../../db/database.ts';
import { notifyMany } from '../../notifications/index.ts';
import type { Visibility } from '../policy.ts';
import { findFollowers } from '../queries/people.ts';

/**
 * Tells followers and mentioned people about a new post. For an anonymous post the values carry only
 * the pseudonym number (the message renders "Worker 3" in the reader's language), never a name or id,
 * and the author is told like every other follower or mentioned person: the one follower left without a
 * notification would be the author, to anyone who compares notifications with follows in the database.
 */
export async function notifyAboutPost(
  db: Queryable,
  input: {
    kind: 'topic' | 'reply';
    topicId: number;
    title: string;
    link: string;
    authorId: number;
    authorName: string;
    pseudonymNumber: number | null;
    mentionedIds: number[];
    category: { id: number; visibility: Visibility; organizationId: number; ancestorIds: number[] };
  },
): Promise<void> {
  const anonymous = input.pseudonymNumber !== null;
  const values: Record<string, string | number> =
    input.pseudonymNumber !== null
      ? { number: input.pseudonymNumber, title: input.title }
      : { author: input.authorName, title: input.title };
  const suffix = anonymous ? 'Anonymous' : '';
  const isAuthor = (id: number) => !anonymous && id === input.authorId;
  const mentioned = new Set(input.mentionedIds.filter((id) => !isAuthor(id)));
  const followers = (await findFollowers(db, input.topicId, input.category))
    .map((f) => f.id)
    .filter((id) => !isAuthor(id) && !mentioned.has(id));
  const followerMessage = input.kind === 'topic' ? 'newTopic' : 'reply';
  await notifyMany(db, [
    ...followers.map((userId) => ({
      userId,
      kind: `forum.${input.kind}`,
      messageId: `forum.notifications.${followerMessage}${suffix}`,
      values,
      link: input.link,
    })),
    ...[...mentioned].map((userId) => ({
      userId,
      kind: 'forum.mention',
      messageId: `forum.notifications.mention${suffix}`,
      values,
      link: input.link,
    })),
  ]);
}
