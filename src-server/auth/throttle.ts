// Login throttling, kept in the database so that every server process counts the same attempts (issue #9).
//
// An attempt is counted BEFORE its password is checked, by one atomic statement per key (an upsert that returns the
// new count): of any number of simultaneous guesses, at most `limit` per key and window ever reach the password
// check. An attempt refused by any key is uncounted again on every key, so refused attempts cost nothing and extend
// nothing; a successful login is uncounted too (it was not a failure), and clears the keys of its own user.
import { isIP } from 'node:net';
import type { Queryable } from '../db/db';

export type ThrottleKey = {
  key: string;
  /** Attempts allowed per window; 0 turns the key off. */
  limit: number;
  windowSeconds: number;
};

/** A counted attempt on one key, in the window it was counted in (so that uncounting never touches a newer window). */
type Counted = { key: string; windowStartedAt: Date };

export type Reservation = { ok: true; counted: Counted[] } | { ok: false; retryAfter: number };

const COUNT = `INSERT INTO login_attempts AS a (key, attempts, window_started_at) VALUES ($1, 1, $2)
  ON CONFLICT (key) DO UPDATE SET
    attempts = CASE WHEN a.window_started_at <= $3 THEN 1 ELSE a.attempts + 1 END,
    window_started_at = CASE WHEN a.window_started_at <= $3 THEN $2 ELSE a.window_started_at END
  RETURNING attempts, window_started_at`;

/**
 * Counts one attempt on every key, in order. When a key's count exceeds its limit, everything counted for this
 * attempt is uncounted and the caller is told how long to wait; otherwise the password may be checked.
 */
export async function countAttempt(q: Queryable, keys: readonly ThrottleKey[], nowMs: number): Promise<Reservation> {
  const counted: Counted[] = [];
  const now = new Date(nowMs);
  for (const k of keys) {
    if (k.limit <= 0) continue;
    const r = await q.query<{ attempts: number; window_started_at: Date }>(COUNT, [k.key, now, new Date(nowMs - k.windowSeconds * 1000)]);
    const row = r.rows[0];
    if (!row) throw new Error('login_attempts upsert returned no row');
    counted.push({ key: k.key, windowStartedAt: row.window_started_at });
    if (row.attempts > k.limit) {
      await uncount(q, counted);
      const until = row.window_started_at.getTime() + k.windowSeconds * 1000;
      return { ok: false, retryAfter: Math.max(1, Math.ceil((until - nowMs) / 1000)) };
    }
  }
  return { ok: true, counted };
}

/** Takes back one counted attempt per key (within the window it was counted in). */
export async function uncount(q: Queryable, counted: readonly Counted[]): Promise<void> {
  for (const c of counted) {
    await q.query('UPDATE login_attempts SET attempts = GREATEST(attempts - 1, 0) WHERE key = $1 AND window_started_at = $2', [c.key, c.windowStartedAt]);
  }
}

export async function clearAttempts(q: Queryable, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await q.query('DELETE FROM login_attempts WHERE key = ANY($1::text[])', [keys]);
}

/** Forgets counts whose window ended before `beforeMs` (they would start over anyway). */
export async function pruneAttempts(q: Queryable, beforeMs: number): Promise<number> {
  const r = await q.query('DELETE FROM login_attempts WHERE window_started_at < $1', [new Date(beforeMs)]);
  return r.rowCount;
}

/**
 * The address a throttle counts: IPv4 as is (also when written as IPv4-mapped IPv6), IPv6 by its /64 prefix (one
 * household or office gets a whole /64 and may use any address in it).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIP(ip) !== 6) return ip.slice(0, 64);
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
