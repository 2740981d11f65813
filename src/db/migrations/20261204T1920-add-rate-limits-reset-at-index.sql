-- Expired rate-limit counters are now deleted (a periodic job, and as forum posts are counted), so that
-- the table, and every backup of it, keeps no history of who did what when (issue 8). The index makes
-- finding the expired rows cheap.
CREATE INDEX IF NOT EXISTS rate_limits_reset_at_idx ON rate_limits (reset_at);

-- The forum's posting counters were keyed by user id ("forum:flood:8") with a window that started at the
-- post, to the millisecond: they tied accounts to anonymous posts. The new counters (keyed by an HMAC
-- under a key derived from ANONYMITY_KEY) start empty; dropping the old ones lifts no limit for long.
DELETE FROM rate_limits WHERE key LIKE 'forum:flood:%' OR key LIKE 'forum:newAccount:%';
