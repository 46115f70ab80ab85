// Embedded PostgreSQL (PGlite, WASM) for `npm run serve` on a machine with nothing installed, and for tests.
// One process only: PGlite is a single connection, so every query and transaction is already serialised.
import { PGlite, types } from '@electric-sql/pglite';
import type { Db, NotificationHandler, Queryable, QueryResult, Row, SqlParam } from './db';

type PgliteLike = {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
};

function wrap(q: PgliteLike): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
      const r = await q.query<R>(sql, [...params]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  };
}

/** dataDir undefined = in memory. */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = new PGlite({
    ...(dataDir === undefined ? {} : { dataDir }),
    // Sequence numbers are bigint in SQL; they stay far below 2^53, so plain numbers are exact.
    parsers: { [types.INT8]: (x: string) => Number(x) },
  });
  await pg.waitReady;
  const listeners = new Map<string, Set<NotificationHandler>>();
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async exec(sql) {
      await pg.exec(sql);
    },
    async listen(channel, handler) {
      const set = listeners.get(channel) ?? new Set<NotificationHandler>();
      set.add(handler);
      listeners.set(channel, set);
      return async () => {
        set.delete(handler);
      };
    },
    async notify(channel, payload) {
      for (const h of listeners.get(channel) ?? []) {
        try {
          h(payload);
        } catch {
          // a listener's failure must not fail the writer
        }
      }
    },
    async close() {
      listeners.clear();
      await pg.close();
    },
  };
}
