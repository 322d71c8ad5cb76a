-- A ready CSV segment can take another file (reopenImport): `reopen` holds, while that import
-- runs, its mode ('add' or 'replace'), its generation, `mark` (the last member position before
-- the upload: the staged contacts are the rows after it) and the csv summary and member total
-- that abandonImport puts back. `reopens` counts reopenings, so each one gets a new generation
-- and its batch ids never meet an earlier upload's.
ALTER TABLE segments
  ADD COLUMN reopen jsonb,
  ADD COLUMN reopens integer NOT NULL DEFAULT 0 CHECK (reopens >= 0);
