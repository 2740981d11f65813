-- The platform core: people, sessions, regions, organizations, memberships, invitations,
-- the audit log, the mail outbox and shared rate-limit counters.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  email text UNIQUE,
  phone text UNIQUE,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('fa', 'vi', 'en')),
  is_platform_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL),
  CHECK (email IS NULL OR email = lower(email))
);

CREATE TABLE sessions (
  -- sha256 of the token held in the cookie: a leaked table cannot be replayed.
  id_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip inet,
  user_agent text
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE regions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint REFERENCES regions(id),
  kind text NOT NULL CHECK (kind IN ('country', 'province', 'county', 'district')),
  code text NOT NULL UNIQUE,
  -- {"fa": "...", "vi": "...", "en": "..."}
  name jsonb NOT NULL,
  -- ids of every ancestor, root first; lets "this region and below" be one indexed test.
  ancestor_ids bigint[] NOT NULL DEFAULT '{}'
);
CREATE INDEX regions_parent_id_idx ON regions (parent_id);

CREATE TABLE organizations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind text NOT NULL CHECK (kind IN ('labour_federation', 'trade_union', 'youth_union', 'labour_office', 'enterprise_union', 'other')),
  parent_id bigint REFERENCES organizations(id),
  region_id bigint REFERENCES regions(id),
  name jsonb NOT NULL,
  description jsonb NOT NULL DEFAULT '{}',
  ancestor_ids bigint[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_parent_id_idx ON organizations (parent_id);
CREATE INDEX organizations_region_id_idx ON organizations (region_id);
CREATE INDEX organizations_ancestor_ids_idx ON organizations USING gin (ancestor_ids);

CREATE TABLE memberships (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('member', 'official', 'coordinator', 'moderator', 'welfare_officer', 'admin')),
  -- The region an official answers for (e.g. one county), when narrower than the organization's.
  region_id bigint REFERENCES regions(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organization_id, role)
);
CREATE INDEX memberships_organization_id_idx ON memberships (organization_id);

CREATE TABLE invitations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('member', 'official', 'coordinator', 'moderator', 'welfare_officer', 'admin')),
  invited_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by bigint REFERENCES users(id) ON DELETE SET NULL,
  revoked_at timestamptz
);
CREATE INDEX invitations_organization_id_idx ON invitations (organization_id);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
  organization_id bigint REFERENCES organizations(id) ON DELETE SET NULL,
  action text NOT NULL,
  subject_type text,
  subject_id text,
  details jsonb NOT NULL DEFAULT '{}',
  ip inet
);
CREATE INDEX audit_log_organization_at_idx ON audit_log (organization_id, at DESC);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

CREATE TABLE mail_messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  recipient text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  -- 'held' when no SMTP server is configured: an administrator reads it in the app.
  status text NOT NULL CHECK (status IN ('sent', 'held', 'failed')),
  error text
);
CREATE INDEX mail_messages_created_at_idx ON mail_messages (created_at DESC);

CREATE UNLOGGED TABLE rate_limits (
  key text PRIMARY KEY,
  count integer NOT NULL,
  reset_at timestamptz NOT NULL
);

-- One normalization for search, used by indexes and by queries alike:
-- NFC, unaccent (Vietnamese diacritics, đ), lower case, Arabic letter variants to Persian,
-- tatweel and Arabic diacritics removed, Persian and Arabic-Indic digits to ASCII.
-- Every call is schema-qualified: PostgreSQL 17+ runs index functions with a restricted search_path.
CREATE FUNCTION public.uh_normalize(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT pg_catalog.translate(
    pg_catalog.regexp_replace(
      pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, pg_catalog.normalize(input, 'NFC'))),
      '[\u0640\u064B-\u065F\u0670]', '', 'g'),
    'يىكةۀۍۃأإآ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩',
    'ییکههیهااا01234567890123456789')
$$;

-- Personal API tokens for /api/v1, shown once when created; only their hash is kept.
CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);
