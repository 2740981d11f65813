-- Coordination meetings (e.g. Gilan's Workers' Week meeting of 1401/01/22): organizer, attending
-- organizations and people, agenda, minutes with their approval and later corrected versions, numbered
-- resolutions, and the tasks resolutions assign. program_id points into the programs module's table without
-- a foreign key: that module validates through its own exports.

CREATE TABLE meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organizer_id bigint NOT NULL REFERENCES organizations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- The local calendar day and wall-clock time where the meeting is held.
  held_on date NOT NULL,
  starts_at time,
  place text NOT NULL DEFAULT '',
  agenda text NOT NULL DEFAULT '',
  minutes text NOT NULL DEFAULT '',
  minutes_status text NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft', 'approved')),
  minutes_approved_at timestamptz,
  minutes_approved_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_organizer_id_idx ON meetings (organizer_id, held_on DESC);

CREATE TABLE meeting_organizations (
  meeting_id bigint NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  organization_id bigint NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (meeting_id, organization_id)
);
CREATE INDEX meeting_organizations_organization_id_idx ON meeting_organizations (organization_id);

CREATE TABLE meeting_attendees (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL DEFAULT '',
  user_id bigint REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX meeting_attendees_meeting_id_idx ON meeting_attendees (meeting_id, position);

-- Each approved text of the minutes: version 1 is the text approved first, later rows are corrections.
CREATE TABLE meeting_minutes_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  minutes text NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, version)
);

CREATE TABLE meeting_resolutions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number > 0),
  kind text NOT NULL CHECK (kind IN ('decision', 'activities', 'task')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  program_id bigint,
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, number)
);

CREATE TABLE meeting_tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  resolution_id bigint NOT NULL REFERENCES meeting_resolutions(id) ON DELETE CASCADE,
  owner_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_tasks_owner_id_idx ON meeting_tasks (owner_id, status, due_on);
CREATE INDEX meeting_tasks_meeting_id_idx ON meeting_tasks (meeting_id);
