-- Issue #11: stored 六方联动 tasks and their log entries in the shape of schema version 2, rewritten in place (same
-- seq) exactly as the app's RxDB migration (shared/schema/task-migrations.ts) rewrites its own copies, so that both
-- sides hold the same content and no version is pushed or pulled again. History keeps what was written, as written.

UPDATE documents SET data = jsonb_set(data, '{status}', to_jsonb(CASE data->>'status' WHEN 'assigned' THEN 'pending' ELSE 'in_progress' END))
 WHERE collection = 'tasks' AND data->>'status' IN ('assigned', 'returned', 'escalated');

UPDATE documents SET data = jsonb_set(data, '{coParties}', COALESCE(
    (SELECT jsonb_agg(jsonb_build_object('party', e.value) ORDER BY e.ord)
       FROM jsonb_array_elements_text(data->'coParties') WITH ORDINALITY AS e(value, ord)
      WHERE e.value <> COALESCE(data->>'leadParty', '')),
    '[]'::jsonb))
 WHERE collection = 'tasks' AND jsonb_typeof(data->'coParties') = 'array'
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(data->'coParties') AS x WHERE jsonb_typeof(x) = 'string');

UPDATE documents SET data = jsonb_set(data, '{source}',
    ((data->'source') - 'reporterName' - 'reporterPhone')
    || jsonb_build_object('kind', CASE WHEN (data->'source'->>'kind') IS NULL OR data->'source'->>'kind' = 'inspection' THEN 'other' ELSE data->'source'->>'kind' END)
    || CASE WHEN (data->'source') ? 'reporterName' THEN jsonb_build_object('residentName', data->'source'->'reporterName') ELSE '{}'::jsonb END
    || CASE WHEN (data->'source') ? 'reporterPhone' THEN jsonb_build_object('residentPhone', data->'source'->'reporterPhone') ELSE '{}'::jsonb END)
 WHERE collection = 'tasks' AND jsonb_typeof(data->'source') = 'object'
   AND ((data->'source'->>'kind') IS NULL OR data->'source'->>'kind' = 'inspection' OR (data->'source') ? 'reporterName' OR (data->'source') ? 'reporterPhone');

UPDATE documents SET data = jsonb_set(data, '{fromStatus}', to_jsonb(CASE data->>'fromStatus' WHEN 'assigned' THEN 'pending' ELSE 'in_progress' END))
 WHERE collection = 'task_updates' AND data->>'fromStatus' IN ('assigned', 'returned', 'escalated');

UPDATE documents SET data = jsonb_set(data, '{toStatus}', to_jsonb(CASE data->>'toStatus' WHEN 'assigned' THEN 'pending' ELSE 'in_progress' END))
 WHERE collection = 'task_updates' AND data->>'toStatus' IN ('assigned', 'returned', 'escalated');
