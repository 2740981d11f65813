-- Every deadline reminder sent: one row per (kind, subject, due date, recipient). Reminder jobs insert their
-- candidates with ON CONFLICT DO NOTHING and notify only the rows the insert returned, in the same transaction,
-- so a retried or concurrent job sends nothing twice; a changed due date is a new key and gets a new reminder.
-- kind carries the module ("programs.activity_due_soon", "meetings.task_overdue"), so subject ids never collide.
CREATE TABLE reminders_sent (
  kind text NOT NULL,
  subject_id bigint NOT NULL,
  due_on date NOT NULL,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, subject_id, due_on, user_id)
);
CREATE INDEX reminders_sent_user_id_idx ON reminders_sent (user_id);
