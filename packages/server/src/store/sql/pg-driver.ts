import pg from 'pg';
import { StoreUnavailableError } from '../../errors.js';
import type { SqlDriver, SqlQueryable, SqlRow } from './driver.js';

/** Seconds a caller is told to wait (`Retry-After`) while the database is unreachable. */
const OUTAGE_RETRY_AFTER_SECONDS = 2;

// SQLSTATEs of a server going away or not yet back: class 08 (connection exception), admin/crash shutdown,
// "cannot connect now" (starting up, recovering), too many connections.
const UNAVAILABLE_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const UNAVAILABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres reports a dropped socket and a connect timeout as plain Errors, told apart only by message.
const UNAVAILABLE_MESSAGE =
  /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/**
 * Whether an error of node-postgres means the database is unreachable (down, restarting, connection lost)
 * rather than that the statement failed.
 *
 * @example
 * ```ts
 * isUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // true
 * ```
 */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_NETWORK.has(code)))
    return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}

/** Rethrows an outage as {@link StoreUnavailableError} (answered 503), any other error as it is. */
function translate(error: unknown): never {
  if (isUnavailable(error)) {
    throw new StoreUnavailableError('The database is unavailable', OUTAGE_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  throw error;
}

/**
 * Opens a node-postgres pool on a `postgres://` URL: the engine for data larger than one machine's disk.
 * A database outage never takes the process down: every connection has an `'error'` listener whether idle or
 * checked out, a broken connection is discarded instead of going back to the pool, and while the database is
 * away each call fails with {@link StoreUnavailableError}; the pool connects again by itself once it is back.
 *
 * @example
 * ```ts
 * const driver = await openPgDriver('postgres://observatory@127.0.0.1:5432/observatory');
 * ```
 */
export async function openPgDriver(connectionString: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server (restart, failover) is removed by the pool; the next query
  // reports any lasting outage.
  pool.on('error', () => undefined);
  // The connections lent out right now (transactions and single statements), for a bounded close.
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  // Fail at open, not at the first request, when the database is unreachable.
  const probe = await pool.connect();
  probe.release();
  const query = async (sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> => {
    try {
      return (await pool.query<SqlRow>(sql, [...params])).rows;
    } catch (error) {
      return translate(error);
    }
  };
  return {
    query,
    transaction: async (work) => {
      const client = await pool.connect().catch(translate);
      // A checked-out client loses the pool's listener: without one, a dropped connection is an unhandled
      // 'error' event that ends the process. The failed query rejects on its own; the error is kept to
      // destroy the client on release instead of pooling a dead connection.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      const tx: SqlQueryable = {
        query: async (sql, params = []) => (await client.query<SqlRow>(sql, [...params])).rows,
      };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (broken === undefined && isUnavailable(error) && error instanceof Error) broken = error;
        if (broken === undefined) await client.query('ROLLBACK').catch(() => undefined);
        return translate(broken ?? error);
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    },
    close: () => closePool(pool, checkedOut),
  };
}

/**
 * How long closing waits for statements still running (a lock wait, a database that stopped answering) before it
 * cuts their connections: the server's grace period has already let requests finish.
 */
const CLOSE_BOUND_MS = 5_000;

/**
 * Ends the pool. Connections still checked out after {@link CLOSE_BOUND_MS} are ended from this side, so a
 * statement that would never return cannot keep the process from stopping: its transaction rolls back with the
 * connection and its request gets no success. Says on stderr how many connections it cut.
 */
async function closePool(pool: pg.Pool, checkedOut: ReadonlySet<pg.PoolClient>): Promise<void> {
  const ended = pool.end();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'bound'>((resolve) => {
    timer = setTimeout(() => resolve('bound'), CLOSE_BOUND_MS);
  });
  const first = await Promise.race([ended, bound]);
  clearTimeout(timer);
  if (first !== 'bound') return;
  const busy = [...checkedOut];
  process.emitWarning(
    `${busy.length} database connection${busy.length === 1 ? '' : 's'} still busy ${CLOSE_BOUND_MS / 1000} s after closing began: ended, their transactions rolled back`,
  );
  for (const client of busy) void client.end().catch(() => undefined);
  await ended;
}
