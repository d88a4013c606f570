import { createServer } from 'node:net';
import { join } from 'node:path';
import { createObservatoryClient } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, expect, it } from 'vitest';
import { PROCESS_DEADLINE_MS, useProcesses } from './support/processes.js';

const processes = useProcesses();
const token = 'resume-token';
let server: RunningServer | undefined;
afterAll(() => server?.close());

/** A loopback port nobody listens on yet: the API the first runtime reports to is down. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(address)));
    });
  });
}

it('a runtime killed with 50 reports queued: the next one on the same file outbox delivers all 50, reporting nothing new', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const outbox = join(processes.tempDir('observatory-resume-'), 'outbox.jsonl');
  const env = { OBSERVATORY_URL: url, OBSERVATORY_TOKEN: token, OUTBOX: outbox };

  const first = processes.startTsx('test/support/reporter-process.ts', [], { env: { ...env, COUNT: '50' } });
  await first.waitFor(/^queued 50$/m);
  await first.kill();

  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port,
    auth: { tokens: [{ token, organizationId: 'local' }] },
  });
  const second = processes.startTsx('test/support/reporter-process.ts', [], { env: { ...env, COUNT: '0' } });
  await second.waitFor(/^queued 0$/m);

  const client = createObservatoryClient({ baseUrl: url, token, organizationId: 'local' });
  const total = async () => (await client.missedQuestions.list({ pageSize: 100 })).total;
  await expect.poll(total, { timeout: PROCESS_DEADLINE_MS, interval: 200 }).toBe(50);
  const page = await client.missedQuestions.list({ pageSize: 100 });
  expect(page.items.every((question) => question.occurrences === 1)).toBe(true);
  await second.kill();
});
