// Turning a failed write into a coded value. A failed RxDB write changes nothing already stored (each document
// write is atomic), so the UI can say so and keep the user's input for another try.
import { err, ok, type Result } from '../../shared/result';

export type WriteErrorCode = 'QUOTA_EXCEEDED' | 'WRITE_CONFLICT' | 'NOT_FOUND' | 'DOMAIN_RULE' | 'WRITE_FAILED';
export type WriteError = { code: WriteErrorCode; detail?: Record<string, string | number> };

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; inner?: unknown; cause?: unknown; parameters?: unknown; error?: unknown };

/** The error and everything it wraps: Dexie puts the IndexedDB error in `inner`, RxDB in `parameters`. */
function* chain(e: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 6 || e === null || typeof e !== 'object') return;
  const x = e as ErrorLike;
  yield x;
  for (const next of [x.inner, x.cause, x.error]) yield* chain(next, depth + 1);
  if (x.parameters !== null && typeof x.parameters === 'object') {
    for (const v of Object.values(x.parameters)) yield* chain(v, depth + 1);
  }
}

export function classifyWriteError(e: unknown): WriteErrorCode {
  for (const x of chain(e)) {
    // Chromium/Firefox raise QuotaExceededError; old Firefox used NS_ERROR_DOM_QUOTA_REACHED. Dexie keeps the name.
    if (x.name === 'QuotaExceededError' || x.name === 'NS_ERROR_DOM_QUOTA_REACHED') return 'QUOTA_EXCEEDED';
    if (typeof x.message === 'string' && /quota/i.test(x.message)) return 'QUOTA_EXCEEDED';
  }
  for (const x of chain(e)) if (x.name === 'DomainRuleError') return 'DOMAIN_RULE';
  for (const x of chain(e)) {
    // RxDB: CONFLICT on a write against a stale revision, COL19 on inserting an id that exists.
    if (x.code === 'CONFLICT' || x.code === 'COL19') return 'WRITE_CONFLICT';
  }
  return 'WRITE_FAILED';
}

/** Runs a write; an exception becomes a coded error (and is logged for support). */
export async function attemptWrite<T>(write: () => Promise<T>): Promise<Result<T, WriteError>> {
  try {
    return ok(await write());
  } catch (e) {
    console.error('write failed', e);
    const code = classifyWriteError(e);
    const rule = code === 'DOMAIN_RULE' ? [...chain(e)].find((x) => x.name === 'DomainRuleError') : undefined;
    const detail = rule ? { rule: (rule as { problem?: { rule?: string } }).problem?.rule ?? '' } : undefined;
    return err(detail ? { code, detail } : { code });
  }
}
