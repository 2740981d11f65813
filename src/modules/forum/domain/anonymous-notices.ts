import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { LiveEvents } from '../../../core/live.ts';
import type { Queryable } from '../../../db/database.ts';
import type { ReadTimeNotice, ReadTimeNoticeSource } from '../../../core/read-time-notices.ts';
import { findPostsByTags, listNoticeEvents, type NoticeEventRow, type TaggedPostRow } from '../queries/notices.ts';
import { anonymousTag, openFromDevice, sealForDevice } from './anonymity.ts';
import { forumChanges, type ForumChanges } from './forum-changes.ts';

// An anonymous author learns that an official answered, or that a moderator acted on their post, without
// anything stored that names them (docs/modules/forum.md, "Telling an anonymous author"). Nothing is written
// when they post, when an official answers or a moderator acts, or when they read: at every page the server
// takes the last weeks' answer and moderation events in topics with anonymous posts (the same list for
// everyone), computes the viewer's keyed tag for each of those topics with ANONYMITY_KEY, and looks those tags
// up among the anonymous posts. What the author has already seen is kept on their own device, in a cookie
// sealed with a key derived from ANONYMITY_KEY: a stored "read" marker would be written at the moment they
// read, beside their other rows.

/** How far back events become notices: older answers are still on the topic page, not in the list. */
export const NOTICE_WINDOW_DAYS = 30;
/** At most this many events are read per page (the newest). */
export const NOTICE_EVENT_LIMIT = 2000;
/** At most this many notices are shown. */
export const NOTICE_LIMIT = 20;
/** The cookie that remembers, on the author's device only, which notices they have seen. */
export const NOTICE_COOKIE = 'uh_anon_notices';
const COOKIE_DAYS = NOTICE_WINDOW_DAYS * 2;
const TOPIC_PAGE = '/:lang/forum/t/:topicId';

/** A notice before it is rendered: which event, about which topic, said how, leading where. */
export interface AnonymousNotice {
  eventId: number;
  at: Date;
  topicId: number;
  messageId: string;
  values: { title: string };
  link: string;
}

const MESSAGE_BY_ACTION: Record<NoticeEventRow['action'], string> = {
  'forum.answer.mark': 'answered',
  'forum.post.hide': 'postHide',
  'forum.post.restore': 'postRestore',
  'forum.topic.lock': 'topicLock',
  'forum.topic.unlock': 'topicUnlock',
  'forum.topic.close': 'topicClose',
  'forum.topic.reopen': 'topicReopen',
  'forum.topic.hide': 'topicHide',
  'forum.topic.restore': 'topicRestore',
  'forum.topic.move': 'topicMove',
};

/**
 * The events (newest first) that concern these posts of one author: an official answer marked after their post in
 * the topic (and still the answer, and not their own post), the newest moderation of each of their posts, and
 * moderators' acts on a topic they started.
 */
export function matchNotices(events: NoticeEventRow[], mine: TaggedPostRow[]): AnonymousNotice[] {
  const postIds = new Set(mine.map((p) => p.id));
  const seenAnswerTopics = new Set<number>();
  const seenPosts = new Set<number>();
  const notices: AnonymousNotice[] = [];
  for (const event of events) {
    const inTopic = mine.filter((p) => p.topicId === event.topicId);
    if (inTopic.length === 0) continue;
    let link: string;
    if (event.action === 'forum.answer.mark') {
      const current = event.postId !== null && event.postId === event.answerPostId && !postIds.has(event.postId);
      if (!current || seenAnswerTopics.has(event.topicId) || !inTopic.some((p) => p.createdAt < event.at)) continue;
      seenAnswerTopics.add(event.topicId);
      link = `/forum/t/${event.topicId}/${event.postNumber}`;
    } else if (event.action.startsWith('forum.post.')) {
      if (event.postId === null || !postIds.has(event.postId) || seenPosts.has(event.postId)) continue;
      seenPosts.add(event.postId);
      link = `/forum/t/${event.topicId}/${event.postNumber}`;
    } else {
      if (!inTopic.some((p) => p.postNumber === 1)) continue;
      link = `/forum/t/${event.topicId}`;
    }
    notices.push({
      eventId: event.id,
      at: event.at,
      topicId: event.topicId,
      messageId: `forum.anonymousNotices.${MESSAGE_BY_ACTION[event.action]}`,
      values: { title: event.title },
      link,
    });
    if (notices.length === NOTICE_LIMIT) break;
  }
  return notices;
}

/** What the author's device says they have seen: every notice up to `upTo`, and these ones after it. */
export interface SeenState {
  upTo: number;
  seen: number[];
}

/** Reads the cookie; what is missing, tampered with, sealed with another key or another person's reads as nothing seen. */
export function readSeen(secret: string, cookie: string | undefined, userId: number): SeenState {
  const opened = cookie ? openFromDevice(secret, cookie) : null;
  if (typeof opened !== 'object' || opened === null) return { upTo: 0, seen: [] };
  const { u, w, s } = opened as { u?: unknown; w?: unknown; s?: unknown };
  if (u !== userId || typeof w !== 'number' || !Array.isArray(s)) return { upTo: 0, seen: [] };
  return { upTo: w, seen: s.filter((id): id is number => typeof id === 'number') };
}

/** The cookie's value for this state, sealed for the device (bound to the person, so a shared browser keeps each one's apart). */
export function sealSeen(secret: string, userId: number, state: SeenState): string {
  return sealForDevice(secret, { u: userId, w: state.upTo, s: state.seen });
}

const isUnread = (state: SeenState, eventId: number) => eventId > state.upTo && !state.seen.includes(eventId);

