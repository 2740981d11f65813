-- Sessions and audit entries keep only the network of an address (IPv4 /24, IPv6 /48), no longer the
-- address itself: matched with a web server's access log, an exact address tied a signed-in account to
-- the anonymous posts sent from it (issue 8). The app stores coarse addresses from now on
-- (src/core/coarse-client.ts); this makes the rows already stored coarse too. IPv4 addresses written as
-- IPv6 (::ffff:a.b.c.d) become IPv4 networks.
UPDATE sessions
SET ip = CASE
  WHEN family(ip) = 6 AND ip << '::ffff:0.0.0.0/96'::inet
    THEN network(set_masklen(substring(host(ip) FROM '([0-9.]+)$')::inet, 24))::inet
  WHEN family(ip) = 4 THEN network(set_masklen(ip, 24))::inet
  ELSE network(set_masklen(ip, 48))::inet
END
WHERE ip IS NOT NULL AND masklen(ip) > CASE WHEN family(ip) = 4 THEN 24 ELSE 48 END;

UPDATE audit_log
SET ip = CASE
  WHEN family(ip) = 6 AND ip << '::ffff:0.0.0.0/96'::inet
    THEN network(set_masklen(substring(host(ip) FROM '([0-9.]+)$')::inet, 24))::inet
  WHEN family(ip) = 4 THEN network(set_masklen(ip, 24))::inet
  ELSE network(set_masklen(ip, 48))::inet
END
WHERE ip IS NOT NULL AND masklen(ip) > CASE WHEN family(ip) = 4 THEN 24 ELSE 48 END;

-- A session now keeps the kind of browser ("Firefox on Android"), not the whole User-Agent, which is
-- nearly as telling as an address; nothing reads the column, so the strings already stored are dropped.
UPDATE sessions SET user_agent = NULL WHERE user_agent IS NOT NULL;
