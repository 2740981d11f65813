import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A notice a module works out when it is read instead of storing a notification row: the forum tells an
 * anonymous author about an official answer this way, because a stored row (user id + link) would name them.
 */
export interface ReadTimeNotice {
  /** Unique among its source's notices (the notifications page keys its list items by it). */
  key: string;
  /** Message id and values, rendered in the reader's language like a stored notification's. */
  messageId: string;
  values: Record<string, string | number>;
  /** Path after the language prefix. */
  link: string;
  at: Date;
  unread: boolean;
}

/** A module's read-time notices (declared in its manifest, `UnionhallModule.notices`). */
export interface ReadTimeNoticeSource {
  /** Message id of the section heading on the notifications page. */
  titleId: string;
  /**
   * The viewer's notices, newest first. Called for the header's unread count on every signed-in GET page, so
   * it must be cheap; it may mark notices read for the page being opened (a cookie on `reply`).
   */
  list(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<ReadTimeNotice[]>;
  /** "Mark all as read" on the notifications page. */
  markAllRead(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<void>;
}
