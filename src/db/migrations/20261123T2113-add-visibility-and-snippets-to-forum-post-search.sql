-- Cheaper forum search per request (issue 3, 50 concurrent searches):
-- * category_id and topic_hidden are copied onto each search row, so the visibility filter is tested on
--   the row the index walk already holds, instead of a join to forum_topics for every candidate
--   (thousands of joins for a query of common word prefixes);
-- * the snippet's words and their normalized form are computed once when a post is written, instead of
--   running public.uh_normalize (unaccent on up to 1,500 characters) for every shown result of every search.
ALTER TABLE forum_post_search
  ADD COLUMN category_id bigint,
  ADD COLUMN topic_hidden boolean NOT NULL DEFAULT false,
  -- The start of the post's source without markdown marks, words separated by one space.
  ADD COLUMN snippet_words text NOT NULL DEFAULT '',
  -- public.uh_normalize(snippet_words): compared with the query's lexemes to mark matching words.
  ADD COLUMN snippet_norms text NOT NULL DEFAULT '';

CREATE FUNCTION public.uh_search_snippet_words(body text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.left(body, 1500), '[*_`#>|~\[\]]+|\s+', ' ', 'g'))
$$;

UPDATE forum_post_search s
SET category_id = t.category_id, topic_hidden = t.is_hidden,
    snippet_words = public.uh_search_snippet_words(p.body_source),
    snippet_norms = public.uh_normalize(public.uh_search_snippet_words(p.body_source))
FROM forum_posts p, forum_topics t
WHERE p.id = s.post_id AND t.id = s.topic_id;

ALTER TABLE forum_post_search ALTER COLUMN category_id SET NOT NULL;

CREATE OR REPLACE FUNCTION public.uh_forum_post_search_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  words text;
BEGIN
  IF NEW.deleted_at IS NOT NULL OR NEW.is_hidden THEN
    DELETE FROM public.forum_post_search WHERE post_id = NEW.id;
  ELSE
    words := public.uh_search_snippet_words(NEW.body_source);
    INSERT INTO public.forum_post_search (post_id, topic_id, created_at, vector, compact, category_id, topic_hidden, snippet_words, snippet_norms)
    SELECT NEW.id, NEW.topic_id, NEW.created_at, public.uh_search_vector(NEW.body_source), public.uh_search_compact(NEW.body_source),
           t.category_id, t.is_hidden, words, public.uh_normalize(words)
    FROM public.forum_topics t WHERE t.id = NEW.topic_id
    ON CONFLICT (post_id) DO UPDATE
      SET topic_id = EXCLUDED.topic_id, created_at = EXCLUDED.created_at, vector = EXCLUDED.vector, compact = EXCLUDED.compact,
          category_id = EXCLUDED.category_id, topic_hidden = EXCLUDED.topic_hidden,
          snippet_words = EXCLUDED.snippet_words, snippet_norms = EXCLUDED.snippet_norms;
  END IF;
  RETURN NULL;
END
$$;

-- A topic hidden, shown again or moved to another category: its posts' search rows follow.
CREATE FUNCTION public.uh_forum_topic_search_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public.forum_post_search SET category_id = NEW.category_id, topic_hidden = NEW.is_hidden
  WHERE topic_id = NEW.id AND (category_id IS DISTINCT FROM NEW.category_id OR topic_hidden IS DISTINCT FROM NEW.is_hidden);
  RETURN NULL;
END
$$;

CREATE TRIGGER forum_topics_search_sync
AFTER UPDATE OF category_id, is_hidden ON forum_topics
FOR EACH ROW WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.is_hidden IS DISTINCT FROM NEW.is_hidden)
EXECUTE FUNCTION public.uh_forum_topic_search_sync();

CREATE INDEX forum_post_search_topic_idx ON forum_post_search (topic_id);

-- Searches are many small queries at once: a parallel plan only adds worker start-up (about 4 ms, even
-- for a branch that a one-time filter skips) and competes for the same cores.
ALTER TABLE forum_post_search SET (parallel_workers = 0);
