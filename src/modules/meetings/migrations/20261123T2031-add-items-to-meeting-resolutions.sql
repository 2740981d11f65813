-- The numbered items a resolution approved (e.g. the 14 Workers' Week activities), kept with the resolution so
-- the minutes show what was approved even after the activities are renamed or completed in their program.
ALTER TABLE meeting_resolutions ADD COLUMN items text[] NOT NULL DEFAULT '{}';
