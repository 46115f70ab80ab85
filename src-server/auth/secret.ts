// The token signing secret: LINLI_TOKEN_SECRET, or one generated on first start and kept in the database so that
// every server process on the same database signs and verifies with the same key.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db';

export async function loadTokenSecret(db: Db, fromEnv: string | undefined): Promise<Buffer> {
  if (fromEnv !== undefined) return Buffer.from(fromEnv, 'utf8');
  const fresh = randomBytes(32).toString('base64url');
  // ON CONFLICT: two processes starting at once both insert; the first wins and both read the winner.
  await db.query(`INSERT INTO server_settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING`, [fresh]);
  const r = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'token_secret'`);
  const value = r.rows[0]?.value;
  if (value === undefined) throw new Error('token secret missing after insert');
  return Buffer.from(value, 'utf8');
}
