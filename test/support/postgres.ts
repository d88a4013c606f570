import { findPgBouncer } from '../../packages/server/src/testing/pgbouncer.js';
import { findPostgresBin } from '../../packages/server/src/testing/postgres.js';

/**
 * The PostgreSQL server binaries for a suite that needs them. In CI (`CI=true`) their absence fails the run;
 * elsewhere the suite is skipped (`describe.skipIf(bin === undefined)`) with a note on what to install.
 *
 * @example
 * ```ts
 * const bin = postgresBinForSuite('SIGTERM under load on PostgreSQL');
 * describe.skipIf(bin === undefined)('on PostgreSQL', () => {});
 * ```
 */
export function postgresBinForSuite(suite: string): string | undefined {
  const bin = findPostgresBin();
  if (bin === undefined && process.env.CI === 'true') {
    throw new Error(
      'PostgreSQL binaries not found under /usr/lib/postgresql: install the "postgresql" package',
    );
  }
  if (bin === undefined) {
    console.warn(`Skipping "${suite}": install PostgreSQL (apt-get install postgresql) to run it`);
  }
  return bin;
}

/**
 * The PgBouncer binary for a suite that needs it, with the same rule as {@link postgresBinForSuite}: missing
 * under `CI=true` fails the run, elsewhere the suite is skipped with a note on what to install.
 *
 * @example
 * ```ts
 * const bouncer = pgbouncerForSuite('three servers through PgBouncer');
 * describe.skipIf(bouncer === undefined)('through PgBouncer', () => {});
 * ```
 */
export function pgbouncerForSuite(suite: string): string | undefined {
  const bin = findPgBouncer();
  if (bin === undefined && process.env.CI === 'true') {
    throw new Error('PgBouncer not found at /usr/sbin/pgbouncer: install the "pgbouncer" package');
  }
  if (bin === undefined)
    console.warn(`Skipping "${suite}": install PgBouncer (apt-get install pgbouncer) to run it`);
  return bin;
}
