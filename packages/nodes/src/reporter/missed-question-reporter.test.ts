import { appendFile, type FileHandle, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidReportError,
  OutboxCorruptError,
  OutboxFullError,
  ReporterClosedError,
} from '../errors/errors.js';
import { LoopbackObservatory } from '../internal/testing/loopback-observatory.js';
import { createFileOutbox } from '../outbox/file-outbox.js';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import type { DeadLetter } from '../outbox/outbox-storage.js';
import { createMissedQuestionReporter } from './missed-question-reporter.js';
import type { MissedQuestionReport } from './report-types.js';

const server = new LoopbackObservatory();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nodes-outbox-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server.requests.length = 0;
  server.occurrences.clear();
  server.respond = undefined;
  await server.start();
});
afterEach(() => server.stop());

const report = (n: number, sessionId = 's1'): MissedQuestionReport => ({
  tenantId: 'faq-bot',
  question: `question ${n}`,
  sessionId,
  messageId: `m${n}`,
});
const fast = { initialMs: 20, maxMs: 40 };

describe('createMissedQuestionReporter', () => {
  it('delivers every report exactly once across an outage (stop, keep reporting, restart, flush)', async () => {
    // A long backoff keeps background retries out of the way, so the flush below does all the delivering.
    const reporter = createMissedQuestionReporter({
      client: server.sink(),
      outbox: createMemoryOutbox(),
      backoff: { initialMs: 60_000 },
      timeout: 500,
    });
    await reporter.report(report(1));
    await reporter.flush();
    await server.stop();
    for (let n = 2; n <= 11; n++) await reporter.report(report(n));
    await reporter.report(report(5)); // a retry of the same (sessionId, messageId) while down
    expect(await reporter.flush()).toMatchObject({ delivered: 0, pending: 10 }); // still down: nothing lost
    expect(await reporter.pending()).toBe(10);
    await server.start();
    const result = await reporter.flush();
    expect(result).toEqual({ delivered: 10, pending: 0, deadLettered: 0 });
    for (let n = 1; n <= 11; n++) expect(server.deliveriesOf('s1', `m${n}`)).toBe(1);
    expect(server.occurrences.size).toBe(11);
    await reporter.close();
  });

  it('retries in the background with backoff once the API is back', async () => {
    await server.stop();
    const delivered: string[] = [];
    const reporter = createMissedQuestionReporter({
      client: server.sink(),
      backoff: fast,
      onDelivered: (entry) => delivered.push(entry.key),
    });
    await reporter.report(report(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await server.start();
    await expect.poll(() => delivered.length, { timeout: 2_000 }).toBe(1);
    expect(server.deliveriesOf('s1', 'm1')).toBe(1);
    await reporter.close();
  });

  it('delivers a report that arrives while a delivery pass is finishing, with no flush', async () => {
    // The second report lands k microtasks after the first delivery resolves: some k hit the moment the pass
    // has seen an empty outbox but not yet ended.
    for (let k = 0; k < 10; k++) {
      const delivered: string[] = [];
      let reporter: ReturnType<typeof createMissedQuestionReporter> | undefined;
      const client = {
        missedQuestions: {
          report: async (input: MissedQuestionReport) => {
            delivered.push(input.messageId);
            if (input.messageId !== 'm1') return;
            let later = Promise.resolve();
            for (let i = 0; i < k; i++) later = later.then(() => undefined);
            void later.then(() => reporter?.report(report(2)));
          },
        },
      };
      reporter = createMissedQuestionReporter({ client, backoff: { initialMs: 60_000 } });
      await reporter.report(report(1));
      await expect.poll(() => delivered, { timeout: 1_000 }).toEqual(['m1', 'm2']);
      await reporter.close();
    }
  });

  it('waits out a slow API (timeout) and treats 429/5xx as transient', async () => {
    let calls = 0;
    server.respond = () => {
      calls++;
      if (calls === 1) return { status: 200, delayMs: 300 };
      if (calls === 2) return { status: 429 };
      if (calls === 3) return { status: 503 };
      return undefined;
    };
    const reporter = createMissedQuestionReporter({ client: server.sink(), backoff: fast, timeout: 50 });
    await reporter.report(report(1));
    await expect.poll(() => reporter.pending(), { timeout: 3_000 }).toBe(0);
    expect(server.occurrences.size).toBe(1);
    expect(calls).toBe(4);
    await reporter.close();
  });

  it('dead-letters permanent failures with a callback, never dropping them; 409 counts as delivered', async () => {
    server.respond = ({ body }) => {
      const messageId = (JSON.parse(body) as { messageId: string }).messageId;
      if (messageId === 'm1') return { status: 400, body: { title: 'question too long' } };
      if (messageId === 'm2') return { status: 409 };
      return undefined;
    };
    const errors: DeadLetter[] = [];
    const reporter = createMissedQuestionReporter({
      client: server.sink(),
      onError: (letter) => errors.push(letter),
    });
    for (const n of [1, 2, 3]) await reporter.report(report(n));
    const result = await reporter.flush();
    expect(result.pending).toBe(0);
    expect(errors.map((letter) => [letter.report.messageId, letter.status])).toEqual([['m1', 400]]);
    expect((await reporter.deadLetters()).map((letter) => letter.key)).toEqual(['["s1","m1"]']);
    expect(server.deliveriesOf('s1', 'm1')).toBe(1); // not retried forever
    await reporter.close();
  });

  it('refuses loudly when full: OutboxFullError, or onFull when given', async () => {
    await server.stop();
    const reporter = createMissedQuestionReporter({
      client: server.sink(),
      capacity: 2,
      backoff: { initialMs: 60_000 },
    });
    await reporter.report(report(1));
    await reporter.report(report(2));
    expect(await reporter.report(report(2))).toMatchObject({ status: 'duplicate' });
    await expect(reporter.report(report(3))).rejects.toBeInstanceOf(OutboxFullError);
    await reporter.close({ flush: false });

    const refused: MissedQuestionReport[] = [];
    const withCallback = createMissedQuestionReporter({
      client: server.sink(),
      capacity: 1,
      backoff: { initialMs: 60_000 },
      onFull: (r) => refused.push(r),
    });
    await withCallback.report(report(1));
    expect(await withCallback.report(report(2))).toMatchObject({ status: 'refused' });
    expect(refused).toEqual([report(2)]);
    await withCallback.close({ flush: false });
  });

  it('validates reports and refuses after close', async () => {
    const reporter = createMissedQuestionReporter({ client: server.sink() });
    await expect(reporter.report({ ...report(1), question: ' ' })).rejects.toBeInstanceOf(InvalidReportError);
    await expect(reporter.report({ ...report(1), question: 'x'.repeat(501) })).rejects.toBeInstanceOf(
      InvalidReportError,
    );
    await reporter.close();
    await expect(reporter.report(report(1))).rejects.toBeInstanceOf(ReporterClosedError);
  });
});

describe('createFileOutbox', () => {
  it('keeps pending reports across a process restart and delivers them once', async () => {
    const path = join(dir, 'restart', 'outbox.jsonl');
    await server.stop();
    const first = createMissedQuestionReporter({
      client: server.sink(),
      outbox: createFileOutbox({ path }),
      backoff: fast,
    });
    for (let n = 1; n <= 5; n++) await first.report(report(n));
    // Simulates a crash: no flush, no close of the first reporter's timers mattering (they are unref'd).
    expect(await first.close({ flush: false })).toMatchObject({ pending: 5 });

    const reopened = createFileOutbox({ path });
    expect((await reopened.pending()).map((entry) => entry.report.messageId)).toEqual([
      'm1',
      'm2',
      'm3',
      'm4',
      'm5',
    ]);
    await server.start();
    const delivered: string[] = [];
    const second = createMissedQuestionReporter({
      client: server.sink(),
      outbox: reopened,
      onDelivered: (entry) => delivered.push(entry.report.messageId),
    });
    // Nothing new is reported and nothing is flushed: delivery starts on open because the outbox holds reports.
    await expect.poll(() => delivered.length, { timeout: 5_000 }).toBe(5);
    expect(await second.close()).toEqual({ delivered: 0, pending: 0, deadLettered: 0 });
    for (let n = 1; n <= 5; n++) expect(server.deliveriesOf('s1', `m${n}`)).toBe(1);

    const third = createFileOutbox({ path });
    expect(await third.size()).toBe(0);
    await third.close?.();
  });

  it('compacts on flush and keeps dead letters durable', async () => {
    const path = join(dir, 'compact.jsonl');
    server.respond = ({ body }) =>
      (JSON.parse(body) as { messageId: string }).messageId === 'm2' ? { status: 422 } : undefined;
    const reporter = createMissedQuestionReporter({
      client: server.sink(),
      outbox: createFileOutbox({ path }),
    });
    const refused: string[] = [];
    reporter.on('error', (letter) => refused.push(letter.report.messageId));
    for (const n of [1, 2, 3]) await reporter.report(report(n));
    expect(await reporter.flush()).toMatchObject({ pending: 0, deadLettered: 1 });
    expect(await reporter.close()).toEqual({ delivered: 0, pending: 0, deadLettered: 1 });
    expect(refused).toEqual(['m2']);
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const again = createFileOutbox({ path });
    expect((await again.deadLetters()).map((letter) => [letter.report.messageId, letter.status])).toEqual([
      ['m2', 422],
    ]);
    await again.close?.();
  });

  it('recovers from an append that fails halfway: the error reaches the caller, the journal stays loadable', async () => {
    const path = join(dir, 'failed-append.jsonl');
    const outbox = createFileOutbox({ path });
    const entry = (n: number) => ({
      key: `["s","m${n}"]`,
      report: report(n, 's'),
      enqueuedAt: new Date().toISOString(),
    });
    await outbox.add(entry(1));
    // Fault injection at the file system: the next append writes half its line, then fails as a full disk would.
    const handle = await open(path, 'r');
    const prototype = Object.getPrototypeOf(handle) as { appendFile: FileHandle['appendFile'] };
    await handle.close();
    const appendFileOriginal = prototype.appendFile;
    const spy = vi.spyOn(prototype, 'appendFile').mockImplementationOnce(async function (
      this: FileHandle,
      data,
    ) {
      await appendFileOriginal.call(this, String(data).slice(0, 20));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      await expect(outbox.add(entry(2))).rejects.toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    await outbox.add(entry(3));
    await outbox.close?.();
    const reopened = createFileOutbox({ path });
    expect((await reopened.pending()).map((pending) => pending.report.messageId)).toEqual(['m1', 'm3']);
    await reopened.close?.();
  });

  it('drops only a torn last line and reports a corrupt record elsewhere', async () => {
    const torn = join(dir, 'torn.jsonl');
    const outbox = createFileOutbox({ path: torn });
    await outbox.add({ key: '["s","m1"]', report: report(1, 's'), enqueuedAt: new Date().toISOString() });
    await outbox.close?.();
    await appendFile(torn, '{"op":"add","entry":{"key"');
    const reopened = createFileOutbox({ path: torn });
    expect(await reopened.size()).toBe(1);
    await reopened.add({ key: '["s","m2"]', report: report(2, 's'), enqueuedAt: new Date().toISOString() });
    await reopened.close?.();
    expect(await createFileOutbox({ path: torn }).size()).toBe(2);

    const corrupt = join(dir, 'corrupt.jsonl');
    await writeFile(corrupt, 'not json\n{"op":"remove","key":"x"}\n');
    await expect(createFileOutbox({ path: corrupt }).size()).rejects.toBeInstanceOf(OutboxCorruptError);
  });
});
