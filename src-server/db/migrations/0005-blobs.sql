-- Issue #12: supporting documents of vouchers (发票, 收据 photos or scans), content-addressed per compound. The
-- voucher names a file by the SHA-256 of its bytes (schema version 3 of vouchers, an identity migration: stored
-- documents need no rewrite); the bytes live here, written once and never changed. Their size counts towards the
-- compound's storage quota (tenant_seq.stored_bytes). bytea works on PostgreSQL and PGlite alike.

CREATE TABLE blobs (
  tenant_id text NOT NULL REFERENCES compounds (id),
  hash text NOT NULL,             -- sha256 of bytes, lower-case hex
  mime text NOT NULL,
  size integer NOT NULL,
  bytes bytea NOT NULL,
  created_by text NOT NULL,       -- users.id of the uploader
  device_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, hash),
  CHECK (hash ~ '^[0-9a-f]{64}$'),
  CHECK (size = octet_length(bytes))
);
