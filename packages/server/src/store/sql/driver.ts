/** A row as a driver returns it: column name to parsed value (jsonb parsed, timestamptz as Date, text[] as array). */
export type SqlRow = Record<string, unknown>;

/**
 * What the SQL store needs from a database connection: parameterised queries and transactions. PGlite and
 * node-postgres both speak PostgreSQL's dialect, so one module of queries runs on either driver.
 *
 * @example
 * ```ts
 * const rows = await driver.query('select 1 as one', []);
 * ```
 */
export interface SqlQueryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query(sql: string, params?: readonly unknown[], options?: SqlQueryOptions): Promise<SqlRow[]>;
}

/**
 * How a statement is run.
 *
 * @example
 * ```ts
 * await tx.query(REPORT_SQL, [orgId, batch], { prepare: true });
 * ```
 */
export interface SqlQueryOptions {
  /**
   * The statement runs again and again with other parameters: the driver may keep it parsed and planned (a named
   * prepared statement). PGlite does, inside a transaction, where parsing and planning a long statement on every
   * call costs the server's own thread; node-postgres does not, as a PgBouncer in transaction mode between the
   * server and PostgreSQL does not keep a connection's prepared statements.
   */
  readonly prepare?: boolean;
}

/**
 * A database the store owns: queries, transactions (all or nothing) and shutdown.
 *
 * @example
 * ```ts
 * await driver.transaction(async (tx) => { await tx.query('insert into t values ($1)', [1]); });
 * ```
 */
export interface SqlDriver extends SqlQueryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
