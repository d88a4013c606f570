import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Gives the rest of the run one temporary folder, removed however the run ends. Every temporary folder a
 * benchmark makes afterwards (`os.tmpdir()`: PGlite folders, PostgreSQL's and PgBouncer's, the serve processes'),
 * and those of the processes it starts (they inherit `TMPDIR`), is made inside it. Ctrl-C, SIGTERM or SIGHUP end
 * the run through `process.exit`, so the started services' exit hooks end their process groups, and the folder
 * is removed after them. Returns the folder and a function that removes it, for a run that ends normally.
 *
 * @example
 * ```ts
 * const { dir, remove } = scopeRunTempFiles('observatory-bench-');
 * // … start engines and servers; their folders are under `dir` …
 * remove();
 * ```
 */
export function scopeRunTempFiles(prefix: string): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755); // PostgreSQL and PgBouncer run as the postgres user when the bench runs as root
  process.env.TMPDIR = dir;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the run, its processes and ${dir}\n`);
      // Registered now, so it runs after every exit hook registered earlier (services end before their folder).
      process.once('exit', remove);
      process.exit(128 + (os.constants.signals[signal] ?? 0));
    });
  }
  return { dir, remove };
}
