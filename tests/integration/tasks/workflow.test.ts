// 六方联动 on the real server (issue #11): the push judges a task's chain of actions against the version it holds and
// the pushing user's role; the progress log is append-only; computed 催办 entries exist once; two PCs offline merge.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-renderer/db/database';
import { SESSION_STORAGE_KEY } from '../../../src-renderer/db/domain-check';
import { writeDueEscalations } from '../../../src-renderer/db/task-escalation';
import { createSyncService } from '../../../src-renderer/sync/sync-service';
import { SESSION_KEY } from '../../../src-renderer/sync/session-store';
import { MemoryStorage } from '../../../src-renderer/testing/memory-storage';
import { applyAction } from '../../../shared/domain/tasks/workflow';
import { escalationEntries } from '../../../shared/domain/tasks/escalation';
import type { TaskDoc } from '../../../shared/schema';
import type { TaskActor } from '../../../shared/domain/tasks/types';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, row, seqs, startServer, task, TEST_PASSWORD, type Json, type TestDatabase, type TestServer } from '../server/helpers';

let tdb: TestDatabase;
let server: TestServer;
const tokens: Record<string, string> = {};
const at = (d: string) => `${d}T02:00:00.000Z`;
const act = (t: Json, action: Parameters<typeof applyAction>[1]['action'], who: TaskActor, id: string, extra: object = {}, day = '2026-11-26'): TaskDoc => {
  const r = applyAction(t as unknown as TaskDoc, { action, ...extra }, who, { at: at(day), by: who.name }, id, day);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const wire = (d: TaskDoc | Json): Json => ({ ...(d as Json), _deleted: false });
const SECRETARY: TaskActor = { role: 'secretary', name: 'mishu' };
const STAFF: TaskActor = { role: 'staff', name: 'yuangong' };

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'LIUFANG');
  for (const [u, role] of [['shuji', 'branch_secretary'], ['mishu', 'secretary'], ['yuangong', 'staff'], ['kuaiji', 'treasurer']] as const) {
    await makeUser(tdb.db, 'LIUFANG', u, role);
    tokens[u] = (await loginAs(server.url, 'LIUFANG', u)).accessToken;
  }
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

/** Pushes a task version and returns the seq it got (or the body when refused). */
async function put(user: string, doc: Json, baseSeq = 0) {
  const r = await push(server.url, tokens[user]!, 'tasks', [row(wire(doc), baseSeq)]);
  return { body: r.body, seq: seqs(r.body)[String(doc.id)] };
}

