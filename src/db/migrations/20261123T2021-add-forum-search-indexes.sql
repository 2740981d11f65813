-- Forum search indexes: full text over post bodies and topic titles (through public.uh_search_vector,
-- the same normalization as the query), and trigram indexes on space-stripped copies for words
-- written together or misspelled. Expression indexes: the forum tables keep their shape.
-- Only readable posts are indexed; search never shows hidden or deleted ones.
CREATE INDEX forum_posts_search_idx ON forum_posts USING gin (public.uh_search_vector(body_source))
  WHERE deleted_at IS NULL AND NOT is_hidden;
CREATE INDEX forum_posts_search_compact_idx ON forum_posts USING gin (public.uh_search_compact(body_source) public.gin_trgm_ops)
  WHERE deleted_at IS NULL AND NOT is_hidden;
CREATE INDEX forum_topics_search_idx ON forum_topics USING gin (public.uh_search_vector(title)) WHERE NOT is_hidden;
CREATE INDEX forum_topics_search_compact_idx ON forum_topics USING gin (public.uh_search_compact(title) public.gin_trgm_ops) WHERE NOT is_hidden;
