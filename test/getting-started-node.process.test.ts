import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createObservatoryClient } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useProcesses } from './support/processes.js';

// The getting-started page's node snippet (`run-a-node.ts` of "A runtime with the nodes"), run as a user runs
// it: its own process, against a real local Observatory. It must end with a non-zero exit and a word on stderr
// whenever its report did not arrive (test/getting-started.process.test.ts runs the page when it does).
const page = readFileSync(fileURLToPath(new URL('../docs/getting-started.md', import.meta.url)), 'utf8');
const snippet = /<!-- ci: file run-a-node\.ts -->\n```ts\n([\s\S]*?)```/.exec(page)?.[1] ?? '';

const processes = useProcesses();
const token = 'getting-started-token';
let server: RunningServer;
let script: string;
beforeAll(async () => {
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    auth: { tokens: [{ token, organizationId: 'local' }] },
  });
  // .mts: an ES module (top-level await) wherever it lies.
  script = join(processes.tempDir('observatory-getting-started-'), 'run-a-node.mts');
  writeFileSync(script, snippet);
});
afterAll(() => server.close());

const run = async (env: Record<string, string>) => {
  const child = processes.startTsx(script, [], { env });
  const exit = await child.exited();
  return { exit, stdout: child.stdout(), stderr: child.stderr() };
};

describe('docs/getting-started.md, the node snippet run-a-node.ts', () => {
  it('finds the snippet', () => {
    expect(snippet).toContain('missedQuestionNode');
  });

  it('delivers the report and exits 0 when the server accepts it', async () => {
    const result = await run({ OBSERVATORY_URL: server.url, OBSERVATORY_TOKEN: token });
    expect(result).toEqual({ exit: { code: 0, signal: null }, stdout: 'next 1\n', stderr: '' });
    const client = createObservatoryClient({ baseUrl: server.url, token, organizationId: 'local' });
    const stored = await client.missedQuestions.list({});
    expect(stored.items.map((question) => question.question)).toEqual(['Can I pay with crypto?']);
  });

  it('with a wrong token: a one-line warning from the reporter, the count, and exit 1', async () => {
    const result = await run({ OBSERVATORY_URL: server.url, OBSERVATORY_TOKEN: 'wrong-token' });
    expect(result.exit).toEqual({ code: 1, signal: null });
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^observatory reporter: report \["session-1","message-1"\] refused for good \(.*401.*\); kept in deadLetters\(\)\. Pass onError or listen to 'error' to handle refusals\.$/,
    );
    expect(lines[1]).toBe('1 missed-question report(s) refused for good');
  });

  it('with the server down: says the report is still pending, and exits 1', async () => {
    const down = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      auth: { tokens: [{ token, organizationId: 'local' }] },
    });
    await down.close();
    const result = await run({ OBSERVATORY_URL: down.url, OBSERVATORY_TOKEN: token });
    expect(result.exit).toEqual({ code: 1, signal: null });
    expect(result.stderr).toBe('1 missed-question report(s) not delivered: the API did not answer\n');
  });
});
