-- Safe retries (issue 8): one row per Idempotency-Key of an API write, or per form nonce, kept 24 hours.
-- The rows sit beside anonymous posts in every backup, so they name nobody and nothing in clear:
--   key_hash      HMAC (under a key derived from ANONYMITY_KEY) of the kind, the caller's id and the key
--   request_hash  HMAC of the method, URL and body: the same key with another request answers 422
--   owner         random token of the request holding the key; a request that lost it cannot commit
--   committed     a transaction of that request has committed (set inside that transaction)
--   response      the answer, AES-256-GCM under a key derived from the client's key and the server's
--   lease_until   while the answer is pending: after this (rounded to the minute) a request that never
--                 committed is taken to have died and the key may be taken over
--   expires_at    rounded to the hour, at least 24 hours on; expired rows are purged
CREATE TABLE idempotency_keys (
  key_hash bytea PRIMARY KEY,
  request_hash bytea NOT NULL,
  owner bytea NOT NULL,
  committed boolean NOT NULL DEFAULT false,
  response bytea,
  lease_until timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);
