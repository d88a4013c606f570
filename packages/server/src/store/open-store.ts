import { ObservatoryInputError } from '@observatory/core';
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
 *   absolute as `pglite:///var/lib/observatory`); no server to install.
 * - `postgres://…` / `postgresql://…` — a PostgreSQL server, for data larger than one machine's disk.
 *
 * Throws `ObservatoryInputError` (field `url`) for any other URL.
 *
 * @example
 * ```ts
 * import { openStore } from '@observatory/server';
 * const store = await openStore('memory://');
 * await store.close();
 * ```
 */
export async function openStore(url: string = DEFAULT_STORE_URL): Promise<ObservatoryStore> {
  if (url === 'memory://' || url === 'memory:')
    return SqlStore.open(await openPgliteDriver(undefined), 'memory');
  if (url.startsWith('pglite://')) {
    const dir = url.slice('pglite://'.length);
    if (dir.length === 0) throw new ObservatoryInputError('url', 'a data directory after pglite://', url);
    return SqlStore.open(await openPgliteDriver(dir), 'pglite');
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return SqlStore.open(await openPgDriver(url), 'postgres');
  }
  throw new ObservatoryInputError('url', 'memory://, pglite://DIR or postgres://…', redact(url));
}

// A connection URL may carry a password: never echo it back in an error.
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
