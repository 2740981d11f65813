import type { LiveEvents } from '../../../core/live.ts';

/** The live channel of a topic's new posts. */
export const topicChannel = (topicId: number) => `topic:${topicId}`;

/**
 * Tells every app process that a post was added to a topic (call after the transaction commits).
 * Open topic pages fetch it; cached pages of the topic are dropped. Never throws: a lost live event
 * only means a reader sees the reply on their next load.
 */
export async function publishNewPost(live: LiveEvents, topicId: number, postNumber: number): Promise<void> {
  await live.publish(topicChannel(topicId), { postNumber }).catch(() => {});
}
