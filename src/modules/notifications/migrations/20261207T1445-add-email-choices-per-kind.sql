-- Email per kind of notification: immediately, in the daily digest, or off. The in-app notification always appears.
-- A person's explicit choices, one row per kind they chose for; kinds they never chose use email_default, then the
-- kind's own default (declared by the module that sends it).
CREATE TABLE notification_preferences (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL,
  email text NOT NULL CHECK (email IN ('immediate', 'digest', 'off')),
  PRIMARY KEY (user_id, kind)
);

-- The old single digest switch becomes a fallback for every kind: whoever had the digest on gets 'digest' for all
-- kinds (including kinds added later) until they choose otherwise; whoever had it off gets each kind's default.
ALTER TABLE notification_settings ADD COLUMN email_default text CHECK (email_default IN ('immediate', 'digest', 'off'));
UPDATE notification_settings SET email_default = 'digest' WHERE digest_enabled;
ALTER TABLE notification_settings DROP COLUMN digest_enabled;

-- Each notification carries the choice that applied when it was created, so the digest and the mail job read one
-- column; mail_queued_at and mailed_at make the immediate mail an outbox drained by the job queue, at most once.
ALTER TABLE notifications
  ADD COLUMN email text NOT NULL DEFAULT 'off' CHECK (email IN ('immediate', 'digest', 'off')),
  ADD COLUMN mail_queued_at timestamptz,
  ADD COLUMN mailed_at timestamptz;
UPDATE notifications n SET email = 'digest'
  FROM notification_settings s
 WHERE s.user_id = n.user_id AND s.email_default = 'digest' AND n.read_at IS NULL;

-- The outbox: immediate mails not yet handed to the job queue (small; empties as the dispatcher runs).
CREATE INDEX notifications_mail_outbox_idx ON notifications (id) WHERE email = 'immediate' AND mail_queued_at IS NULL;
-- The digest's "who is due" scan: unread notifications meant for the digest.
CREATE INDEX notifications_digest_unread_idx ON notifications (user_id, created_at) WHERE email = 'digest' AND read_at IS NULL;
