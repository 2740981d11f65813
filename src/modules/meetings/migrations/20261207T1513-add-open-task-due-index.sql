-- Deadline reminders look for open tasks whose due date falls in a window of days.
CREATE INDEX meeting_tasks_open_due_on_idx ON meeting_tasks (due_on) WHERE status = 'open';
