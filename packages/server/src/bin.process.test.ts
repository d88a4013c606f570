import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { useProcesses, waitForHealth } from '../../../test/support/processes.js';

const processes = useProcesses();
// What `npx observatory-server` runs after `npm install`: the link npm made to the package's bin (its build).
const installed = fileURLToPath(new URL('../../../node_modules/.bin/observatory-server', import.meta.url));
const start = (how: 'source' | 'installed', cwd: string, env: Record<string, string>) =>
  how === 'source'
    ? processes.startTsx('packages/server/src/bin.ts', [], { cwd, env })
    : processes.start(installed, [], { cwd, env });

it.each([
  ['source', 'the source'],
  ['installed', 'the installed bin (npx observatory-server)'],
] as const)(
  '%s (%s) starts on the embedded store with no setup, prints a token, and stops cleanly on SIGTERM',
  async (how, _description) => {
    const cwd = processes.tempDir('observatory-bin-');
    const server = start(how, cwd, { OBSERVATORY_PORT: '0' });
    const banner = (await server.waitFor(/^Token .*: \S+$/m)).input;
    expect(banner).toContain('(store: pglite)');
    const url = /listening on (\S+)/.exec(banner)?.[1];
    const token = /Token .*: (\S+)/.exec(banner)?.[1];
    // The documented default organization (docs/important-defaults.md), shared with `observatory serve`.
    expect(/Organization: (\S+)/.exec(banner)?.[1]).toBe('local');
    // What a supervisor checks: the server answers /health once it has printed where it listens.
    await waitForHealth(`${url}/health`);
    const res = await fetch(`${url}/organizations/local/chat-sessions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await res.json()).toMatchObject({ items: [], total: 0 });
    server.signal('SIGTERM');
    expect(await server.exited()).toEqual({ code: 0, signal: null });
  },
);

let busy: Server | undefined;
afterAll(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

it('a port another process holds is one line on stderr that says so and how to pick a free one', async () => {
  busy = createServer();
  const port = await new Promise<number>((resolve) => {
    busy?.listen(0, '127.0.0.1', () => {
      const address = busy?.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const server = start('source', processes.tempDir('observatory-bin-busy-'), {
    OBSERVATORY_PORT: String(port),
    OBSERVATORY_STORE: 'memory://',
  });
  expect(await server.exited()).toEqual({ code: 1, signal: null });
  expect(server.stderr()).toBe(
    `Port ${port} on 127.0.0.1 is already in use by another process; set OBSERVATORY_PORT=0 to pick a free one.\n`,
  );
});

// The store URL is refused before anything listens: the warning is seen without exposing a port to the network.
it.each(['0.0.0.0', '::'])(
  'warns in one line that OBSERVATORY_HOST=%s is reachable from the network with only the token to protect it',
  async (host) => {
    const server = start('source', processes.tempDir('observatory-bin-host-'), {
      OBSERVATORY_HOST: host,
      OBSERVATORY_PORT: '0',
      OBSERVATORY_STORE: 'mysql://db',
    });
    expect(await server.exited()).toMatchObject({ code: 1 });
    expect(server.stderr().split('\n')[0]).toBe(
      `warning: OBSERVATORY_HOST=${host} makes the server reachable from the network, with only the token to protect it (plain HTTP)`,
    );
  },
);
