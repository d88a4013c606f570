import type { SqlQueryable } from './driver.js';

/** How often the embedded engine looks for tables to vacuum or analyze: PostgreSQL's `autovacuum_naptime`. */
export const AUTOVACUUM_INTERVAL_MS = 60_000;

// PostgreSQL's autovacuum thresholds with their default settings: dead rows over 50 + 20 % of the table, rows
// inserted since the last vacuum over 1,000 + 20 % (PostgreSQL 13+: keeps the visibility map, hence index-only
// scans, current), rows changed since the last analyze over 50 + 10 %. A table never analyzed has reltuples -1.
const DUE_TABLES = `
  SELECT quote_ident(s.relname) AS name,
    s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
      OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0) AS vacuum,
    s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) AS analyze
  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE s.schemaname = 'public'
  ORDER BY s.relname`;

/**
 * What PostgreSQL's autovacuum daemon would do now, done in the caller's turn: `VACUUM` and/or `ANALYZE` of each
 * table past autovacuum's default thresholds. PGlite runs PostgreSQL in one process with no autovacuum worker, so
 * without this its tables are never analyzed (the planner guesses every filter's selectivity) nor vacuumed. It
 * returns the statements it ran.
 *
 * @example
 * ```ts
 * const ran = await autovacuumPass(driver); // e.g. ['VACUUM (ANALYZE) sessions']
 * ```
 */
export async function autovacuumPass(db: SqlQueryable): Promise<string[]> {
  const ran: string[] = [];
  // A backend sends its table counters to the shared statistics at most once a second; this statement's end
  // sends them now, so the next one reads every change made so far.
  await db.query('SELECT pg_stat_force_next_flush()');
  for (const table of await db.query(DUE_TABLES)) {
    const name = String(table.name);
    const statement =
      table.vacuum === true
        ? `VACUUM${table.analyze === true ? ' (ANALYZE)' : ''} ${name}`
        : table.analyze === true
          ? `ANALYZE ${name}`
          : undefined;
    if (statement === undefined) continue;
    await db.query(statement);
    ran.push(statement);
  }
  return ran;
}

/**
 * The running loop of {@link startAutovacuum}.
 *
 * @example
 * ```ts
 * const loop = startAutovacuum(driver);
 * await loop.stop();
 * ```
 */
export interface AutovacuumLoop {
  /** Stops the loop: no pass starts after this, and a pass under way is waited for. */
  stop(): Promise<void>;
}

/**
 * Runs {@link autovacuumPass} every `intervalMs` (PostgreSQL's naptime by default), one pass at a time, on a timer
 * that does not keep the process alive. A pass that fails is reported as a process warning and the loop goes on:
 * the same fault reaches the next request's caller as its error.
 *
 * @example
 * ```ts
 * const loop = startAutovacuum(driver, 60_000);
 * // … on close:
 * await loop.stop();
 * ```
 */
export function startAutovacuum(db: SqlQueryable, intervalMs = AUTOVACUUM_INTERVAL_MS): AutovacuumLoop {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      running = autovacuumPass(db).then(
        () => undefined,
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          process.emitWarning(`embedded store: autovacuum pass failed: ${reason}`, 'ObservatoryWarning');
        },
      );
      void running.then(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
