// The import's reads and its one write: which of the planned ids the store already holds, and one bulkInsert of
// the rest. The planning runs in chunks, yielding to the event loop so the dialog keeps painting its progress bar.
import { ok, type Result } from '../../../../shared/result';
import type { TaskDoc } from '../../../../shared/schema';
import {
  createImportPlanner,
  type ImportContext,
  type ImportPlan,
  type SheetRow,
} from '../../../../shared/domain/tasks/import';
import type { ImportMapping } from '../../../../shared/domain/tasks/import-mapping';
import type { LinliDatabase } from '../../../db/database';
import { attemptWrite, type WriteError } from '../../../db/write-error';

/** Rows planned between two yields: ~5 ms of work on an office PC. */
export const PLAN_CHUNK_ROWS = 250;

const nextTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Plans the rows chunk by chunk; `isCancelled` stops it (a newer mapping replaced this run). */
export async function planInChunks(
  rows: readonly SheetRow[],
  mapping: ImportMapping,
  ctx: ImportContext,
  onProgress: (done: number, total: number) => void,
  isCancelled: () => boolean = () => false,
): Promise<ImportPlan | null> {
  const planner = createImportPlanner(mapping, ctx);
  for (let i = 0; i < rows.length; i += PLAN_CHUNK_ROWS) {
    if (isCancelled()) return null;
    planner.add(rows.slice(i, i + PLAN_CHUNK_ROWS));
    onProgress(Math.min(i + PLAN_CHUNK_ROWS, rows.length), rows.length);
    await nextTick();
  }
  return isCancelled() ? null : planner.result();
}

/** Ids of these the store holds already (an earlier import of the same list). */
export async function existingTaskIds(db: LinliDatabase, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db.tasks.findByIds([...ids]).exec();
  return new Set(found.keys());
}

export type ImportWriteOutcome = { inserted: number; existing: number };

/**
 * One bulk write of the new tasks. Ids another window or PC wrote meanwhile count as existing, not as failures;
 * any other refusal (a rule, the disk) fails the whole import, which then wrote nothing.
 */
export async function insertImportedTasks(db: LinliDatabase, docs: readonly TaskDoc[]): Promise<Result<ImportWriteOutcome, WriteError>> {
  if (docs.length === 0) return ok({ inserted: 0, existing: 0 });
  const r = await attemptWrite(() => db.tasks.bulkInsert(docs.map((d) => ({ ...d }))));
  if (!r.ok) return r;
  const conflicts = r.value.error.filter((e) => e.status === 409).length;
  const other = r.value.error.find((e) => e.status !== 409);
  if (other) {
    console.error('import write refused', other);
    return { ok: false, error: { code: 'WRITE_FAILED' } };
  }
  return ok({ inserted: r.value.success.length, existing: conflicts });
}
