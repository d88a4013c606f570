import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';

const token = 'details-token';
const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

// The details panel's stats bar: occurrences in the range, the total since the agent was created, and the
// distinct sessions *in the range* (docs/concepts.md, core's MissedQuestionDetails).
describe('local.client.missedQuestions.details against the local server', () => {
  const local = useLocalServer({ token, organizationId: 'org-1' });
  let id: string;

  beforeAll(async () => {
    const report = async (sessionId: string, messageId: string, occurredAt: string) => {
      const res = await fetch(`${local.url}/organizations/org-1/missed-questions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          missedQuestion: { tenantId: 'faq-bot', question: 'Do you ship to Cyprus?' },
          sessionId,
          messageId,
          occurredAt,
        }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    // 25 sessions asked it in October, each once.
    for (let i = 0; i < 25; i++)
      await report(`old-${i}`, 'm1', `2026-10-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`);
    // In November: 5 occurrences in 3 sessions.
    const inRange: Array<[string, string, string]> = [
      ['nov-a', 'm1', '2026-11-03T09:00:00.000Z'],
      ['nov-a', 'm4', '2026-11-03T09:05:00.000Z'],
      ['nov-b', 'm1', '2026-11-10T09:00:00.000Z'],
      ['nov-b', 'm2', '2026-11-10T09:01:00.000Z'],
      ['nov-c', 'm1', '2026-11-20T09:00:00.000Z'],
    ];
    for (const [sessionId, messageId, at] of inRange) id = (await report(sessionId, messageId, at)).id;
  });

  it('counts distinct sessions in the range, next to the occurrences in the range and the total', async () => {
    const details = await local.client.missedQuestions.details(id, range);
    expect({
      occurrencesInRange: details.occurrencesInRange,
      totalOccurrences: details.totalOccurrences,
      distinctSessions: details.distinctSessions,
    }).toEqual({ occurrencesInRange: 5, totalOccurrences: 30, distinctSessions: 3 });
    expect(details.occurrences.map((o) => `${o.sessionId}/${o.messageId}`)).toEqual([
      'nov-c/m1',
      'nov-b/m2',
      'nov-b/m1',
      'nov-a/m4',
      'nov-a/m1',
    ]);
  });

  it('counts every session when no range is given', async () => {
    const details = await local.client.missedQuestions.details(id);
    expect([details.occurrencesInRange, details.totalOccurrences, details.distinctSessions]).toEqual([
      30, 30, 28,
    ]);
  });
});
