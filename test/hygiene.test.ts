import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = (name: string) => `node_modules/.bin/${name}`;

// The project's own checks, so CI holds every commit to them: strict types, one formatter/linter, and an API
// reference that builds without a warning.
describe('hygiene', () => {
  it('type-checks the whole workspace under the strict config', async () => {
    await expect(run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])).resolves.toBeDefined();
  }, 180_000);

  it('passes biome (lint and format)', async () => {
    // Exits non-zero on any finding; the summary goes to stderr.
    const { stderr, stdout } = await run(bin('biome'), ['check', '.']);
    expect(`${stdout}${stderr}`).toMatch(/Checked \d+ files/);
  }, 60_000);

  it('builds the API reference with typedoc and no warnings', async () => {
    const { stdout } = await run(bin('typedoc'), [], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).not.toMatch(/warning/i);
  }, 240_000);
});
