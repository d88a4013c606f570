import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinForSuite } from '../../../../test/support/postgres.js';
import { type StartOptions, useProcesses } from '../../../../test/support/processes.js';
import { startPostgres, type TestPostgres } from '../../../server/src/testing/postgres.js';

const processes = useProcesses();
const cli = 'packages/cli/src/bin.ts';
const serve = (args: readonly string[], options: StartOptions = {}) =>
  processes.startTsx(
    cli,
    ['serve', '--port', '0', '--token', 'serve-token', '--org', 'acme', ...args],
    options,
  );

interface Printed {
  readonly url: string;
  readonly organizationId: string;
  readonly token: string;
  readonly store: string;
}
const printed = async (server: ReturnType<typeof serve>): Promise<Printed> =>
  JSON.parse((await server.waitFor(/^\{.*\}$/m))[0]) as Printed;
const auth = { authorization: 'Bearer serve-token', 'content-type': 'application/json' };

it('`observatory serve` runs on the embedded store in ./observatory-data by default and stops on SIGTERM', async () => {
  const cwd = processes.tempDir('observatory-serve-');
  const server = serve(['--json'], { cwd, env: { OBSERVATORY_STORE: undefined } });
  const banner = await printed(server);
  expect(banner).toMatchObject({
    organizationId: 'acme',
    token: 'serve-token',
    store: 'pglite://./observatory-data',
  });
  expect(banner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(existsSync(join(cwd, 'observatory-data'))).toBe(true);
  const response = await fetch(`${banner.url}/organizations/acme/chat-sessions`, { headers: auth });
  expect(await response.json()).toMatchObject({ items: [], total: 0 });
  server.signal('SIGTERM');
  expect(await server.exited()).toEqual({ code: 0, signal: null });
});

describe('the web pages in the banner', () => {
  // A token with characters a URL must escape: the sign-in link still works.
  const token = 'pages+token/1=';

  it('names the pages and how to sign in, with a one-time link that signs in and drops the token', async () => {
    const server = processes.startTsx(cli, [
      'serve',
      '--port',
      '0',
      '--store',
      'memory://',
      '--token',
      token,
    ]);
    const [, url = ''] = (await server.waitFor(/^Observatory listening on (\S+) /m)) ?? [];
    await server.waitFor(/^Web pages: .*\n.*\n/m);
    const link = `${url}/?token=${encodeURIComponent(token)}`;
    expect(server.stdout()).toContain(
      `Web pages: ${url}/ (sign in with the token above, or open this link once)\n  ${link}\n`,
    );
    const signIn = await fetch(link, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/');
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^observatory_session=/);
    const page = await fetch(`${url}/sessions`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    server.signal('SIGTERM');
    expect(await server.exited()).toEqual({ code: 0, signal: null });
  });

  it('gives the pages URL and the sign-in link in --json, next to the token', async () => {
    const server = processes.startTsx(cli, [
      'serve',
      '--json',
      '--port',
      '0',
      '--store',
      'memory://',
      '--token',
      token,
    ]);
    const banner = JSON.parse((await server.waitFor(/^\{.*\}$/m))[0]) as Record<string, string>;
    expect(banner).toMatchObject({
      token,
      pagesUrl: `${banner.url}/`,
      signInUrl: `${banner.url}/?token=${encodeURIComponent(token)}`,
    });
    server.signal('SIGTERM');
    expect(await server.exited()).toEqual({ code: 0, signal: null });
  });
});

describe('a port another process holds', () => {
  let busy: Server | undefined;
  afterAll(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

  it('is one line on stderr that says so and that --port 0 picks a free one', async () => {
    busy = createServer();
    const port = await new Promise<number>((resolve) => {
      busy?.listen(0, '127.0.0.1', () => {
        const address = busy?.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    const server = processes.startTsx(cli, ['serve', '--store', 'memory://', '--port', String(port)]);
    expect(await server.exited()).toEqual({ code: 1, signal: null });
    expect(server.stderr()).toBe(
      `error: Port ${port} on 127.0.0.1 is already in use by another process; --port 0 picks a free one\n`,
    );
  });
});

describe('one PGlite folder, one process', () => {
  const report = (n: number) =>
    JSON.stringify({
      missedQuestion: { tenantId: 'faq-bot', question: `Question ${n}?` },
      sessionId: `s${n}`,
      messageId: `m${n}`,
    });
  const post = (url: string, n: number) =>
    fetch(`${url}/organizations/acme/missed-questions`, { method: 'POST', headers: auth, body: report(n) });
  const count = async (url: string) => {
    const response = await fetch(`${url}/organizations/acme/missed-questions?pageSize=100`, {
      headers: auth,
    });
    return ((await response.json()) as { total: number }).total;
  };

  it('a second serve or demo on a held folder exits with one line naming the folder and the holder; a killed holder’s lock is taken over, nothing acknowledged is lost', async () => {
    const dir = processes.tempDir('observatory-lock-');
    const store = `pglite://${join(dir, 'data')}`;
    const first = serve(['--json', '--store', store]);
    const { url } = await printed(first);
    expect((await post(url, 1)).status).toBe(201);

    const refused = `error: The data folder ${join(dir, 'data')} is in use by another process (pid ${first.pid}); stop it or choose another folder\n`;
    const second = serve(['--json', '--store', store]);
    expect(await second.exited()).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toBe(refused);
    const demo = processes.startTsx(cli, ['demo', '--sessions', '5', '--quiet', '--store', store], {
      cwd: dir,
    });
    expect(await demo.exited()).toEqual({ code: 1, signal: null });
    expect(demo.stderr()).toBe(refused);
    // The holder kept serving through both attempts.
    expect((await post(url, 2)).status).toBe(201);

    // Killed without a chance to remove its lock: the next process finds a lock whose holder is gone.
    await first.kill();
    expect(existsSync(join(dir, 'data', 'observatory.lock'))).toBe(true);
    const third = serve(['--json', '--store', store]);
    const restarted = await printed(third);
    expect(await count(restarted.url)).toBe(2);
    third.signal('SIGTERM');
    expect(await third.exited()).toEqual({ code: 0, signal: null });
    // A clean stop releases the folder.
    expect(existsSync(join(dir, 'data', 'observatory.lock'))).toBe(false);
  });
});

describe('a stale lock', () => {
  it('two processes starting on a folder whose holder is gone: exactly one takes it over', async () => {
    const dir = processes.tempDir('observatory-stale-lock-');
    // A pid that no longer runs: a process that has exited.
    const gone = processes.start(process.execPath, ['-e', '']);
    await gone.exited();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'observatory.lock'), `${gone.pid}\n`);

    const store = `pglite://${join(dir, 'data')}`;
    const racers = [serve(['--json', '--store', store]), serve(['--json', '--store', store])];
    const outcomes = await Promise.all(
      racers.map((racer) =>
        racer.waitFor(/^\{.*\}$/m).then(
          () => 'serving' as const,
          () => 'refused' as const,
        ),
      ),
    );
    expect([...outcomes].sort()).toEqual(['refused', 'serving']);
    const winner = racers[outcomes.indexOf('serving')];
    const loser = racers[outcomes.indexOf('refused')];
    expect(await loser?.exited()).toEqual({ code: 1, signal: null });
    expect(loser?.stderr()).toBe(
      `error: The data folder ${join(dir, 'data')} is in use by another process (pid ${winner?.pid}); stop it or choose another folder\n`,
    );
    winner?.signal('SIGTERM');
    expect(await winner?.exited()).toEqual({ code: 0, signal: null });
  });
});

const postgresBin = postgresBinForSuite('serve on PostgreSQL');

describe.skipIf(postgresBin === undefined)('serve on PostgreSQL', () => {
  let postgres: TestPostgres | undefined;
  afterAll(() => postgres?.stop());

  it('never prints the database passwords (store and read store), in the banner or in --json', async () => {
    postgres = await startPostgres(postgresBin);
    // The test server trusts local connections, so any password works: the point is that it is never echoed.
    const store = postgres.url.replace('postgres://observatory@', 'postgres://observatory:pa55-s3cret@');
    // Any PostgreSQL URL opens as a read store; the same server stands in for a replica here.
    const readStore = postgres.url.replace('postgres://observatory@', 'postgres://observatory:r3ad-s3cret@');
    for (const json of [true, false]) {
      const args = ['--store', store, '--read-store', readStore];
      const server = serve(json ? ['--json', ...args] : args);
      await server.waitFor(json ? /^\{.*\}$/m : /OBSERVATORY_TOKEN=\S+\n/);
      server.signal('SIGTERM');
      expect(await server.exited()).toEqual({ code: 0, signal: null });
      expect(server.stdout()).toContain(store.replace('pa55-s3cret', '***'));
      expect(server.stdout()).toContain(readStore.replace('r3ad-s3cret', '***'));
      expect(`${server.stdout()}${server.stderr()}`).not.toMatch(/pa55-s3cret|r3ad-s3cret/);
    }
  });
});
