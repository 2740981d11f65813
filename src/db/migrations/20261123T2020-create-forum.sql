-- The workers' forum: categories per organization, topics, posts (anonymous ones sealed),
-- revisions, reactions, follows, image attachments, flags and forum suspensions.

CREATE TABLE forum_categories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- {"fa": "...", "vi": "...", "en": "..."}
  name jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{}',
  -- public: everyone; members: members of the organization and of its sub-organizations (and its officials);
  -- officials: people holding a role above 'member' in the organization or a parent organization.
  visibility text NOT NULL CHECK (visibility IN ('public', 'members', 'officials')),
  position integer NOT NULL DEFAULT 0,
  topic_count integer NOT NULL DEFAULT 0,
  last_posted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, slug)
);
CREATE INDEX forum_categories_organization_position_idx ON forum_categories (organization_id, position, id);

CREATE TABLE forum_topics (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category_id bigint NOT NULL REFERENCES forum_categories(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  -- open: waiting for an answer; answered: an official answer is marked; closed: ended by a moderator.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  is_locked boolean NOT NULL DEFAULT false,
  is_pinned boolean NOT NULL DEFAULT false,
  is_hidden boolean NOT NULL DEFAULT false,
  -- NULL when the topic was started anonymously (the first post carries the sealed link).
  author_id bigint REFERENCES users(id) ON DELETE SET NULL,
  is_anonymous boolean NOT NULL DEFAULT false,
  -- Posts in the topic, the first included, deleted and hidden ones too (post numbers are never reused).
  post_count integer NOT NULL DEFAULT 0,
  last_post_number integer NOT NULL DEFAULT 0,
  last_posted_at timestamptz NOT NULL DEFAULT now(),
  answer_post_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Keyset pagination of a category's list: pinned first, then by last activity.
CREATE INDEX forum_topics_category_list_idx ON forum_topics (category_id, is_pinned DESC, last_posted_at DESC, id DESC);
-- The "latest" list across every category a viewer may read.
CREATE INDEX forum_topics_latest_idx ON forum_topics (last_posted_at DESC, id DESC);
-- Officials' queue of unanswered questions, oldest first.
CREATE INDEX forum_topics_unanswered_idx ON forum_topics (category_id, created_at, id) WHERE status = 'open' AND NOT is_hidden;
CREATE INDEX forum_topics_author_idx ON forum_topics (author_id) WHERE author_id IS NOT NULL;

CREATE TABLE forum_posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic_id bigint NOT NULL REFERENCES forum_topics(id) ON DELETE CASCADE,
  -- 1 for the topic's first post; dense within the topic, so page n holds numbers (n-1)*20+1 .. n*20.
  post_number integer NOT NULL CHECK (post_number >= 1),
  -- NULL for anonymous posts: the author is then known only through anonymous_seal.
  author_id bigint REFERENCES users(id) ON DELETE SET NULL,
  -- AES-256-GCM(ANONYMITY_KEY, user id): iv (12 bytes) || tag (16 bytes) || ciphertext. Readable only with the key.
  anonymous_seal bytea,
  -- HMAC-SHA256(ANONYMITY_KEY, "topicId:userId"): lets the author find and edit their own anonymous posts.
  anonymous_tag bytea,
  -- "Worker 3": stable within the topic for one anonymous author.
  pseudonym_number integer,
  body_source text NOT NULL CHECK (char_length(body_source) <= 20000),
  -- Rendered from body_source by markdown-it (html off) and sanitize-html's allow-list.
  body_html text NOT NULL,
  quoted_post_id bigint REFERENCES forum_posts(id) ON DELETE SET NULL,
  is_official_answer boolean NOT NULL DEFAULT false,
  is_hidden boolean NOT NULL DEFAULT false,
  -- {"like": 3, "thanks": 1}: kept in step with forum_reactions so a page needs no count query.
  reaction_counts jsonb NOT NULL DEFAULT '{}',
  link_count integer NOT NULL DEFAULT 0,
  revision_count integer NOT NULL DEFAULT 0,
  edited_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic_id, post_number),
  CHECK ((anonymous_seal IS NULL) = (anonymous_tag IS NULL)),
  CHECK (anonymous_seal IS NULL OR (author_id IS NULL AND pseudonym_number IS NOT NULL))
);
CREATE INDEX forum_posts_author_created_idx ON forum_posts (author_id, created_at DESC) WHERE author_id IS NOT NULL;
CREATE INDEX forum_posts_anonymous_tag_idx ON forum_posts (anonymous_tag) WHERE anonymous_tag IS NOT NULL;
CREATE INDEX forum_posts_created_idx ON forum_posts (created_at DESC);

