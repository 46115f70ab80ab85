-- Linli Desk sync server, first schema (issue #3).
-- Every tenant-owned table carries tenant_id first in its primary key, so that each can be distributed by tenant_id
-- (Citus) without changing a key. `compounds` is the tenant table itself (distributed by id = tenant_id).

CREATE TABLE server_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compounds (
  id text PRIMARY KEY,            -- the tenant id
  code text NOT NULL UNIQUE,      -- what people type at login, upper case
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per tenant: the last sequence number handed out. Writers take this row's lock for the whole push, which
-- serialises a tenant's writes (see src-server/sync/push.ts).
CREATE TABLE tenant_seq (
  tenant_id text PRIMARY KEY REFERENCES compounds (id),
  seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE users (
  tenant_id text NOT NULL REFERENCES compounds (id),
  id text NOT NULL,
  username text NOT NULL,         -- lower case
  display_name text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, username)
);

CREATE TABLE refresh_tokens (
  tenant_id text NOT NULL,
  token_hash text NOT NULL,       -- sha256 of the secret part, hex
  user_id text NOT NULL,
  family_id text NOT NULL,        -- all tokens rotated from one login; reuse of a spent one revokes the family
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (tenant_id, family_id);

-- The current state of every document. data holds the document without RxDB internals and without _deleted.
CREATE TABLE documents (
  tenant_id text NOT NULL,
  collection text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, collection, id),
  FOREIGN KEY (tenant_id) REFERENCES compounds (id)
);
CREATE UNIQUE INDEX documents_pull ON documents (tenant_id, collection, seq);

-- Every accepted version of every document, append-only: the audit trail.
CREATE TABLE history (
  tenant_id text NOT NULL,
  seq bigint NOT NULL,
  collection text NOT NULL,
  id text NOT NULL,
  deleted boolean NOT NULL,
  data jsonb NOT NULL,
  user_id text NOT NULL,
  device_id text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, seq),
  FOREIGN KEY (tenant_id) REFERENCES compounds (id)
);
CREATE INDEX history_document ON history (tenant_id, collection, id, seq);

-- Failed logins, for throttling. Keys are 'user:<compound>:<username>' and 'ip:<address>'; not tenant data (a
-- Citus reference table or a coordinator-local table later).
CREATE TABLE login_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);
