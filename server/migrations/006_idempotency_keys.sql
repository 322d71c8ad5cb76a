-- Results of requests sent with an Idempotency-Key, so a request retried after its answer was
-- lost gets that answer again instead of being applied twice (or refused as a conflict). Kept
-- per store, pruned by age and count (server/idempotency.ts).
CREATE TABLE idempotency_keys (
  store_id text NOT NULL REFERENCES stores (store_id) ON DELETE CASCADE,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  status integer NOT NULL,
  body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, key)
);

CREATE INDEX idempotency_keys_age ON idempotency_keys (store_id, created_at);
