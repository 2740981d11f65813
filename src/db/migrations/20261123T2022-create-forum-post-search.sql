-- Search documents for forum posts, kept beside the posts by a trigger. A stored vector lets the
-- newest matches of a common word be found by walking the recency index and testing each row's vector
-- (cheap), instead of fetching every match from the GIN index (tens of thousands of rows) or
-- recomputing the vector of each row (the expression index forum_posts_search_idx needed that).
-- Only readable posts (not hidden, not deleted) have a row: search never shows the others.
DROP INDEX IF EXISTS forum_posts_search_idx;
-- Likewise the trigram fallback tests a stored space-stripped copy rather than recomputing it per row.
DROP INDEX IF EXISTS forum_posts_search_compact_idx;

CREATE TABLE forum_post_search (
  post_id bigint PRIMARY KEY REFERENCES forum_posts(id) ON DELETE CASCADE,
  topic_id bigint NOT NULL REFERENCES forum_topics(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  vector tsvector NOT NULL,
  -- public.uh_search_compact(body): no spaces, ZWNJ or punctuation (words written together or apart).
  compact text NOT NULL
);
CREATE INDEX forum_post_search_vector_idx ON forum_post_search USING gin (vector);
CREATE INDEX forum_post_search_compact_idx ON forum_post_search USING gin (compact public.gin_trgm_ops);
CREATE INDEX forum_post_search_created_idx ON forum_post_search (created_at DESC, post_id DESC);

CREATE FUNCTION public.uh_forum_post_search_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.deleted_at IS NOT NULL OR NEW.is_hidden THEN
    DELETE FROM public.forum_post_search WHERE post_id = NEW.id;
  ELSE
    INSERT INTO public.forum_post_search (post_id, topic_id, created_at, vector, compact)
    VALUES (NEW.id, NEW.topic_id, NEW.created_at, public.uh_search_vector(NEW.body_source), public.uh_search_compact(NEW.body_source))
    ON CONFLICT (post_id) DO UPDATE
      SET topic_id = EXCLUDED.topic_id, created_at = EXCLUDED.created_at, vector = EXCLUDED.vector, compact = EXCLUDED.compact;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER forum_posts_search_sync
AFTER INSERT OR UPDATE OF body_source, is_hidden, deleted_at, topic_id ON forum_posts
FOR EACH ROW EXECUTE FUNCTION public.uh_forum_post_search_sync();

-- Posts that exist already (a database migrated after posts were written).
INSERT INTO forum_post_search (post_id, topic_id, created_at, vector, compact)
SELECT id, topic_id, created_at, public.uh_search_vector(body_source), public.uh_search_compact(body_source) FROM forum_posts WHERE deleted_at IS NULL AND NOT is_hidden;
