-- Issue #13: stored notices in the shape of schema version 2, rewritten in place (same seq) exactly as the app's RxDB
-- migration (shared/schema/notice-migrations.ts) rewrites its own copies. History keeps what was written, as written.

UPDATE documents SET data = jsonb_set(data, '{status}', '"issued"'::jsonb)
 WHERE collection = 'notices' AND data->>'status' = 'published';

UPDATE documents SET data = (data - 'publishedAt') || jsonb_build_object('issuedAt', data->'publishedAt')
 WHERE collection = 'notices' AND jsonb_typeof(data->'publishedAt') = 'string';

UPDATE documents SET data = data - 'publishedAt'
 WHERE collection = 'notices' AND data ? 'publishedAt';

UPDATE documents SET data = (data - 'publishedBy') || jsonb_build_object('issuedBy', data->'publishedBy')
 WHERE collection = 'notices' AND jsonb_typeof(data->'publishedBy') = 'string';

UPDATE documents SET data = data - 'publishedBy'
 WHERE collection = 'notices' AND data ? 'publishedBy';
