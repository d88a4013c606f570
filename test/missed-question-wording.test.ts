import { createMissedQuestionReporter, type MissedQuestionReporter } from '@observatory/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';
import { runMissedNode } from './support/run-missed-node.js';

const token = 'wording-token';
const organizationId = 'acme';

// The Missed Question node and its reporter, end to end against the local server over a socket.
describe('Missed Question node + reporter: the question is the text the user wrote', () => {
  const local = useLocalServer({ token, organizationId });
  let reporter: MissedQuestionReporter;

  beforeAll(async () => {
    reporter = createMissedQuestionReporter({
      client: local.client,
      backoff: { initialMs: 60_000 },
    });
  });

  afterAll(async () => {
    await reporter?.close({ flush: false });
  });

  const stored = async (question: string) => (await local.client.missedQuestions.list({ question })).items;

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
