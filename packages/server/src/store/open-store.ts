import { ObservatoryInputError } from '@observatory/core';
import { lockFolder } from './folder-lock.js';
import { openPgDriver } from './sql/pg-driver.js';
import { openPgliteDriver } from './sql/pglite-driver.js';
import { SqlStore } from './sql/sql-store.js';
import type { ObservatoryStore } from './store.js';

/**
 * The embedded, persistent store used when none is given: a PGlite database in `./observatory-data`.
 *
 * @example
 * ```ts
 * import { DEFAULT_STORE_URL, openStore } from '@observatory/server';
 * const store = await openStore(DEFAULT_STORE_URL);
 * ```
 */
export const DEFAULT_STORE_URL = 'pglite://./observatory-data';

/**
 * Opens a store and brings its schema up to date.
 * - `memory://` — in-process and empty, gone on close (tests, demos). It runs the same SQL as the other
 *   engines on an in-memory PGlite, so no second implementation can drift from them.
 * - `pglite://DIR` — embedded and persistent in directory `DIR` (relative to the working directory, or
 *   absolute as `pglite:///var/lib/observatory`); no server to install. One process at a time: the folder is
 *   locked (`DIR/observatory.lock`, holding the pid) until the store closes or the process exits, and another
 *   process opening it meanwhile gets `StoreLockedError`. A lock left by a killed process is taken over.
 * - `postgres://…` / `postgresql://…` — a PostgreSQL server, for data larger than one machine's disk. It may
 *   be a pooler in transaction mode (PgBouncer) in front of the server: the store keeps no session state (no
 *   named prepared statements, no `SET`, only transaction-scoped advisory locks, no `LISTEN`).
 *
 * `options.readUrl`, with a `postgres://` store only, is a streaming replica of it: exports and analytics
 * ({@link ObservatoryStore.replica}) read there, every other read stays on `url`, so a read sees the writes
 * made before it.
 *
 * Throws `ObservatoryInputError` (field `url`) for any other URL, and (field `readUrl`) for a read URL that is
 * not `postgres://…` or given with another engine.
 *
 * @example
 * ```ts
 * import { openStore } from '@observatory/server';
 * const store = await openStore('memory://');
 * await store.close();
 * const replicated = await openStore('postgres://app@db-primary/observatory', {
 *   readUrl: 'postgres://app@db-replica/observatory',
 * });
 * ```
 */
export async function openStore(
  url: string = DEFAULT_STORE_URL,
  options: OpenStoreOptions = {},
): Promise<ObservatoryStore> {
  const { readUrl } = options;
  const postgres = isPostgresUrl(url);
  const embedded = url === 'memory://' || url === 'memory:' || url.startsWith('pglite://');
  if (readUrl !== undefined && (postgres || embedded) && !(postgres && isPostgresUrl(readUrl))) {
    const expected = postgres
      ? 'postgres://… (a streaming replica of the store)'
      : 'none with an embedded store (only a postgres:// store has replicas)';
    throw new ObservatoryInputError('readUrl', expected, redactUrl(readUrl));
  }
  if (url === 'memory://' || url === 'memory:')
    return SqlStore.open(await openPgliteDriver(undefined), 'memory');
  if (url.startsWith('pglite://')) {
    const dir = url.slice('pglite://'.length);
    if (dir.length === 0) throw new ObservatoryInputError('url', 'a data directory after pglite://', url);
    const lock = await lockFolder(dir);
    try {
      const driver = await openPgliteDriver(dir);
      const close = () => driver.close().finally(lock.release);
      return await SqlStore.open({ ...driver, close }, 'pglite').catch(async (error: unknown) => {
        await close();
        throw error;
      });
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  if (postgres) {
    const driver = await openPgDriver(url);
    const replica =
      readUrl === undefined
        ? undefined
        : await openPgDriver(readUrl).catch(async (error: unknown) => {
            await driver.close();
            throw error;
          });
    return SqlStore.open(driver, 'postgres', replica);
  }
  throw new ObservatoryInputError('url', 'memory://, pglite://DIR or postgres://…', redactUrl(url));
}

/**
 * Options of {@link openStore}.
 *
 * @example
 * ```ts
 * const options: OpenStoreOptions = { readUrl: 'postgres://app@db-replica/observatory' };
 * ```
 */
export interface OpenStoreOptions {
  /** A streaming replica of a `postgres://` store, for exports and analytics. */
  readonly readUrl?: string | undefined;
}

function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/**
 * A store URL fit to print: the password of a connection URL (`user:password@`, or a `password=` parameter)
 * is replaced by `***`, the rest kept. Every message, banner and JSON output that shows a store URL goes
 * through it.
 *
 * @example
 * ```ts
 * import { redactUrl } from '@observatory/server';
 * redactUrl('postgres://app:s3cret@db:5432/observatory'); // 'postgres://app:***@db:5432/observatory'
 * ```
 */
export function redactUrl(url: string): string {
  const query = url.replace(/([?&]password=)[^&#]*/gi, '$1***');
  // Up to the last '@': a password typed without percent-encoding may itself hold '@' or '/'.
  const start = query.indexOf('://') + 3;
  const at = query.lastIndexOf('@');
  const colon = query.indexOf(':', start);
  if (start < 3 || at < start || colon < 0 || colon > at) return query;
  return `${query.slice(0, colon)}:***${query.slice(at)}`;
}
