-- Issue #12: stored accounts, vouchers and periods in the shape of schema version 2, rewritten in place (same seq)
-- exactly as the app's RxDB migration (shared/schema/ledger-migrations.ts) rewrites its own copies, so that both
-- sides hold the same content and no version travels again. History keeps what was written, as written.

UPDATE documents SET data = (data - 'isCash') || CASE WHEN data->'isCash' = 'true'::jsonb
    THEN jsonb_build_object('cashKind', CASE WHEN data->>'code' LIKE '1001%' THEN 'cash' ELSE 'bank' END)
    ELSE '{}'::jsonb END
 WHERE collection = 'accounts' AND data ? 'isCash';

UPDATE documents SET data = data - 'number'
 WHERE collection = 'vouchers' AND data ? 'number';

UPDATE documents SET data = jsonb_set(data, '{status}', '"draft"'::jsonb)
 WHERE collection = 'vouchers' AND data->>'status' = 'void';

UPDATE documents SET data = data || jsonb_build_object('preparedBy', COALESCE(data->>'createdBy', ''))
 WHERE collection = 'vouchers' AND jsonb_typeof(data->'preparedBy') IS DISTINCT FROM 'string';

UPDATE documents SET data = (data - 'reopenedAt' - 'reopenReason') || jsonb_build_object('reopenings', jsonb_build_array(jsonb_build_object(
    'at', data->>'reopenedAt',
    'by', CASE WHEN jsonb_typeof(data->'updatedBy') = 'string' THEN data->>'updatedBy' ELSE '' END,
    'reason', CASE WHEN jsonb_typeof(data->'reopenReason') = 'string' THEN data->>'reopenReason' ELSE '' END)))
 WHERE collection = 'periods' AND jsonb_typeof(data->'reopenedAt') = 'string';

UPDATE documents SET data = data - 'reopenReason'
 WHERE collection = 'periods' AND data ? 'reopenReason';

UPDATE documents SET data = data - 'reopenedAt'
 WHERE collection = 'periods' AND data ? 'reopenedAt';
