import { join } from 'node:path';
import { createObservatoryClient } from '@observatory/client';
import {
  createMissedQuestionReporter,
  type MissedQuestionReport,
  type MissedQuestionReportSink,
  NodeConfigError,
} from '@observatory/nodes';
import { describe, expect, it } from 'vitest';
import { useServers } from './reliability/spawn-server.js';
import { PROCESS_DEADLINE_MS } from './support/processes.js';

// The reporter's `concurrency` against a real server process: reports of different sessions in flight side by
// side, those of one session one at a time and in the order queued, each delivered exactly once.

const TOKEN = 'concurrency-token';
const SESSIONS = 12;
const PER_SESSION = 8;
const servers = useServers();

/** Report n of session s: one wording per session, so a question's occurrences are one session's reports. */
const report = (s: number, n: number): MissedQuestionReport => ({
  tenantId: 'faq-bot',
  question: `Question of session ${s}?`,
  sessionId: `session-${s}`,
  messageId: `m${n}`,
});

/** The real client, with each call's start and end noted (what was in flight, in which order). */
function watched(sink: MissedQuestionReportSink) {
  let inFlight = 0;
  let maxInFlight = 0;
  const started: string[] = [];
  const sessionBusy = new Set<string>();
  const overlaps: string[] = [];
  const client: MissedQuestionReportSink = {
    missedQuestions: {
      async report(input, options) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (sessionBusy.has(input.sessionId)) overlaps.push(`${input.sessionId}/${input.messageId}`);
        sessionBusy.add(input.sessionId);
        started.push(`${input.sessionId}/${input.messageId}`);
        try {
          return await sink.missedQuestions.report(input, options);
        } finally {
          sessionBusy.delete(input.sessionId);
          inFlight--;
        }
      },
    },
  };
  return { client, started, overlaps, maxInFlight: () => maxInFlight };
}

describe('reporter concurrency against a real server process', () => {
  it.each([
    [1, 'one at a time (the default)'],
    [8, 'up to 8 at once'],
  ])(
    'concurrency %i: %s, each session in order, every report stored once',
    async (concurrency) => {
      const server = await servers.start({
        store: `pglite://${join(servers.tempDir('observatory-concurrency-'), 'data')}`,
        token: TOKEN,
      });
      const api = createObservatoryClient({
        baseUrl: server.url,
        token: TOKEN,
        organizationId: 'local',
        retry: 0,
      });
      const watch = watched(api);
      const reporter = createMissedQuestionReporter({
        client: watch.client,
        backoff: { initialMs: 60_000 },
        ...(concurrency === 1 ? {} : { concurrency }),
      });
      // Sessions interleaved, as a busy runtime queues them; one report repeated while queued.
      const queued: MissedQuestionReport[] = [];
      for (let n = 0; n < PER_SESSION; n++) for (let s = 0; s < SESSIONS; s++) queued.push(report(s, n));
      for (const item of queued) await reporter.report(item);
      await reporter.report(report(3, 2));
      expect(await reporter.close()).toEqual(expect.objectContaining({ pending: 0, deadLettered: 0 }));
      const stored = await api.missedQuestions.list({ pageSize: 100 });
      expect(stored.total).toBe(SESSIONS);
      for (const question of stored.items) {
        expect(question).toMatchObject({ occurrences: PER_SESSION, distinctSessions: 1 });
      }
      await server.kill();

      if (concurrency === 1) expect(watch.maxInFlight()).toBe(1);
      else expect(watch.maxInFlight()).toBeGreaterThan(1);
      expect(watch.maxInFlight()).toBeLessThanOrEqual(concurrency);
      expect(watch.overlaps).toEqual([]);
      expect(watch.started).toHaveLength(SESSIONS * PER_SESSION);
      for (let s = 0; s < SESSIONS; s++) {
        const order = watch.started.filter((key) => key.startsWith(`session-${s}/`));
        expect(order).toEqual(Array.from({ length: PER_SESSION }, (_, n) => `session-${s}/m${n}`));
      }
    },
    PROCESS_DEADLINE_MS,
  );

  it('refuses a concurrency that is not a whole number of at least 1, naming the option', () => {
    const client = { missedQuestions: { report: async () => undefined } };
    for (const concurrency of [0, 1.5, -2]) {
      expect(() => createMissedQuestionReporter({ client, concurrency })).toThrow(NodeConfigError);
    }
    expect(() => createMissedQuestionReporter({ client, concurrency: 0 })).toThrow(
      'Invalid concurrency: expected a whole number of at least 1, received 0',
    );
  });
});
