import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { useProcesses } from '../../../../test/support/processes.js';
import { runCli } from '../program.js';

const processes = useProcesses();

it('`observatory demo --serve` says where its data is served, prints the pages link, which signs in and shows the API numbers, and CLI commands that work as printed, until Ctrl-C', async () => {
  const cwd = processes.tempDir('observatory-demo-pages-');
  const demo = processes.startTsx(
    'packages/cli/src/bin.ts',
    ['demo', '--sessions', '12', '--days', '5', '--tz', 'UTC', '--quiet', '--serve'],
    { cwd },
  );
  const [, link] = await demo.waitFor(/^Web pages on the demo's data: (\S+)$/m);
  const url = new URL(link as string);
  const token = url.searchParams.get('token') as string;

  const signIn = await fetch(url, { redirect: 'manual' });
  expect(signIn.status).toBe(303);
  expect(signIn.headers.get('location')).toBe('/sessions');
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const page = await fetch(`${url.origin}/sessions?preset=last7Days`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const shown = /id="result-count">(\d+) sessions</.exec(await page.text())?.[1];

  const now = Date.now();
  const from = new Date(now - 6 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(now + 86_400_000).toISOString().slice(0, 10);
  const api = await fetch(
    `${url.origin}/organizations/demo/chat-sessions?startDate=${from}T00:00:00Z&endDate=${to}T00:00:00Z&pageSize=1`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const { total } = (await api.json()) as { total: number };
  expect(total).toBeGreaterThan(0);
  expect(Number(shown)).toBe(total);

  // What it says above the link: the data is served there, and the CLI commands, pointed at it, work as printed.
  const closing = demo.stdout().split('\n\n').at(-2) ?? '';
  expect(closing).toMatch(
    new RegExp(`^The demo's data is served at ${url.origin.replace(/\./g, '\\.')} until you press Ctrl-C`),
  );
  expect(demo.stdout()).not.toMatch(/gone|^ {2}observatory /m);
  const env = Object.fromEntries(
    [...closing.matchAll(/^ {2}export (OBSERVATORY_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
  );
  expect(env).toEqual({ OBSERVATORY_URL: url.origin, OBSERVATORY_ORG: 'demo', OBSERVATORY_TOKEN: token });
  const commands = [...closing.matchAll(/^ {2}npx observatory (.+)$/gm)].map((m) =>
    (m[1] as string).split(' '),
  );
  expect(commands.map((args) => args.slice(0, 2).join(' '))).toEqual([
    'sessions list',
    'missed list',
    'missed show',
  ]);
  for (const args of commands) {
    const output = { stdout: new PassThrough(), stderr: new PassThrough() };
    const printed: string[] = [];
    output.stdout.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
    const io = { ...output, stderr: output.stderr as unknown as NodeJS.WriteStream, env, cwd };
    expect(await runCli(args, io), args.join(' ')).toBe(0);
    expect(printed.join(''), args.join(' ')).not.toBe('');
  }

  demo.signal('SIGINT');
  expect(await demo.exited()).toEqual({ code: 0, signal: null });
});
