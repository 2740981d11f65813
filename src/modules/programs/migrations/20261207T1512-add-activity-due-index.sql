-- Deadline reminders look for open activities whose due date (the end, else the start) falls in a window of days.
CREATE INDEX program_activities_due_on_idx ON program_activities ((COALESCE(ends_on, starts_on)))
  WHERE status IN ('planned', 'in_progress');
