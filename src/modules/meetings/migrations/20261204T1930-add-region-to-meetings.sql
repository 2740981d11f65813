-- The region a meeting is held for. NULL means the organizer's own region (its whole area); a county official
-- records meetings for their county, so the meetings they record carry that county. The rule that a
-- county-limited official changes only meetings within their county reads this (meetings/policy.ts).
ALTER TABLE meetings ADD COLUMN region_id bigint REFERENCES regions(id);
