/** The channel the schema's triggers (migration 009) notify on, and the server's caches listen to. */
export const NOTIFY_CHANNEL = 'panoptic_cache';

/** A value a query takes as a parameter ($1, $2, …). */
export type SqlValue = string | number | boolean | null | Date | Record<string, unknown> | unknown[];

/** What runs SQL: the database itself or a transaction on it. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/**
 * The one interface over both drivers: PGlite (embedded, a data folder) and node-postgres (a server).
 * Domain code sees only this, so both run the same SQL.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `body` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(body: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on NOTIFY_CHANNEL. A notification of a commit made through this Database
   * is delivered before that commit's query resolves; other processes' arrive as they commit.
   * `live(false)` says notifications may have been missed (the connection that listens for other
   * processes is down), `live(true)` that they flow again.
   */
  listen(listener: NotifyListener): void;
  /** Runs `hook` (e.g. writing counts kept in memory) when close() is called, before the connections end. */
  beforeClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface NotifyListener {
  message(payload: string): void;
  live(on: boolean): void;
}
