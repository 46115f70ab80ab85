// Failed-login throttling, kept in the database so that every server process counts the same failures.
import type { Queryable } from '../db/db';

export type ThrottleRule = { key: string; maxFailures: number };

/** Seconds until every given key is unlocked; 0 when none is locked. */
export async function lockedFor(q: Queryable, keys: readonly string[], nowMs: number): Promise<number> {
  if (keys.length === 0) return 0;
  const r = await q.query<{ locked_until: Date | null }>('SELECT locked_until FROM login_failures WHERE key = ANY($1::text[])', [keys]);
  let until = 0;
  for (const row of r.rows) if (row.locked_until && row.locked_until.getTime() > until) until = row.locked_until.getTime();
  return until > nowMs ? Math.ceil((until - nowMs) / 1000) : 0;
}

/**
 * Counts one failure against each rule's key. Failures are remembered for windowSeconds; reaching maxFailures
 * within the window locks the key for windowSeconds and starts a new count.
 */
export async function recordFailure(q: Queryable, rules: readonly ThrottleRule[], nowMs: number, windowSeconds: number): Promise<void> {
  const now = new Date(nowMs);
  for (const rule of rules) {
    const r = await q.query<{ failures: number; window_started_at: Date }>(
      'SELECT failures, window_started_at FROM login_failures WHERE key = $1',
      [rule.key],
    );
    const row = r.rows[0];
    const fresh = !row || row.window_started_at.getTime() + windowSeconds * 1000 <= nowMs;
    const failures = (fresh ? 0 : (row?.failures ?? 0)) + 1;
    const windowStart = fresh ? now : (row?.window_started_at ?? now);
    const locked = failures >= rule.maxFailures;
    await q.query(
      `INSERT INTO login_failures (key, failures, window_started_at, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, window_started_at = EXCLUDED.window_started_at,
         locked_until = COALESCE(EXCLUDED.locked_until, login_failures.locked_until)`,
      [rule.key, locked ? 0 : failures, locked ? now : windowStart, locked ? new Date(nowMs + windowSeconds * 1000) : null],
    );
  }
}

export async function clearFailures(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE key = $1', [key]);
}
