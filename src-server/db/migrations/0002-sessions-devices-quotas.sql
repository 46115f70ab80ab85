-- Issue #9: revocation that takes effect at once, known devices, atomic login throttling, storage quotas.

-- Bumped whenever every access token of the user must stop working at once (password reset, disabled). Access
-- tokens carry the version they were issued with; every request compares it with this column.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

-- One row per login (sign-in): the family of its refresh tokens, and the id its access tokens carry (`sid`).
-- Revoking the row ends the login's refresh tokens and access tokens at once.
CREATE TABLE sessions (
  tenant_id text NOT NULL,
  id text NOT NULL,               -- = refresh_tokens.family_id
  user_id text NOT NULL,
  device_id text,                 -- X-Linli-Device at login
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

-- Logins of existing refresh-token families become sessions (revoked when any token of the family was).
INSERT INTO sessions (tenant_id, id, user_id, device_id, created_at, revoked_at)
SELECT tenant_id, family_id, min(user_id), NULL, min(created_at), max(revoked_at)
  FROM refresh_tokens GROUP BY tenant_id, family_id;

-- Devices (installations, X-Linli-Device) that logged in successfully as a user: "known" devices, which a lockout
-- of the user from elsewhere does not reach. Revoking one ends its logins and forgets it.
CREATE TABLE devices (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  device_id text NOT NULL,
  first_login_at timestamptz NOT NULL,
  last_login_at timestamptz NOT NULL,
  last_address text,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, user_id, device_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

-- Login attempts, counted atomically before the password is checked. Keys: 'ip:<address>', 'ua:<compound>:<user>@<address>',
-- 'u:<compound>:<user>' (from everywhere) and 'ud:<compound>:<user>#<device>' (a known device). Not tenant data.
DROP TABLE login_failures;
CREATE TABLE login_attempts (
  key text PRIMARY KEY,
  attempts integer NOT NULL,
  window_started_at timestamptz NOT NULL
);

-- Bytes of every accepted version a compound keeps (its history), for the storage quota. Kept in the row every
-- push already locks, so that counting costs no extra lock.
ALTER TABLE tenant_seq ADD COLUMN stored_bytes bigint NOT NULL DEFAULT 0;
UPDATE tenant_seq SET stored_bytes = COALESCE((SELECT sum(octet_length(h.data::text)) FROM history h WHERE h.tenant_id = tenant_seq.tenant_id), 0);
