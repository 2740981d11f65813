-- Web push: the browsers (devices) a person asked to be notified on, and one row per notification and device to push.
CREATE TABLE push_subscriptions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The push service's capability URL for one browser; it belongs to whoever subscribed it last.
  endpoint text NOT NULL UNIQUE CHECK (endpoint ~ '^https?://' AND length(endpoint) <= 2000),
  -- The browser's P-256 public key (65 bytes) and auth secret (16 bytes), base64url (RFC 8291).
  p256dh text NOT NULL CHECK (p256dh ~ '^[A-Za-z0-9_-]{87}$'),
  auth text NOT NULL CHECK (auth ~ '^[A-Za-z0-9_-]{22}$'),
  -- A short label for the person ("Firefox on Android"), derived from the User-Agent header.
  user_agent text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- The outbox: written in the notification's own transaction, so a push is owed exactly when the notification committed.
CREATE TABLE push_deliveries (
  notification_id bigint NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  subscription_id bigint NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- When a job was enqueued for it (null: waiting for the dispatcher), and when the push service accepted it.
  queued_at timestamptz,
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  PRIMARY KEY (notification_id, subscription_id)
);
CREATE INDEX push_deliveries_waiting_idx ON push_deliveries (created_at) WHERE queued_at IS NULL;
