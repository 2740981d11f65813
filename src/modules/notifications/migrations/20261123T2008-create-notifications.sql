-- In-app notifications and each user's choice about the daily email digest.
-- The text is not stored: message_id and values are rendered at read time in the reader's language.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL,
  message_id text NOT NULL,
  -- Only what the recipient may see (a pseudonym, never an anonymous author's name).
  values jsonb NOT NULL DEFAULT '{}',
  -- The path after the language prefix, e.g. /forum/topics/12#post-3; always local.
  link text NOT NULL CHECK (link ~ '^/[^/\\]' OR link = '/'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user_read_created_idx ON notifications (user_id, read_at, created_at DESC);
-- Keyset pagination of one user's list, newest first.
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);

CREATE TABLE notification_settings (
  user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  digest_enabled boolean NOT NULL DEFAULT false,
  last_digest_at timestamptz
);
