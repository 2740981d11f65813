-- An invitation to the official role may name the region (e.g. one county) the official will answer for.
ALTER TABLE invitations ADD COLUMN region_id bigint REFERENCES regions(id);