describe('forged transitions pushed straight to the server', () => {
  it('refuses them with a structured rejection; legal chains (also made offline) are accepted', async () => {
    const base = task('f1', { ownerName: 'mishu' });
    const created = await put('yuangong', base);
    expect(created.seq).toBeGreaterThan(0);
    // An offline chain: 签收 then 开始办理, pushed at once by staff.
    const working = act(act(base, 'sign', STAFF, 't1'), 'start', STAFF, 't2');
    const started = await put('yuangong', working, created.seq);
    expect(started.body).toMatchObject({ rejected: [], conflicts: [] });

    // 办理中 → 已办结 without 验收: status alone, and a forged accept entry.
    const jump = await put('shuji', { ...working, status: 'done' }, started.seq);
    expect(jump.body.rejected).toEqual([expect.objectContaining({ id: 'f1', code: 'DOMAIN_INVALID', rule: 'STATUS_WITHOUT_TRANSITION', path: '/transitions' })]);
    const forged = { ...working, status: 'done', transitions: [...working.transitions!, { id: 't3', action: 'accept', from: 'in_progress', to: 'done', at: at('2026-11-27'), by: 'shuji', role: 'admin' }] };
    expect((await put('shuji', forged, started.seq)).body.rejected).toEqual([expect.objectContaining({ code: 'DOMAIN_INVALID', rule: 'ILLEGAL_TRANSITION' })]);

    const submitted = act(working, 'submit', STAFF, 't3');
    const s = await put('yuangong', submitted, started.seq);
    // 验收 by staff: refused whatever role the entry claims.
    const byStaff = act(submitted, 'accept', { role: 'admin', name: '冒充' }, 't4');
    expect((await put('yuangong', byStaff, s.seq)).body.rejected).toEqual([expect.objectContaining({ rule: 'ROLE_NOT_ALLOWED' })]);
    // 验收 by the task's own 责任人 (the secretary mishu), even if the entry names someone else.
    const self = act(submitted, 'accept', { role: 'secretary', name: '别人' }, 't4');
    expect((await put('mishu', self, s.seq)).body.rejected).toEqual([expect.objectContaining({ rule: 'SELF_ACCEPTANCE' })]);
    // Rewriting the recorded chain.
    const rewritten = { ...submitted, transitions: submitted.transitions!.slice(1) };
    expect((await put('shuji', rewritten, s.seq)).body.rejected).toEqual([expect.objectContaining({ rule: 'TRANSITIONS_REWRITTEN' })]);
    // The branch accepts.
    const accepted = await put('shuji', act(submitted, 'accept', { role: 'branch_secretary', name: 'shuji' }, 't4'), s.seq);
    expect(accepted.body).toMatchObject({ rejected: [], conflicts: [] });
    const stored = await tdb.db.query<{ data: TaskDoc }>("SELECT data FROM documents WHERE collection = 'tasks' AND id = 'f1'");
    expect(stored.rows[0]!.data).toMatchObject({ status: 'done', acceptedBy: 'shuji' });
  });

  it('keeps the progress log append-only, and confirms an identical 催办 computed by a second PC', async () => {
    const entry = { id: 'e1', createdAt: at('2026-11-26'), updatedAt: at('2026-11-26'), createdBy: 'x', updatedBy: 'x', taskId: 'f1', kind: 'progress', text: '已换灯泡', at: at('2026-11-26'), _deleted: false };
    const first = await push(server.url, tokens.yuangong!, 'task_updates', [row(entry)]);
    const seq = seqs(first.body).e1!;
    const changed = await push(server.url, tokens.yuangong!, 'task_updates', [row({ ...entry, text: '改写' }, seq)]);
    expect(changed.body.rejected).toEqual([expect.objectContaining({ id: 'e1', code: 'DOMAIN_INVALID', rule: 'TASK_UPDATE_APPEND_ONLY' })]);
    const deleted = await push(server.url, tokens.yuangong!, 'task_updates', [row({ ...entry, _deleted: true }, seq)]);
    expect(deleted.body.rejected).toEqual([expect.objectContaining({ rule: 'TASK_UPDATE_APPEND_ONLY' })]);

    const late = task('late', { status: 'pending', dueDate: '2026-09-30' });
    const cal = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };
    const [urgeA] = escalationEntries(late as never, '2026-10-09', cal);
    const [urgeB] = escalationEntries(structuredClone(late) as never, '2026-10-12', cal);
    const a = await push(server.url, tokens.yuangong!, 'task_updates', [row({ ...urgeA!, _deleted: false })]);
    const b = await push(server.url, tokens.mishu!, 'task_updates', [row({ ...urgeB!, _deleted: false })]);
    expect(b.body).toEqual({ accepted: [{ id: urgeA!.id, seq: seqs(a.body)[urgeA!.id] }], conflicts: [], rejected: [] });
  });
});

