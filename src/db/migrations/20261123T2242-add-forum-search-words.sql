-- The forum's search fallback looks words up in a dictionary instead of scanning posts (issue 3).
--
-- Before: when full text found nothing, a space-stripped copy of every post (forum_post_search.compact)
-- was searched with LIKE '%…%' through a trigram index: 15-130 ms a search at 200,000 posts, and the
-- largest index of the forum (about 100 MB at that size, five times the full-text index).
-- Now: forum_search_words holds every distinct word of readable posts and topic titles, as the index
-- stores it (the lexemes of public.uh_search_vector). The fallback finds, for a query word that no
-- indexed word begins with, the words spelt like it (trigram similarity) and the ways it splits into
-- indexed words (words written together), then runs an ordinary full-text search for them.
-- Words are never removed: a word of a hidden or deleted post only makes the fallback try a word that
-- then finds nothing the reader may see. The dictionary is never shown to anyone.

-- C collation: byte order is code point order, so "begins with w" is the range [w, w || U+10FFFF).
CREATE TABLE forum_search_words (
  word text COLLATE "C" PRIMARY KEY
);
-- GIN, not GiST: "words spelt like w" (w % word, then sorted by similarity) takes 0.1 ms among 75,000
-- words, where GiST's nearest-neighbour search (ORDER BY word <-> w) took 8-10 ms.
CREATE INDEX forum_search_words_trgm_idx ON forum_search_words USING gin (word public.gin_trgm_ops);

-- Adds the words of a statement's new or changed search rows, and of a topic's new title. Sorted, so
-- that two transactions adding the same new words take their locks in the same order. A deadlock between
-- a title's and a post's words (two statements of one transaction) only leaves those words for the next
-- post that uses them: the dictionary is a search aid, and a write must never fail because of it.
CREATE FUNCTION public.uh_forum_search_words_add(words text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.forum_search_words (word)
  SELECT DISTINCT w FROM pg_catalog.unnest(words) AS w ORDER BY w
  ON CONFLICT DO NOTHING;
EXCEPTION WHEN deadlock_detected THEN
  NULL;
END
$$;

CREATE FUNCTION public.uh_forum_post_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.uh_forum_search_words_add(ARRAY(
    SELECT DISTINCT w FROM new_rows, pg_catalog.unnest(pg_catalog.tsvector_to_array(new_rows.vector)) AS w));
  RETURN NULL;
END
$$;

CREATE FUNCTION public.uh_forum_topic_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT NEW.is_hidden THEN
    PERFORM public.uh_forum_search_words_add(pg_catalog.tsvector_to_array(public.uh_search_vector(NEW.title)));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER forum_post_search_words_insert
AFTER INSERT ON forum_post_search REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION public.uh_forum_post_search_words();
CREATE TRIGGER forum_post_search_words_update
AFTER UPDATE ON forum_post_search REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION public.uh_forum_post_search_words();
CREATE TRIGGER forum_topics_search_words
AFTER INSERT OR UPDATE OF title, is_hidden ON forum_topics
FOR EACH ROW EXECUTE FUNCTION public.uh_forum_topic_search_words();

-- The words of what is there already.
INSERT INTO forum_search_words (word)
SELECT w FROM forum_post_search, unnest(tsvector_to_array(vector)) AS w
UNION
SELECT w FROM forum_topics, unnest(tsvector_to_array(public.uh_search_vector(title))) AS w WHERE NOT is_hidden
ON CONFLICT DO NOTHING;

-- The space-stripped copies and their trigram indexes are no longer read.
DROP INDEX forum_post_search_compact_idx;
DROP INDEX forum_topics_search_compact_idx;

CREATE OR REPLACE FUNCTION public.uh_forum_post_search_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  words text;
BEGIN
  IF NEW.deleted_at IS NOT NULL OR NEW.is_hidden THEN
    DELETE FROM public.forum_post_search WHERE post_id = NEW.id;
  ELSE
    words := public.uh_search_snippet_words(NEW.body_source);
    INSERT INTO public.forum_post_search (post_id, topic_id, created_at, vector, category_id, topic_hidden, snippet_words, snippet_norms)
    SELECT NEW.id, NEW.topic_id, NEW.created_at, public.uh_search_vector(NEW.body_source),
           t.category_id, t.is_hidden, words, public.uh_normalize(words)
    FROM public.forum_topics t WHERE t.id = NEW.topic_id
    ON CONFLICT (post_id) DO UPDATE
      SET topic_id = EXCLUDED.topic_id, created_at = EXCLUDED.created_at, vector = EXCLUDED.vector,
          category_id = EXCLUDED.category_id, topic_hidden = EXCLUDED.topic_hidden,
          snippet_words = EXCLUDED.snippet_words, snippet_norms = EXCLUDED.snippet_norms;
  END IF;
  RETURN NULL;
END
$$;

ALTER TABLE forum_post_search DROP COLUMN compact;
DROP FUNCTION public.uh_search_compact(text);