function writeSeen(request: FastifyRequest, reply: FastifyReply, userId: number, state: SeenState): void {
  reply.setCookie(NOTICE_COOKIE, sealSeen(request.server.uh.config.anonymityKey, userId, state), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.uh.config.secureCookies,
    maxAge: COOKIE_DAYS * 86400,
  });
}

/**
 * Finds viewers' notices for one app, without a query or an HMAC on most pages. The events (the same for
 * everyone) are kept until a forum change other than a new post (an answer marked, a moderator's act, an edit, a
 * deletion) or for a minute (the window moves). New posts cannot make an older event concern someone (an answer
 * counts for posts written before it, a moderator's act for posts that existed), so a viewer's notices are worked
 * out again only when the events change, and then only for the topics of new events and of their own anonymous
 * posts found before. All of it lives in the process's memory, beside ANONYMITY_KEY itself.
 */
class NoticeFinder {
  private events: { at: number; rows: Promise<NoticeEventRow[]> } | null = null;
  private readonly viewers = new LRUCache<number, ViewerNotices>({ max: 10_000 });

  constructor(changes: ForumChanges) {
    changes.subscribe((change) => {
      if (!change.added) this.events = null;
    });
  }

  private currentEvents(db: Queryable): Promise<NoticeEventRow[]> {
    if (!this.events || Date.now() - this.events.at > EVENTS_TTL_MS) {
      const rows = listNoticeEvents(db, NOTICE_WINDOW_DAYS, NOTICE_EVENT_LIMIT);
      const entry = { at: Date.now(), rows };
      this.events = entry;
      // A failed read is not kept: the next page tries again.
      rows.catch(() => {
        if (this.events === entry) this.events = null;
      });
    }
    return this.events.rows;
  }

  async find(db: Queryable, secret: string, userId: number): Promise<AnonymousNotice[]> {
    const eventsPromise = this.currentEvents(db);
    const events = await eventsPromise;
    const known = this.viewers.get(userId);
    if (known?.events === eventsPromise) return known.notices;
    const scannedUpTo = known?.scannedUpTo ?? 0;
    const topicIds = new Set(known?.topicIds ?? []);
    for (const event of events) if (event.id > scannedUpTo) topicIds.add(event.topicId);
    const mine = await findPostsByTags(
      db,
      [...topicIds].map((topicId) => anonymousTag(secret, topicId, userId)),
    );
    const notices = matchNotices(events, mine);
    this.viewers.set(userId, {
      events: eventsPromise,
      scannedUpTo: Math.max(scannedUpTo, ...events.map((e) => e.id)),
      topicIds: [...new Set(mine.map((p) => p.topicId))],
      notices,
    });
    return notices;
  }
}

/** What a finder remembers of one viewer: for which events, up to which event it looked, in which topics they posted. */
interface ViewerNotices {
  events: Promise<NoticeEventRow[]>;
  scannedUpTo: number;
  topicIds: number[];
  notices: AnonymousNotice[];
}

const EVENTS_TTL_MS = 60_000;
const finders = new WeakMap<LiveEvents, NoticeFinder>();

/** The viewer's notices: the same events for every signed-in viewer, then their tags, computed here with the key. */
export function findAnonymousNotices(request: FastifyRequest, userId: number): Promise<AnonymousNotice[]> {
  const { db, config, live } = request.server.uh;
  let finder = finders.get(live);
  if (!finder) {
    finder = new NoticeFinder(forumChanges(live));
    finders.set(live, finder);
  }
  return finder.find(db, config.anonymityKey, userId);
}

const byRequest = new WeakMap<FastifyRequest, Promise<ReadTimeNotice[]>>();

/**
 * The viewer's notices with their read state; opening a topic page marks that topic's notices seen (on the
 * device), so following a notice to the answer clears it, as opening a stored notification does.
 */
async function listForRequest(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<ReadTimeNotice[]> {
  const secret = request.server.uh.config.anonymityKey;
  const notices = await findAnonymousNotices(request, userId);
  const state = readSeen(secret, request.cookies[NOTICE_COOKIE], userId);
  const params = request.params as { topicId?: string } | undefined;
  const openedTopic =
    request.routeOptions.url === TOPIC_PAGE && /^[0-9]{1,18}$/.test(params?.topicId ?? '') ? Number(params?.topicId) : null;
  const opened = notices.filter((n) => n.topicId === openedTopic && isUnread(state, n.eventId)).map((n) => n.eventId);
  if (opened.length > 0) {
    // Only what can still be shown is kept, so the cookie stays small.
    const shown = new Set(notices.map((n) => n.eventId));
    state.seen = [...state.seen.filter((id) => shown.has(id) && id > state.upTo), ...opened];
    writeSeen(request, reply, userId, state);
  }
  return notices.map((n) => ({
    key: String(n.eventId),
    messageId: n.messageId,
    values: n.values,
    link: n.link,
    at: n.at,
    unread: isUnread(state, n.eventId),
  }));
}

/** The forum's read-time notices for the notifications page and the header's unread count. */
export const anonymousNoticeSource: ReadTimeNoticeSource = {
  titleId: 'forum.anonymousNotices.title',
  list(request, reply, userId) {
    let listed = byRequest.get(request);
    if (!listed) {
      listed = listForRequest(request, reply, userId);
      byRequest.set(request, listed);
    }
    return listed;
  },
  async markAllRead(request, reply, userId) {
    const notices = await findAnonymousNotices(request, userId);
    const upTo = Math.max(0, ...notices.map((n) => n.eventId));
    const state = readSeen(request.server.uh.config.anonymityKey, request.cookies[NOTICE_COOKIE], userId);
    writeSeen(request, reply, userId, { upTo: Math.max(upTo, state.upTo), seen: [] });
  },
};
