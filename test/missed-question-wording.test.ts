import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import {
  createMissedQuestionReporter,
  createNodeContext,
  type MissedQuestionReporter,
  missedQuestionNode,
} from '@observatory/nodes';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const token = 'wording-token';
const organizationId = 'acme';

/** One workflow run on one user message: a fresh context, as a runtime starts one per session. */
async function runMissedNode(reporter: MissedQuestionReporter, sessionId: string, id: string, text: string) {
  const ctx = createNodeContext({ session: { id: sessionId, tenantId: 'faq-bot' } });
  ctx.beginTurn({ id, text });
  const port = await missedQuestionNode({ reporter }).execute(ctx);
  ctx.endTurn();
  return port;
}

// The Missed Question node and its reporter, end to end against the local server over a socket.
describe('Missed Question node + reporter: the question is the text the user wrote', () => {
  let running: RunningServer;
  let client: ObservatoryClient;
  let reporter: MissedQuestionReporter;

  beforeAll(async () => {
    running = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      hostname: '127.0.0.1',
      auth: { tokens: [{ token, organizationId }] },
    });
    client = createObservatoryClient({ baseUrl: running.url, token, organizationId, retry: 0 });
    reporter = createMissedQuestionReporter({
      client,
      backoff: { initialMs: 60_000 },
    });
  });

  afterAll(async () => {
    await reporter?.close({ flush: false });
    await running?.close();
  });

  const stored = async (question: string) => (await client.missedQuestions.list({ question })).items;

  it('reports the text as written: a trailing space makes another row (grouping is by exact wording)', async () => {
    expect(await runMissedNode(reporter, 'pay-1', 'm1', 'Can I pay with crypto? ')).toBe('next');
    expect(await runMissedNode(reporter, 'pay-2', 'm1', 'Can I pay with crypto?')).toBe('next');
    expect(await runMissedNode(reporter, 'pay-3', 'm1', '\tcan i pay with crypto')).toBe('next');
    expect(await reporter.flush()).toMatchObject({ pending: 0 });
    expect(await reporter.deadLetters()).toEqual([]);
    const rows = (await stored('pay with crypto')).map((q) => [q.question, q.occurrences]);
    expect(rows.sort()).toEqual(
      [
        ['Can I pay with crypto? ', 1],
        ['Can I pay with crypto?', 1],
        ['\tcan i pay with crypto', 1],
      ].sort(),
    );
  });

  it('cuts a question longer than 500 characters at 500, and changes nothing else', async () => {
    const text = `  ${'Why? '.repeat(200)}`;
    expect(await runMissedNode(reporter, 'long-1', 'm1', text)).toBe('next');
    expect(await reporter.flush()).toMatchObject({ pending: 0 });
    const [question] = await stored('Why? Why?');
    expect(question?.question).toBe(text.slice(0, 500));
  });
});