ALTER TABLE forum_topics ADD CONSTRAINT forum_topics_answer_post_fk FOREIGN KEY (answer_post_id) REFERENCES forum_posts(id) ON DELETE SET NULL;

-- One pseudonym number per anonymous author per topic, found by the keyed tag (never by user id).
CREATE TABLE forum_topic_pseudonyms (
  topic_id bigint NOT NULL REFERENCES forum_topics(id) ON DELETE CASCADE,
  anonymous_tag bytea NOT NULL,
  number integer NOT NULL,
  PRIMARY KEY (topic_id, anonymous_tag),
  UNIQUE (topic_id, number)
);

CREATE TABLE forum_post_revisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
  -- The text before the edit (and the topic title, for a first post).
  body_source text NOT NULL,
  title text,
  -- NULL when the post is anonymous: an edit must not reveal its author either.
  editor_id bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX forum_post_revisions_post_idx ON forum_post_revisions (post_id, id);

CREATE TABLE forum_reactions (
  post_id bigint NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reaction text NOT NULL CHECK (reaction IN ('like', 'thanks', 'agree', 'support')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id, reaction)
);
CREATE INDEX forum_reactions_user_idx ON forum_reactions (user_id);

CREATE TABLE forum_follows (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  topic_id bigint REFERENCES forum_topics(id) ON DELETE CASCADE,
  category_id bigint REFERENCES forum_categories(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((topic_id IS NULL) <> (category_id IS NULL))
);
CREATE UNIQUE INDEX forum_follows_user_topic_idx ON forum_follows (user_id, topic_id) WHERE topic_id IS NOT NULL;
CREATE UNIQUE INDEX forum_follows_user_category_idx ON forum_follows (user_id, category_id) WHERE category_id IS NOT NULL;
CREATE INDEX forum_follows_topic_idx ON forum_follows (topic_id) WHERE topic_id IS NOT NULL;
CREATE INDEX forum_follows_category_idx ON forum_follows (category_id) WHERE category_id IS NOT NULL;

-- Images attached to posts: checked from their content, resized and stripped of metadata before they land here.
CREATE TABLE forum_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/webp', 'image/jpeg')),
  width integer NOT NULL,
  height integer NOT NULL,
  byte_size integer NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX forum_attachments_post_idx ON forum_attachments (post_id, id);

CREATE TABLE forum_flags (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES forum_posts(id) ON DELETE CASCADE,
  flagger_id bigint REFERENCES users(id) ON DELETE SET NULL,
  reason text NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'personal_data', 'other')),
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by bigint REFERENCES users(id) ON DELETE SET NULL,
  resolution text CHECK (resolution IN ('hidden', 'dismissed'))
);
CREATE UNIQUE INDEX forum_flags_open_once_idx ON forum_flags (post_id, flagger_id) WHERE resolved_at IS NULL;
CREATE INDEX forum_flags_open_idx ON forum_flags (created_at) WHERE resolved_at IS NULL;

-- A member kept from posting in an organization's forum (and its sub-organizations') for a time.
CREATE TABLE forum_suspensions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reason text NOT NULL,
  starts_at timestamptz NOT NULL DEFAULT now(),
  ends_at timestamptz NOT NULL,
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  lifted_at timestamptz,
  lifted_by bigint REFERENCES users(id) ON DELETE SET NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX forum_suspensions_user_idx ON forum_suspensions (user_id, ends_at);
CREATE INDEX forum_suspensions_organization_idx ON forum_suspensions (organization_id, ends_at DESC);
