import {
  createMissedQuestionReporter,
  type DeadLetter,
  type MissedQuestionReporter,
} from '@observatory/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';
import { runMissedNode } from './support/run-missed-node.js';

const token = 'wording-token';
const organizationId = 'acme';

// The Missed Question node and its reporter, end to end against the local server over a socket: the same
// report again is delivered once (200), the same message with another question is refused (409) and not lost
// without a word.
describe('Missed Question node + reporter: a repeated report of one user message', () => {
  const local = useLocalServer({ token, organizationId });
  let reporter: MissedQuestionReporter;
  const errors: Array<{ letter: DeadLetter; error: unknown }> = [];

  beforeAll(async () => {
    reporter = createMissedQuestionReporter({
      client: local.client,
      backoff: { initialMs: 60_000 },
      onError: (letter, error) => errors.push({ letter, error }),
    });
  });

  afterAll(async () => {
    await reporter?.close({ flush: false });
  });

  const stored = async (question: string) => (await local.client.missedQuestions.list({ question })).items;

  it('a true retry of the same text is delivered once and counted once', async () => {
    // Two runtimes (or one restarted) report the same user message with the same text.
    // (Delivery starts in the background as soon as a report is queued; flush waits for it.)
    expect(await runMissedNode(reporter, 'hours-1', 'm1', 'Opening hours?')).toBe('next');
    expect(await reporter.flush()).toMatchObject({ pending: 0 });
    expect(await runMissedNode(reporter, 'hours-1', 'm1', 'Opening hours?')).toBe('next');
    expect(await reporter.flush()).toMatchObject({ pending: 0 });
    const [question] = await stored('Opening hours?');
    expect(question?.occurrences).toBe(1);
    expect(await reporter.deadLetters()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a repeat of a reported message with other text is refused loudly, naming the stored question', async () => {
    expect(await runMissedNode(reporter, 'hours-1', 'm1', 'Opening hours on Sunday?')).toBe('next');
    // Not delivered in silence: the report is a dead letter and onError hears the 409.
    expect(await reporter.flush()).toMatchObject({ pending: 0 });
    expect(await reporter.deadLetters()).toHaveLength(1);
    expect(errors).toHaveLength(1);
    const [{ letter, error }] = errors as [{ letter: DeadLetter; error: unknown }];
    expect(letter).toMatchObject({ status: 409, report: { question: 'Opening hours on Sunday?' } });
    expect(letter.reason).toContain('"Opening hours?"');
    expect(error).toMatchObject({
      status: 409,
      problem: { field: 'missedQuestion.question', stored: 'Opening hours?' },
    });
    expect(await stored('Sunday')).toEqual([]);
    expect((await stored('Opening hours?'))[0]?.occurrences).toBe(1);
  });

  it('over HTTP and through the client: 409 problem+json naming the stored question; the same report is 200', async () => {
    const report = { tenantId: 'faq-bot', question: 'Gift cards?', sessionId: 'gift-1', messageId: 'm1' };
    const first = await local.client.missedQuestions.report(report);
    expect(await local.client.missedQuestions.report(report)).toMatchObject({ id: first.id, occurrences: 1 });
    const res = await fetch(`${local.url}/organizations/${organizationId}/missed-questions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        missedQuestion: { tenantId: 'faq-bot', question: 'Gift cards for Christmas?' },
        sessionId: 'gift-1',
        messageId: 'm1',
      }),
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 409,
      field: 'missedQuestion.question',
      stored: 'Gift cards?',
      detail:
        'Conflicting missedQuestion.question: expected the question this message was first reported with ("Gift cards?")',
    });
    const refused = local.client.missedQuestions.report({ ...report, question: 'Gift cards for Christmas?' });
    await expect(refused).rejects.toMatchObject({ name: 'ObservatoryApiError', status: 409 });
    await expect(refused).rejects.toThrow(/first reported with \("Gift cards\?"\)/);
    expect(await stored('Christmas')).toEqual([]);
  });
});
