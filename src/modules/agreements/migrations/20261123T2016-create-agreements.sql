-- Cooperation agreements between two or more organizations (e.g. the Bắc Giang labour federation and youth
-- union's 2018–2022 coordination program): parties with who signed for each, numbered areas of activity with
-- yearly targets, and attached documents kept in the database (backed up and deleted with the agreement).

CREATE TABLE agreements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  signed_on date,
  period_start date NOT NULL,
  period_end date NOT NULL,
  goals text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_force', 'ended', 'renewed')),
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);

CREATE TABLE agreement_parties (
  agreement_id bigint NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  organization_id bigint NOT NULL REFERENCES organizations(id),
  position integer NOT NULL,
  signatory_name text NOT NULL DEFAULT '',
  signatory_role text NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, organization_id)
);
CREATE INDEX agreement_parties_organization_id_idx ON agreement_parties (organization_id);

CREATE TABLE agreement_areas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id bigint NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number > 0),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  UNIQUE (agreement_id, number)
);

CREATE TABLE agreement_area_targets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area_id bigint NOT NULL REFERENCES agreement_areas(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1300 AND 2200),
  target text NOT NULL CHECK (length(target) BETWEEN 1 AND 500),
  amount numeric(18, 2) CHECK (amount > 0),
  unit text NOT NULL DEFAULT '',
  -- An amount means nothing without its unit.
  CHECK (amount IS NULL OR length(unit) > 0)
);
CREATE INDEX agreement_area_targets_area_id_idx ON agreement_area_targets (area_id, year);

CREATE TABLE agreement_documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id bigint NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
  filename text NOT NULL,
  content_type text NOT NULL,
  byte_size integer NOT NULL,
  data bytea NOT NULL,
  uploaded_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agreement_documents_agreement_id_idx ON agreement_documents (agreement_id);
