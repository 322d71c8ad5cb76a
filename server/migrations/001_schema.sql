-- The reference backend's schema. Built to shard by store on Citus unchanged: every table but the
-- two reference tables (global_segments, schema_migrations) carries store_id, every primary key,
-- unique key and foreign key includes it, and every query the backend runs filters by it.
-- test/node/rest-schema.test.ts checks those rules over the migrated schema.

CREATE TABLE stores (
  store_id text PRIMARY KEY,
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'UTC',
  default_country text NOT NULL DEFAULT 'IN',
  -- Bumped by every write to the store's customers, orders, segments or members; cached member
  -- counts remember the value they were computed at.
  change_seq bigint NOT NULL DEFAULT 0,
  -- Kept by every import, so "of N customers" never needs a count over the store.
  customer_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A key reads "<store_id>.<secret>": the store is found from the key without a cross-store lookup.
CREATE TABLE api_keys (
  store_id text NOT NULL REFERENCES stores (store_id) ON DELETE CASCADE,
  key_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, key_hash)
);

-- Column names are filterToSql's defaults.
CREATE TABLE customers (
  store_id text NOT NULL REFERENCES stores (store_id) ON DELETE CASCADE,
  id text NOT NULL,
  name text,
  email text,
  phone text,
  city text,
  state text,
  created_at timestamptz NOT NULL,
  first_order_at timestamptz,
  last_order_at timestamptz,
  orders_count integer NOT NULL DEFAULT 0,
  total_spent bigint NOT NULL DEFAULT 0,
  tags text[],
  accepts_marketing boolean,
  PRIMARY KEY (store_id, id)
);
-- CSV contacts are matched to customers by phone and by email.
CREATE INDEX customers_phone ON customers (store_id, phone);
CREATE INDEX customers_email ON customers (store_id, lower(email));
-- Member pages walk customers in code-point order of their id.
CREATE INDEX customers_id_order ON customers (store_id, (id COLLATE "C"));
-- spendRank: buyers in rank order (total_spent desc, created_at, id), as filterToSql ranks them.
CREATE INDEX customers_spend_rank ON customers
  (store_id, total_spent DESC, created_at, (id COLLATE "C")) WHERE orders_count > 0;
CREATE INDEX customers_created ON customers (store_id, created_at);
CREATE INDEX customers_last_order ON customers (store_id, last_order_at);

CREATE TABLE orders (
  store_id text NOT NULL,
  id text NOT NULL,
  customer_id text NOT NULL,
  total bigint NOT NULL CHECK (total >= 0),
  placed_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, id),
  FOREIGN KEY (store_id, customer_id) REFERENCES customers (store_id, id) ON DELETE CASCADE
);
CREATE INDEX orders_customer ON orders (store_id, customer_id);

CREATE TABLE segments (
  store_id text NOT NULL REFERENCES stores (store_id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  -- The name trimmed and lower-cased: names are unique per store, compared that way.
  name_key text NOT NULL,
  type text NOT NULL CHECK (type IN ('csv', 'filter')),
  filter jsonb,
  csv jsonb,
  member_total integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, id),
  UNIQUE (store_id, name_key)
);

-- Members of CSV segments in upload order. A contact that matches no customer yet keeps
-- customer_id NULL until a customer with its phone or email is imported.
CREATE TABLE segment_members (
  store_id text NOT NULL,
  segment_id text NOT NULL,
  position integer NOT NULL,
  phone text,
  email text,
  customer_id text,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, segment_id, position),
  FOREIGN KEY (store_id, segment_id) REFERENCES segments (store_id, id) ON DELETE CASCADE
);
CREATE INDEX segment_members_customer ON segment_members (store_id, segment_id, customer_id);
CREATE INDEX segment_members_phone ON segment_members (store_id, segment_id, phone);
CREATE INDEX segment_members_email ON segment_members (store_id, segment_id, email);
CREATE INDEX segment_members_unmatched ON segment_members (store_id, phone, email)
  WHERE customer_id IS NULL;

-- Idempotency-Key of each member batch: a replay answers the first result and adds nothing.
CREATE TABLE member_batches (
  store_id text NOT NULL,
  segment_id text NOT NULL,
  batch_id text NOT NULL,
  body_hash text NOT NULL,
  added integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, segment_id, batch_id),
  FOREIGN KEY (store_id, segment_id) REFERENCES segments (store_id, id) ON DELETE CASCADE
);

-- Member counts of filter, predefined and global segments as of a store's change_seq and the
-- filter's text (a global segment's filter changes without any store changing).
CREATE TABLE segment_counts (
  store_id text NOT NULL REFERENCES stores (store_id) ON DELETE CASCADE,
  segment_id text NOT NULL,
  change_seq bigint NOT NULL,
  filter_hash text NOT NULL,
  member_count integer NOT NULL,
  PRIMARY KEY (store_id, segment_id)
);

-- Platform-wide, read-only segments every store sees under the 'global' scope. A reference
-- table on Citus (copied to every node), so joins with any store's shard stay local.
CREATE TABLE global_segments (
  id text PRIMARY KEY,
  name text NOT NULL,
  filter jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
