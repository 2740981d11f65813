-- The addresses an account has logged in from, kept as keyed hashes (an HMAC under SESSION_SECRET of the account
-- and the address's network) so the table names neither. The right password from one of them still gets in when
-- failures spread over many addresses have used up the account's cap (accounts/rate-limits.ts). Expiry is kept
-- to the day, so the table does not record when anyone logged in.
CREATE TABLE login_known_addresses (
  key_hash text PRIMARY KEY,
  expires_on date NOT NULL
);
CREATE INDEX login_known_addresses_expires_on_idx ON login_known_addresses (expires_on);
