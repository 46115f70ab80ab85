-- Issue #13: the public check page of a notice (GET /n/:code, src-server/routes/public-notice.ts) finds the notice by
-- its publicCode across every compound. A partial expression index over notices only: the page's query names
-- collection = 'notices' literally, so PostgreSQL and PGlite alike pick it. Not unique: codes are random (12 of 55
-- letters) and never meant to clash, but a clash must not make a push fail; the page refuses to serve an ambiguous
-- code instead. A plain CREATE INDEX (not CONCURRENTLY): migrations run inside one transaction.

CREATE INDEX documents_public_code ON documents ((data->>'publicCode')) WHERE collection = 'notices';
