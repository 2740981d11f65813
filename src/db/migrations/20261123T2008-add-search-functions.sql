-- Search helpers built on public.uh_normalize (the one normalization for indexes and queries).
-- Every call is schema-qualified: PostgreSQL 17+ runs index functions with a restricted search_path.

-- Text as the tokenizer should see it: normalized, with the characters that tsquery syntax gives a
-- meaning to (quotes, backslash, colon, operators) turned into spaces, so a query can never be malformed.
CREATE FUNCTION public.uh_search_text(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT pg_catalog.regexp_replace(public.uh_normalize(input), '[''\\:*&|!()<>]+', ' ', 'g')
$$;

-- The document vector. Persian writes some compounds with a zero-width non-joiner (ZWNJ, U+200C) and
-- some people type a space or nothing instead: index the ZWNJ both as a separator and as a joiner.
CREATE FUNCTION public.uh_search_vector(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT pg_catalog.to_tsvector('pg_catalog.simple'::regconfig, pg_catalog.replace(public.uh_search_text(input), U&'\200C', ' '))
      || pg_catalog.to_tsvector('pg_catalog.simple'::regconfig, pg_catalog.replace(public.uh_search_text(input), U&'\200C', ''))
$$;

-- The query: every word the same tokenizer finds becomes a prefix term, all required.
-- ZWNJ is removed (matches the joined form); a space typed instead matches the separated form.
-- NULL when the input has no word at all.
CREATE FUNCTION public.uh_search_query(input text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN pg_catalog.count(*) = 0 THEN NULL
    ELSE pg_catalog.to_tsquery('pg_catalog.simple'::regconfig,
      pg_catalog.string_agg('''' || lexeme || ''':*', ' & ' ORDER BY lexeme)) END
  FROM pg_catalog.unnest(pg_catalog.tsvector_to_array(pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
    pg_catalog.replace(public.uh_search_text(input), U&'\200C', '')))) AS lexeme
$$;

-- A copy without spaces, ZWNJ or punctuation, for the trigram fallback: finds "کاروکارگری" from
-- "کار و کارگری" and the other way round, and a word split or joined by mistake.
CREATE FUNCTION public.uh_search_compact(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT pg_catalog.regexp_replace(public.uh_normalize(input), '[[:space:][:punct:]\u200C\u200D\u200E\u200F\u202A-\u202E\u2066-\u2069]+', '', 'g')
$$;
