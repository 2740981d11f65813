-- Anonymous authors' notices are worked out when read, from the answer and moderation entries of the audit
-- log (src/modules/forum/queries/notices.ts): this index keeps that read to the last weeks' few such entries
-- on every signed-in page, however long the audit log grows with other actions.
CREATE INDEX audit_log_forum_notices_idx ON audit_log (at DESC)
  WHERE action IN ('forum.answer.mark', 'forum.post.hide', 'forum.post.restore', 'forum.topic.lock', 'forum.topic.unlock',
                   'forum.topic.close', 'forum.topic.reopen', 'forum.topic.hide', 'forum.topic.restore', 'forum.topic.move');
