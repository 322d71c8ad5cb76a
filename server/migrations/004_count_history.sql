-- Each segment's member count per calendar day in its store's time zone (GET
-- /segments/{id}/history): the latest count of that day, written whenever the segment is counted.
-- Kept 400 days per segment: the statement that writes a segment's count deletes its older rows.
-- No foreign key to segments: predefined and global segments have history too.
CREATE TABLE segment_count_history (
  store_id text NOT NULL REFERENCES stores (store_id) ON DELETE CASCADE,
  segment_id text NOT NULL,
  day date NOT NULL,
  member_count integer NOT NULL CHECK (member_count >= 0),
  PRIMARY KEY (store_id, segment_id, day)
);
