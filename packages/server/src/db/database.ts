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
  close(): Promise<void>;
}
