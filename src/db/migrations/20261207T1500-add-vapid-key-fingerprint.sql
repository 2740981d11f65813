-- Processes on one database must also share the web push (VAPID) key pair: browsers subscribe to one application
-- server key, and drop pushes signed with another. Its fingerprint joins the other two.
ALTER TABLE key_fingerprints DROP CONSTRAINT key_fingerprints_name_check;
ALTER TABLE key_fingerprints ADD CONSTRAINT key_fingerprints_name_check
  CHECK (name IN ('session_secret', 'anonymity_key', 'vapid_private_key'));
