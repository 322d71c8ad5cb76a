-- API keys that can be rotated without downtime: a store holds several keys at once, each with a
-- label saying who uses it, and a rotated key keeps working until its expires_at (the grace
-- period in which its users move to the new key). Revoking a key deletes its row. A key is
-- named by the first 12 hex digits of its hash, which says nothing about the secret.
ALTER TABLE api_keys ADD COLUMN label text;
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
