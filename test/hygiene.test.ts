import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
/** The words of an HTML page, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
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

  it('the TSDoc coverage script prints its figure when it passes', async () => {
    const { stdout } = await run(bin('tsx'), ['scripts/tsdoc-coverage.ts']);
    expect(stdout).toMatch(
      /^TSDoc coverage 100%: (\d+) of \1 exports have a summary and an @example; (\d+) of \2 fields of the public models have a summary\.\n$/,
    );
  }, 120_000);

  it('builds the API reference with typedoc and no warnings', async () => {
    const { stdout } = await run(bin('typedoc'), [], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).not.toMatch(/warning/i);
    // The guides are pages of the reference, not raw copies under media/.
    for (const guide of [
      'getting-started',
      'concepts',
      'important-defaults',
      'http-api',
      'scaling',
      'performance',
    ]) {
      expect(existsSync(`docs/api/documents/${guide}.html`), guide).toBe(true);
      expect(existsSync(`docs/api/media/${guide}.md`), guide).toBe(false);
    }
    // A zod-derived model shows its fields, each with its summary, not `z.infer<typeof Session>`.
    const session = text(readFileSync('docs/api/types/_observatory_core.index.Session.html', 'utf8'));
    expect(session).not.toContain('z.infer');
    expect(session).not.toContain('ZodObject');
    expect(session).toContain('When it started, an ISO 8601 UTC instant: what ranges and sorting use.');
    expect(session).toContain('The agent (the platform\'s "tenant") that handled the session.');
  }, 240_000);
});
