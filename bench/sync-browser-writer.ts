// A second tab of the app's origin for bench/sync-browser.ts, bundled by esbuild and served into a blank page of
// that origin: it opens the app's own database (src-renderer/db/database.ts: same name, same hooks, multiInstance)
// and writes through the collection API, the way a person's edit in another tab of the app is written. The app's tab
// sees these writes through RxDB's cross-tab events and its sync engine pushes them, exactly as it does a change
// made on its own screens — no hook in the app is needed. This tab never runs sync (it never asks for leadership).
import { progressEntry } from '../shared/domain/tasks';
import type { Party } from '../shared/schema';
import { openDatabase, type LinliDatabase } from '../src-renderer/db/database';

export type BenchWriter = {
  /** Changes the description of these tasks (one incrementalPatch each, as the task form saves). Returns ms spent. */
  editTasks(ids: readonly string[], suffix: string): Promise<number>;
  /** Adds one 备注 entry to a task's progress log; returns Date.now() just before the write. */
  addComment(id: string, taskId: string, text: string, by: string): Promise<number>;
};

async function start(): Promise<BenchWriter> {
  const db: LinliDatabase = await openDatabase();
  return {
    async editTasks(ids, suffix) {
      const t0 = performance.now();
      const docs = await db.tasks.findByIds([...ids]).exec();
      const at = new Date().toISOString();
      const list = [...docs.values()];
      // A few at a time: each save runs the app's domain check (a lookup in the store) before it is written.
      for (let i = 0; i < list.length; i += 25) {
        await Promise.all(
          list.slice(i, i + 25).map((d) => d.incrementalPatch({ description: `${d.description ?? ''}${suffix}`, updatedAt: at })),
        );
      }
      if (list.length !== ids.length) throw new Error(`only ${list.length} of ${ids.length} tasks found`);
      return performance.now() - t0;
    },
    async addComment(id, taskId, text, by) {
      const task = await db.tasks.findOne(taskId).exec();
      if (!task) throw new Error(`no task ${taskId}`);
      const t = Date.now();
      await db.task_updates.insert(progressEntry(id, { id: taskId }, { kind: 'comment', text, party: task.leadParty as Party, authorName: by }, { at: new Date(t).toISOString(), by }));
      return t;
    },
  };
}

(window as unknown as { __writer?: Promise<BenchWriter> }).__writer = start();
