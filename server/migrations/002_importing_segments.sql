-- CSV segments are created 'importing' and become 'ready' through finishImport once every
-- contact of their file landed; `received` counts the contacts of the batches that landed.
ALTER TABLE segments
  ADD COLUMN status text NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'importing')),
  ADD COLUMN received integer NOT NULL DEFAULT 0 CHECK (received >= 0);

-- Idempotency-Key of each POST /segments: a replay with the same draft answers the segment the
-- first request made. Gone with its segment, so a key outlives nothing it named.
CREATE TABLE segment_creates (
  store_id text NOT NULL,
  idempotency_key text NOT NULL,
  body_hash text NOT NULL,
  segment_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, idempotency_key),
  FOREIGN KEY (store_id, segment_id) REFERENCES segments (store_id, id) ON DELETE CASCADE
);
CREATE INDEX segment_creates_segment ON segment_creates (store_id, segment_id);
