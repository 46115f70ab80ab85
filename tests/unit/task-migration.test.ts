// Issue #11: tasks, task_updates and settings go from schema version 1 to 2. The app's RxDB migration and the
// server's SQL migration (0003-tasks-v2.sql) must give the same content, so that no version travels again.
import 'fake-indexeddb/auto';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, settingsSchemaLiteral, taskUpdatesSchemaLiteral, tasksSchemaLiteral } from '../../shared/schema';
import { dateField, idField, partyField, shortText } from '../../shared/schema/fields';
import { migrateTaskUpdateV1ToV2, migrateTaskV1ToV2 } from '../../shared/schema/task-migrations';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { loadMigrations, migrate } from '../../src-server/db/migrate';
import { openPglite } from '../../src-server/db/pglite-db';

addRxPlugin(RxDBMigrationSchemaPlugin);

const V1_STATUSES = ['assigned', 'in_progress', 'submitted', 'returned', 'done', 'escalated', 'cancelled'];
const p = tasksSchemaLiteral.properties;
/** Version 1 of tasks (git history), built from version 2's fields where unchanged. */
const tasksV1 = {
  ...tasksSchemaLiteral,
  version: 1,
  properties: {
    id: p.id, createdAt: p.createdAt, updatedAt: p.updatedAt, createdBy: p.createdBy, updatedBy: p.updatedBy, conflicts: p.conflicts,
    title: p.title, description: p.description, category: p.category, location: p.location, leadParty: p.leadParty,
    coParties: { type: 'array', maxItems: 6, uniqueItems: true, items: partyField },
    ownerId: p.ownerId, ownerName: p.ownerName, leadOrganizationId: p.leadOrganizationId, dueDate: dateField,
    priority: { type: 'string', enum: ['normal', 'urgent'], maxLength: 10 },
    status: { type: 'string', enum: V1_STATUSES, maxLength: 20 },
    source: {
      type: 'object', additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['meeting', 'resident', 'inspection', 'superior', 'other'] },
        meetingId: idField, resolutionId: idField, actionItemId: idField, reporterName: shortText(100), reporterPhone: shortText(20),
      },
    },
    startedAt: p.startedAt, submittedAt: p.submittedAt, closedAt: p.closedAt, acceptedBy: p.acceptedBy, satisfaction: p.satisfaction, result: p.result,
    sync: (p as Record<string, unknown>).sync,
  },
} as unknown as RxJsonSchema<unknown>;
const u = taskUpdatesSchemaLiteral.properties;
const updatesV1 = {
  ...taskUpdatesSchemaLiteral,
  version: 1,
  properties: {
    id: u.id, createdAt: u.createdAt, updatedAt: u.updatedAt, createdBy: u.createdBy, updatedBy: u.updatedBy, conflicts: u.conflicts,
    taskId: u.taskId, kind: { type: 'string', enum: ['comment', 'progress', 'status'], maxLength: 10 }, action: u.action,
    fromStatus: { type: 'string', enum: V1_STATUSES }, toStatus: { type: 'string', enum: V1_STATUSES },
    text: u.text, party: u.party, authorId: u.authorId, authorName: u.authorName, at: u.at,
    sync: (u as Record<string, unknown>).sync,
  },
} as unknown as RxJsonSchema<unknown>;
const { daysOff: _d, extraWorkdays: _e, ...settingsV1Props } = settingsSchemaLiteral.properties;
const settingsV1 = { ...settingsSchemaLiteral, version: 1, properties: settingsV1Props } as unknown as RxJsonSchema<unknown>;

