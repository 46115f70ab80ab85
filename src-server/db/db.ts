// A thin database interface over PostgreSQL (pg) and embedded PGlite: the same SQL runs on both.

/** Values passed as query parameters. Objects go in as JSON text with an explicit `::jsonb` cast in the SQL. */
export type SqlParam = string | number | boolean | null | Date | readonly string[];

export type Row = Record<string, unknown>;

export type QueryResult<R extends Row> = { rows: R[]; rowCount: number };

export type Queryable = {
  query<R extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>>;
};

export type DbKind = 'postgres' | 'pglite';

/** A notification from LISTEN (PostgreSQL) or the in-process emitter (PGlite). */
export type NotificationHandler = (payload: string) => void;

export type Db = Queryable & {
  readonly kind: DbKind;
  /** Runs fn in one transaction (READ COMMITTED); commits when it resolves, rolls back when it rejects. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Subscribes to a notification channel. On PostgreSQL this is LISTEN on a dedicated connection, so every server
   * process on the same database hears every other's `pg_notify`; onReconnect fires when that connection was lost
   * and re-established (notifications may have been missed meanwhile).
   */
  listen(channel: string, handler: NotificationHandler, onReconnect: () => void): Promise<() => Promise<void>>;
  /**
   * Sends a notification after the current transaction commits. On PostgreSQL, `pg_notify` inside tx; on PGlite
   * the caller passes no tx and it is delivered in-process at once (call it after commit).
   */
  notify(channel: string, payload: string, tx?: Queryable): Promise<void>;
  close(): Promise<void>;
};

/** A unique-violation (duplicate key) error from either driver. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505';
}
