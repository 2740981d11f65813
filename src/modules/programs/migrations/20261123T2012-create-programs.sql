-- Programs (e.g. Workers' Week 1401), their numbered activities, the regions and targets of each activity,
-- and the execution reports local officials file per activity per region, with photos and files.
-- agreement_area_id and resolution_id point into the agreements and meetings modules' tables without a
-- foreign key: those modules are independent and validate through their own exports.

CREATE TABLE programs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lead_organization_id bigint NOT NULL REFERENCES organizations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  -- The language the program is written in; its printed report uses it.
  lang text NOT NULL DEFAULT 'fa' CHECK (lang IN ('fa', 'vi', 'en')),
  period_start date NOT NULL,
  period_end date NOT NULL,
  agreement_area_id bigint,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'completed', 'cancelled')),
  -- Shown on the public page (activities, where and when, progress) when true.
  is_public boolean NOT NULL DEFAULT false,
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
CREATE INDEX programs_lead_organization_id_idx ON programs (lead_organization_id);
CREATE INDEX programs_agreement_area_id_idx ON programs (agreement_area_id) WHERE agreement_area_id IS NOT NULL;

CREATE TABLE program_partners (
  program_id bigint NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  organization_id bigint NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (program_id, organization_id)
);
CREATE INDEX program_partners_organization_id_idx ON program_partners (organization_id);

CREATE TABLE program_regions (
  program_id bigint NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  region_id bigint NOT NULL REFERENCES regions(id),
  PRIMARY KEY (program_id, region_id)
);

CREATE TABLE program_activities (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  program_id bigint NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number > 0),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  description text NOT NULL DEFAULT '',
  type text NOT NULL DEFAULT 'other' CHECK (type IN (
    'ceremony_conference', 'family_visit', 'commemoration', 'contest', 'meeting', 'site_visit', 'service_desk',
    'livelihood_aid', 'volunteer_shift', 'training', 'dialogue', 'communication', 'other')),
  -- NULL: the program's lead organization leads it.
  lead_organization_id bigint REFERENCES organizations(id),
  starts_on date,
  ends_on date,
  responsible_user_id bigint REFERENCES users(id) ON DELETE SET NULL,
  budget numeric(18, 2) CHECK (budget >= 0),
  budget_currency text CHECK (budget_currency ~ '^[A-Z]{3}$'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'planned', 'in_progress', 'done', 'cancelled')),
  -- The meeting resolution that approved this activity (set by the meetings module).
  resolution_id bigint,
  public_notes text NOT NULL DEFAULT '',
  internal_notes text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, number),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX program_activities_responsible_user_id_idx ON program_activities (responsible_user_id);
CREATE INDEX program_activities_resolution_id_idx ON program_activities (resolution_id) WHERE resolution_id IS NOT NULL;

CREATE TABLE activity_partners (
  activity_id bigint NOT NULL REFERENCES program_activities(id) ON DELETE CASCADE,
  organization_id bigint NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (activity_id, organization_id)
);

-- Where an activity must happen ("the province and each county"): one row per region.
CREATE TABLE activity_regions (
  activity_id bigint NOT NULL REFERENCES program_activities(id) ON DELETE CASCADE,
  region_id bigint NOT NULL REFERENCES regions(id),
  PRIMARY KEY (activity_id, region_id)
);
CREATE INDEX activity_regions_region_id_idx ON activity_regions (region_id);

-- What an activity aims for, with a unit ("418 fallen workers commemorated"). `measure` says which figure
-- of the approved reports counts towards it; `scope` whether the amount is for the whole activity or for each region.
CREATE TABLE activity_targets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id bigint NOT NULL REFERENCES program_activities(id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 1,
  unit_label text NOT NULL CHECK (length(unit_label) BETWEEN 1 AND 100),
  amount numeric(18, 2) NOT NULL CHECK (amount > 0),
  measure text NOT NULL DEFAULT 'beneficiaries' CHECK (measure IN (
    'beneficiaries', 'participants', 'workers', 'employers', 'families', 'other_participants', 'reports', 'money_spent')),
  scope text NOT NULL DEFAULT 'total' CHECK (scope IN ('total', 'each_region'))
);
CREATE INDEX activity_targets_activity_id_idx ON activity_targets (activity_id);

CREATE TABLE activity_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id bigint NOT NULL REFERENCES program_activities(id) ON DELETE CASCADE,
  region_id bigint NOT NULL REFERENCES regions(id),
  reporter_id bigint REFERENCES users(id) ON DELETE SET NULL,
  held_on date NOT NULL,
  place text NOT NULL DEFAULT '',
  -- Participants counted by group.
  workers integer NOT NULL DEFAULT 0 CHECK (workers >= 0),
  employers integer NOT NULL DEFAULT 0 CHECK (employers >= 0),
  families integer NOT NULL DEFAULT 0 CHECK (families >= 0),
  other_participants integer NOT NULL DEFAULT 0 CHECK (other_participants >= 0),
  beneficiaries integer NOT NULL DEFAULT 0 CHECK (beneficiaries >= 0),
  money_spent numeric(18, 2) NOT NULL DEFAULT 0 CHECK (money_spent >= 0),
  notes text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'returned')),
  reviewer_id bigint REFERENCES users(id) ON DELETE SET NULL,
  reviewer_comment text NOT NULL DEFAULT '',
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_reports_activity_region_idx ON activity_reports (activity_id, region_id, status);
CREATE INDEX activity_reports_reporter_id_idx ON activity_reports (reporter_id);

-- Photos (re-encoded) and documents attached to a report, kept in the database so a report and its files
-- are stored, backed up and deleted together.
CREATE TABLE activity_report_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES activity_reports(id) ON DELETE CASCADE,
  filename text NOT NULL,
  content_type text NOT NULL,
  byte_size integer NOT NULL,
  width integer,
  height integer,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_report_files_report_id_idx ON activity_report_files (report_id);
