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
