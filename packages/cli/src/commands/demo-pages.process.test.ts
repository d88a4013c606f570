import { expect, it } from 'vitest';
import { useProcesses } from '../../../../test/support/processes.js';

const processes = useProcesses();

it('`observatory demo --serve` ends by printing the pages link, which signs in and shows the API numbers, until Ctrl-C', async () => {
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

  demo.signal('SIGINT');
  expect(await demo.exited()).toEqual({ code: 0, signal: null });
});
