import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
// Resolves `@observatory/*` to sources (as the tests do) instead of unbuilt dist/.
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
// What `npx observatory-server` runs after `npm install`: the link npm made to the package's bin (its build).
const installed = fileURLToPath(new URL('../../../node_modules/.bin/observatory-server', import.meta.url));

it.each([
  ['the source', tsx, ['--tsconfig', tsconfig, bin]],
  ['the installed bin (npx observatory-server)', installed, []],
])(
  '%s starts on the embedded store with no setup, prints a token, and stops cleanly on SIGTERM',
  async (_, command, args) => {
    const cwd = mkdtempSync(join(tmpdir(), 'observatory-bin-'));
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, OBSERVATORY_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const banner = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Token')) resolve(output);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
        child.once('error', reject);
      });
      expect(banner).toContain('(store: pglite)');
      const url = /listening on (\S+)/.exec(banner)?.[1];
      const token = /Token .*: (\S+)/.exec(banner)?.[1];
      // The documented default organization (docs/important-defaults.md), shared with `observatory serve`.
      expect(/Organization: (\S+)/.exec(banner)?.[1]).toBe('local');
      const res = await fetch(`${url}/organizations/local/chat-sessions`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await res.json()).toMatchObject({ items: [], total: 0 });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  },
);
