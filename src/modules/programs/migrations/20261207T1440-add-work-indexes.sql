-- "My work" and the review queue: reports waiting for review in filing order (a small partial index, whatever
-- the number of approved reports), and each person's open activities by deadline.
CREATE INDEX activity_reports_waiting_idx ON activity_reports (id) WHERE status = 'submitted';
CREATE INDEX program_activities_open_responsible_idx ON program_activities (responsible_user_id, ends_on, id)
  WHERE status NOT IN ('done', 'cancelled') AND responsible_user_id IS NOT NULL;
