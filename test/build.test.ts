import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packages = ['core', 'client', 'server', 'nodes', 'cli'];

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
    const { stdout } = await run(process.execPath, ['scripts/check-build.mjs'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const name of packages) expect(stdout).toContain(`imports as ESM and CJS: @observatory/${name}`);
    expect(stdout).toContain('imports as ESM and CJS: @observatory/core/xlsx');
    expect(stdout).toMatch(/@observatory\/core root bundle: \d+ modules, no exceljs/);
  }, 240_000);
});
