// PostgreSQL through node-postgres: a pool for queries and transactions, one dedicated client for LISTEN.
import pg from 'pg';
import type { Db, NotificationHandler, Queryable, QueryResult, Row, SqlParam } from './db';

const INT8_OID = 20;

// Sequence numbers are bigint in SQL; they stay far below 2^53, so plain numbers are exact.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function wrap(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
      const r = await c.query<R>(sql, [...params]);
      return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
    },
  };
}

export type PgOptions = { connectionString: string; max?: number; log?: (msg: string) => void };

export async function openPostgres(opts: PgOptions): Promise<Db> {
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.max ?? 10, types: typeParsers });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', (e) => opts.log?.(`postgres pool: ${e.message}`));
  const check = await pool.connect();
  check.release();

  type Channel = { handlers: Set<NotificationHandler>; reconnects: Set<() => void> };
  const channels = new Map<string, Channel>();
  let listener: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  async function connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: opts.connectionString });
    client.on('notification', (n) => {
      const ch = channels.get(n.channel);
      if (!ch) return;
      for (const h of ch.handlers) h(n.payload ?? '');
    });
    const lost = (e?: Error) => {
      if (listener !== client) return;
      listener = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (closed) return;
      opts.log?.(`postgres LISTEN connection lost${e ? `: ${e.message}` : ''}; reconnecting`);
      scheduleReconnect(1000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    for (const name of channels.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(name)}`);
    listener = client;
  }

  function scheduleReconnect(delayMs: number): void {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      ensureListener()
        .then(() => {
          // Whatever happened while we were deaf is lost: tell every subscriber to catch up by pulling.
          for (const ch of channels.values()) for (const r of ch.reconnects) r();
        })
        .catch((e: unknown) => {
          opts.log?.(`postgres LISTEN reconnect failed: ${e instanceof Error ? e.message : String(e)}`);
          scheduleReconnect(Math.min(delayMs * 2, 30_000));
        });
    }, delayMs);
    retryTimer.unref();
  }

  async function ensureListener(): Promise<void> {
    if (listener) return;
    connecting ??= connectListener().finally(() => {
      connecting = undefined;
    });
    await connecting;
  }

  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async listen(channel, handler, onReconnect) {
      let ch = channels.get(channel);
      const fresh = !ch;
      if (!ch) {
        ch = { handlers: new Set(), reconnects: new Set() };
        channels.set(channel, ch);
      }
      ch.handlers.add(handler);
      ch.reconnects.add(onReconnect);
      const had = listener !== undefined;
      await ensureListener();
      if (fresh && had && listener) await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      const c = ch;
      return async () => {
        c.handlers.delete(handler);
        c.reconnects.delete(onReconnect);
      };
    },
    async notify(channel, payload, tx) {
      await (tx ?? base).query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const l = listener;
      listener = undefined;
      if (l) await l.end().catch(() => undefined);
      await pool.end();
    },
  };
}
