import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pgbouncerForSuite, postgresBinForSuite } from '../support/postgres.js';
import { useProcesses } from '../support/processes.js';

const SUITE =
  'PostgreSQL, PgBouncer and serve processes cleaned up when their owner ends without stopping them';
const bin = postgresBinForSuite(SUITE);
const bouncerBin = pgbouncerForSuite(SUITE);
const processes = useProcesses();

/** Processes whose command line names `path`: a postmaster, its workers or a pooler still using a folder in it. */
function processesUsing(path: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(path));
}

/** The owner's temporary folders in `tmp` (tsx keeps its cache there too), by kind: the random tail cut off. */
const foldersIn = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('observatory-'));
const kinds = (names: string[]) => names.map((name) => name.replace(/-[^-]+$/, '')).sort();

describe.skipIf(bin === undefined || bouncerBin === undefined)(SUITE, () => {
  // A test or benchmark that crashes, calls process.exit or is interrupted never reaches its `stop()`: the
  // services' process groups must still end with it, and their temporary folders (data, sockets, configuration)
  // must go too.
  const cases = [
    { how: 'exit', title: 'calls process.exit' },
    { how: 'throw', title: 'dies of an uncaught error' },
    { how: 'interrupt', title: 'is a benchmark run interrupted by Ctrl-C (SIGINT)' },
  ] as const;
  for (const { how, title } of cases) {
    it(`leaves no process and no folder when the owner ${title}`, async () => {
      // The owner's folders go in a folder of this test's own, so other tests' folders do not count.
      const tmp = processes.tempDir('observatory-cleanup-');
      chmodSync(tmp, 0o755); // the services run as the postgres user when tests run as root
      const owner = processes.startTsx('test/support/services-then-exit.ts', [how], { env: { TMPDIR: tmp } });
      await owner.waitFor(/^running$/m);
      if (how === 'interrupt') {
        // One folder for the run, and every service's folder inside it.
        const [run, ...others] = foldersIn(tmp);
        expect(others).toEqual([]);
        expect(kinds([run ?? ''])).toEqual(['observatory-bench']);
        expect(kinds(foldersIn(join(tmp, run ?? '')))).toEqual([
          'observatory-bench-serve',
          'observatory-pg',
          'observatory-pg-replica',
          'observatory-pgbouncer',
        ]);
        owner.signal('SIGINT');
        expect(await owner.exited()).toEqual({ code: 130, signal: null });
      } else {
        expect(kinds(foldersIn(tmp))).toEqual([
          'observatory-pg',
          'observatory-pg-replica',
          'observatory-pgbouncer',
        ]);
        expect((await owner.exited()).code).not.toBe(0);
      }
      expect(foldersIn(tmp)).toEqual([]);
      expect(processesUsing(tmp)).toEqual([]);
    });
  }
});
