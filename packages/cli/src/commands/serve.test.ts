import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
// Resolves `@observatory/*` to sources (as the tests do) instead of unbuilt dist/.
const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

it('`observatory serve` runs on the embedded store in ./observatory-data by default and stops on SIGTERM', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'observatory-serve-'));
  const { OBSERVATORY_STORE: _store, ...env } = process.env;
  const child = spawn(
    tsx,
    [
      '--tsconfig',
      tsconfig,
      bin,
      'serve',
      '--port',
      '0',
      '--token',
      'serve-token',
      '--org',
      'acme',
      '--json',
    ],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let output = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const printed = JSON.parse(line) as { url: string; organizationId: string; token: string; store: string };
    expect(printed).toMatchObject({
      organizationId: 'acme',
      token: 'serve-token',
      store: 'pglite://./observatory-data',
    });
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(cwd, 'observatory-data'))).toBe(true);
    const response = await fetch(`${printed.url}/organizations/acme/chat-sessions`, {
      headers: { authorization: 'Bearer serve-token' },
    });
    expect(await response.json()).toMatchObject({ items: [], total: 0 });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  }
}, 60_000);