const T = '2026-11-25T08:30:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };
const v1Tasks = [
  { id: 'k1', ...stamp, title: '修路灯', leadParty: 'property', coParties: ['branch', 'property', 'resident_group'], status: 'assigned', priority: 'urgent',
    source: { kind: 'inspection', reporterName: '赵阿姨', reporterPhone: '13800138000' } },
  { id: 'k2', ...stamp, title: '清理楼道', leadParty: 'resident_group', status: 'returned', priority: 'normal', source: { kind: 'meeting', meetingId: 'm1' } },
  { id: 'k3', ...stamp, title: '上报事项', leadParty: 'branch', status: 'escalated', priority: 'normal', coParties: ['branch'], source: {} },
  { id: 'k4', ...stamp, title: '已办结', leadParty: 'owners_committee', status: 'done', priority: 'normal', closedAt: T, acceptedBy: '张书记' },
];
const v1Updates = [
  { id: 'u1', ...stamp, taskId: 'k2', kind: 'status', action: 'return', fromStatus: 'submitted', toStatus: 'returned', text: '退回', at: T },
  { id: 'u2', ...stamp, taskId: 'k1', kind: 'progress', text: '已派人', at: T },
];

describe('v1 → v2', () => {
  it('RxDB carries stored tasks, their log and settings to version 2 (app)', async () => {
    const name = `mig-tasks-${Date.now()}`;
    const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageDexie() });
    const old = await createRxDatabase({ name, storage: storage() });
    const keep = (d: unknown) => d;
    await old.addCollections({
      tasks: { schema: tasksV1, migrationStrategies: { 1: keep } },
      task_updates: { schema: updatesV1, migrationStrategies: { 1: keep } },
      settings: { schema: settingsV1, migrationStrategies: { 1: keep } },
    });
    await old.tasks!.bulkInsert(v1Tasks.map((t) => ({ ...t, sync: { seq: 3 } })));
    await old.task_updates!.bulkInsert(v1Updates.map((t) => ({ ...t, sync: { seq: 4 } })));
    await old.settings!.insert({ id: 'compound', ...stamp, compoundName: '金山小区', sync: { seq: 5 } });
    await old.close();

    const db = await createRxDatabase({ name, storage: storage() });
    await db.addCollections({ tasks: COLLECTIONS.tasks, task_updates: COLLECTIONS.task_updates, settings: COLLECTIONS.settings } as never);
    const tasks = (await db.tasks!.find().exec()).map((d) => d.toJSON() as Record<string, unknown>).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(tasks.map((t) => t.status)).toEqual(['pending', 'in_progress', 'in_progress', 'done']);
    expect(tasks[0]).toMatchObject({ coParties: [{ party: 'branch' }, { party: 'resident_group' }], source: { kind: 'other', residentName: '赵阿姨', residentPhone: '13800138000' }, sync: { seq: 3 } });
    expect(tasks[0]!.source).not.toHaveProperty('reporterName');
    expect(tasks[2]).toMatchObject({ coParties: [], source: { kind: 'other' } });
    const updates = (await db.task_updates!.find().exec()).map((d) => d.toJSON() as Record<string, unknown>);
    expect(updates.find((x) => x.id === 'u1')).toMatchObject({ fromStatus: 'submitted', toStatus: 'in_progress' });
    expect((await db.settings!.findOne('compound').exec())?.toJSON()).toMatchObject({ compoundName: '金山小区' });
    await db.remove();
  });

  it('the server rewrites stored documents to the same content, keeping their seq (0003-tasks-v2.sql)', async () => {
    const db = await openPglite(undefined);
    const all = await loadMigrations();
    await migrate(db, all.filter((m) => m.version < 3));
    await db.query("INSERT INTO compounds (id, code, name) VALUES ('t1', 'T1', '金山小区')");
    let seq = 0;
    for (const [collection, docs] of [['tasks', v1Tasks], ['task_updates', v1Updates]] as const) {
      for (const d of docs) {
        await db.query('INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3, $4, false, $5::jsonb)', ['t1', collection, d.id, ++seq, JSON.stringify(d)]);
      }
    }
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 3).map((m) => m.name));
    const rows = await db.query<{ collection: string; id: string; seq: number; data: Record<string, unknown> }>('SELECT collection, id, seq, data FROM documents ORDER BY seq');
    const expected = [...v1Tasks.map((d) => migrateTaskV1ToV2(d)), ...v1Updates.map((d) => migrateTaskUpdateV1ToV2(d))];
    expect(rows.rows.map((r) => canonicalJson(r.data))).toEqual(expected.map((d) => canonicalJson(d)));
    expect(rows.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    await db.close();
  }, 60_000); // PGlite (WASM) takes seconds to start
});
