import pg from 'pg';
import type { SqlDriver, SqlRow } from './driver.js';

/**
 * Opens a node-postgres pool on a `postgres://` URL: the engine for data larger than one machine's disk.
 *
 * @example
 * ```ts
 * const driver = await openPgDriver('postgres://observatory@127.0.0.1:5432/observatory');
 * ```
 */
export async function openPgDriver(connectionString: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // replaces it, and the next query reports any lasting outage.
  pool.on('error', () => undefined);
  // Fail at open, not at the first request, when the database is unreachable.
  const probe = await pool.connect();
  probe.release();
  const query = async (sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> =>
    (await pool.query<SqlRow>(sql, [...params])).rows;
  return {
    query,
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (sql, params = []) => (await client.query<SqlRow>(sql, [...params])).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
