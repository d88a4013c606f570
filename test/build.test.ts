import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packages = ['core', 'client', 'server', 'nodes', 'cli'];
const NOT_SHIPPED = /\.(test|test-d|test-helper|fixture)\.ts$/;

/** Files of a package that change what its build writes: its manifest and its source (tests left out). */
function buildInputs(name: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return NOT_SHIPPED.test(entry.name) ? [] : [path];
    });
  return [`packages/${name}/package.json`, ...walk(`packages/${name}/src`)];
}

describe('what ships', () => {
  it("bundles @observatory/core's root entry from source without exceljs", async () => {
    const result = await build({
      entryPoints: ['packages/core/src/index.ts'],
      bundle: true,
      write: false,
      platform: 'neutral',
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('packages/core/src/'))).toBe(true);
    expect(inputs.filter((path) => path.includes('exceljs'))).toEqual([]);
  });

  // `npm install` builds every package (the root `prepare` script); this checks that build as a user gets it.
  it('builds dual packages that pass publint and attw and import as ESM and CJS', async () => {
    const missing = packages.filter((name) => !existsSync(`packages/${name}/dist/index.js`));
    expect(missing, 'packages without dist/: run `npm install` or `npm run build` first').toEqual([]);
    // Checking an old build would pass for source it was not built from.
    const stale = packages.flatMap((name) => {
      const built = Math.min(
        statSync(`packages/${name}/dist/index.js`).mtimeMs,
        statSync(`packages/${name}/dist/index.cjs`).mtimeMs,
      );
      return buildInputs(name).filter((file) => statSync(file).mtimeMs > built);
    });
    expect(stale, 'changed since the last build: run `npm run build` (npm install runs it)').toEqual([]);
    const { stdout } = await run(process.execPath, ['scripts/check-build.mjs'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const name of packages) expect(stdout).toContain(`imports as ESM and CJS: @observatory/${name}`);
    expect(stdout).toContain('imports as ESM and CJS: @observatory/core/xlsx');
    expect(stdout).toMatch(/@observatory\/core root bundle: \d+ modules, no exceljs/);
  }, 240_000);
});
