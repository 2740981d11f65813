-- One row per secret that every app process on this database must share (SESSION_SECRET, ANONYMITY_KEY):
-- HMAC-SHA256 of a fixed label under the key. It tells a process with another key that it must not start,
-- and reveals nothing of the key itself. Written by the first process that starts; never updated by the app.
CREATE TABLE key_fingerprints (
  name text PRIMARY KEY CHECK (name IN ('session_secret', 'anonymity_key')),
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
