import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObservatoryClient } from '@observatory/client';
import {
  createFileOutbox,
  createMissedQuestionReporter,
  type MissedQuestionReport,
} from '@observatory/nodes';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, describe, expect, it, vi } from 'vitest';

const token = 'outbox-token';
const organizationId = 'acme';
const auth = { tokens: [{ token, organizationId }] };
const questions = ['Do you ship to Crete?', 'Can I pay with PayPal?', 'Is parking free?'];

/** A free loopback port: the server must come back on the same address the client knows. */
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

/** Report n: three wordings spread over four sessions, one message each. */
const report = (n: number): MissedQuestionReport => ({
  tenantId: 'faq-bot',
  question: questions[n % questions.length] ?? '',
  sessionId: `session-${n % 4}`,
  messageId: `m${n}`,
});

describe('reporter with a file outbox against the real local server', () => {
  let dir: string | undefined;
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stop the server, keep reporting, restart, flush: every report arrives exactly once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'observatory-outbox-'));
    // pglite:// on disk, so what the first server acknowledged is still there after the restart.
    const storeUrl = `pglite://${join(dir, 'store')}`;
    const outboxPath = join(dir, 'outbox.jsonl');
    const port = await freePort();
    const start = () => startObservatoryServer({ storeUrl, port, hostname: '127.0.0.1', auth });
    const client = createObservatoryClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token,
      organizationId,
      retry: 0,
      timeout: 2_000,
    });
    // A long backoff keeps background retries out of the way: the flushes below do the delivering.
    const openReporter = () =>
      createMissedQuestionReporter({
        client,
        outbox: createFileOutbox({ path: outboxPath }),
        backoff: { initialMs: 60_000 },
        timeout: 2_000,
      });

    server = await start();
    let reporter = openReporter();
    for (let n = 1; n <= 4; n++) await reporter.report(report(n));
    // Reports go out in the background at once while the API is up; flush waits for the outbox to empty.
    expect(await reporter.flush()).toMatchObject({ pending: 0, deadLettered: 0 });

    await server.close();
    server = undefined;
    for (let n = 5; n <= 12; n++) await reporter.report(report(n));
    await reporter.report(report(7)); // the runtime retries a report that is still queued
    await reporter.report(report(2)); // and one that was already delivered before the outage
    expect(await reporter.flush()).toMatchObject({ delivered: 0, pending: 9 });
    // The runtime restarts as well: the queued reports are read back from the file.
    await reporter.close({ flush: false });
    reporter = openReporter();
    expect(await reporter.pending()).toBe(9);

    server = await start();
    expect(await reporter.flush()).toMatchObject({ pending: 0, deadLettered: 0 });
    await reporter.close();

    const expected = Array.from({ length: 12 }, (_, i) => report(i + 1));
    const stored = new Map<string, string[]>();
    for await (const question of client.missedQuestions.iterate({ agents: ['faq-bot'] })) {
      const occurrences = await client.missedQuestions.occurrences(question.id);
      stored.set(
        question.question,
        occurrences.map((o) => `${o.sessionId}/${o.messageId}`),
      );
      const distinct = expected.filter((r) => r.question === question.question).length;
      expect(question.occurrences).toBe(distinct);
    }
    expect([...stored.keys()].sort()).toEqual([...questions].sort());
    for (const wording of questions) {
      const pairs = expected
        .filter((r) => r.question === wording)
        .map((r) => `${r.sessionId}/${r.messageId}`);
      expect(stored.get(wording)?.sort()).toEqual(pairs.sort());
    }
  });
});

describe('a report the real server refuses for good (a wrong token) is never silent', () => {
  let refusing: RunningServer | undefined;
  afterAll(() => refusing?.close());

  it('close() counts it, the error event and onError receive it, and without either a warning is printed', async () => {
    refusing = await startObservatoryServer({ storeUrl: 'memory://', port: 0, auth });
    const client = createObservatoryClient({ baseUrl: refusing.url, token: 'wrong-token', organizationId });
    const warnings: unknown[] = [];
    const warn = vi
      .spyOn(console, 'warn')
      .mockImplementation((...args) => void warnings.push(args.join(' ')));
    try {
      // No onError, no listener: a one-line warning per refusal.
      const silent = createMissedQuestionReporter({ client });
      await silent.report(report(1));
      expect(await silent.close()).toEqual({ delivered: 0, pending: 0, deadLettered: 1 });
      expect((await silent.deadLetters()).map((letter) => letter.status)).toEqual([401]);
      expect(warnings).toHaveLength(1);
      expect(String(warnings[0])).toMatch(
        /^observatory reporter: report \["session-1","m1"\] refused for good/,
      );

      // With an 'error' listener or onError: they receive it, nothing is printed.
      const heard: string[] = [];
      const listened = createMissedQuestionReporter({ client });
      listened.on('error', (letter) => heard.push(`event ${letter.key}`));
      const handled = createMissedQuestionReporter({
        client,
        onError: (letter) => heard.push(`onError ${letter.key}`),
      });
      await listened.report(report(2));
      await handled.report(report(3));
      expect(await listened.close()).toMatchObject({ pending: 0, deadLettered: 1 });
      expect(await handled.close()).toMatchObject({ pending: 0, deadLettered: 1 });
      expect(heard.sort()).toEqual(['event ["session-2","m2"]', 'onError ["session-3","m3"]']);
      expect(warnings).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