async function until<T>(fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two PCs offline', () => {
  it('each add progress entries and both move the status: both entries everywhere, one status on both, the lost move a conflict copy', async () => {
    // PC A: the app's own store and sync engine. PC B: raw protocol calls.
    const storage = new MemoryStorage();
    let offline = false;
    const fakeFetch: typeof fetch = async (input, init) => {
      if (offline) throw new TypeError('fetch failed (offline)');
      return fetch(input, init);
    };
    const db = await openDatabase({ name: `pc-a-${Date.now()}`, conflict: { operator: () => 'yuangong', deviceId: () => 'pc-a' } });
    const sync = createSyncService(db, { storage, fetch: fakeFetch, minRetry: 100, maxRetry: 400 });
    try {
      expect((await sync.login(server.url, { compound: 'LIUFANG', username: 'yuangong', password: TEST_PASSWORD })).ok).toBe(true);
      expect(storage.getItem(SESSION_KEY)).not.toBeNull();
      expect(SESSION_STORAGE_KEY).toBe(SESSION_KEY);
      const t = task('two', { dueDate: '2026-12-31' }) as unknown as TaskDoc;
      const { _deleted: _x, ...insertable } = t as TaskDoc & { _deleted?: boolean };
      await db.tasks.insert(insertable);
      await until(async () => sync.store.getState().pending === 0);

      offline = true;
      // A: a progress entry, and 签收 then 开始办理.
      await db.task_updates.insert({ id: 'ea', createdAt: at('2026-11-26'), updatedAt: at('2026-11-26'), createdBy: 'yuangong', updatedBy: 'yuangong', taskId: 'two', kind: 'progress', text: 'A：已到现场', at: at('2026-11-26') });
      const local = (await db.tasks.findOne('two').exec())!;
      const moved = act(act(local.toMutableJSON() as unknown as Json, 'sign', STAFF, 'a1'), 'start', STAFF, 'a2');
      await local.incrementalModify(() => moved as never);

      // B meanwhile: its own entry, and 挂起.
      const bPull = (await pull(server.url, tokens.mishu!, 'tasks', 0, 1000)).body.documents as (Json & { sync: { seq: number } })[];
      const master = bPull.find((d) => d.id === 'two')!;
      const { sync: s, ...content } = master;
      await push(server.url, tokens.mishu!, 'task_updates', [row({ id: 'eb', createdAt: at('2026-11-26'), updatedAt: at('2026-11-26'), createdBy: 'mishu', updatedBy: 'mishu', taskId: 'two', kind: 'comment', text: 'B：等业主回复', at: at('2026-11-26'), _deleted: false })]);
      const suspended = act(content, 'suspend', SECRETARY, 'b1', { reason: '等业主回复' });
      expect((await put('mishu', suspended, s.seq)).body).toMatchObject({ rejected: [], conflicts: [] });

      offline = false;
      await sync.syncNow();
      await until(async () => sync.store.getState().pending === 0 && (await db.task_updates.findOne('eb').exec()) !== null && (await db.tasks.findOne('two').exec())?.status === 'suspended');
      const onA = (await db.tasks.findOne('two').exec())!.toJSON();
      const onServer = ((await pull(server.url, tokens.mishu!, 'tasks', 0, 1000)).body.documents as Json[]).find((d) => d.id === 'two')!;
      expect(onA.status).toBe('suspended');
      expect(onServer.status).toBe('suspended');
      expect(onA.transitions?.map((e) => e.id)).toEqual(['b1']);
      expect(onServer.conflicts).toEqual([expect.objectContaining({ path: 'status', mine: '"in_progress"', theirs: '"suspended"', status: 'open', device: 'pc-a' })]);
      const entries = ((await pull(server.url, tokens.mishu!, 'task_updates', 0, 1000)).body.documents as Json[]).filter((d) => d.taskId === 'two').map((d) => d.id);
      expect(entries.sort()).toEqual(['ea', 'eb']);
      expect((await db.task_updates.find({ selector: { taskId: 'two' } }).exec()).map((d) => d.id).sort()).toEqual(['ea', 'eb']);

      // The app's escalation writer: nothing due for this task; a late one gets its 催办 once, however often it runs.
      await db.tasks.insert({ ...insertable, id: 'late-a', dueDate: '2026-11-02', createdAt: at('2026-11-01'), updatedAt: at('2026-11-01') });
      expect(await writeDueEscalations(db, '2026-11-03', { holidays: [], workdays: [] })).toBe(1);
      expect(await writeDueEscalations(db, '2026-11-03', { holidays: [], workdays: [] })).toBe(0);
      await until(async () => sync.store.getState().pending === 0);
    } finally {
      await sync.stop();
      await db.remove();
    }
  });
});
