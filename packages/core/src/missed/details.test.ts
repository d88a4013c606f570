import { describe, expect, it } from 'vitest';
import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import { missedQuestionDetails } from './details.js';

const occurrence = (
  question: string,
  sessionId: string,
  messageId: string,
  occurredAt: string,
): MissedQuestionOccurrence => ({ agentId: 'faq-bot', question, sessionId, messageId, occurredAt });

const november = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

describe('missedQuestionDetails', () => {
  it('gives the three figures of the stats bar and the occurrences in range, newest first', () => {
    const details = missedQuestionDetails(
      [
        occurrence('do you ship to cyprus', 's1', 'm4', '2026-11-20T09:00:00.000Z'),
        occurrence('Do you ship to Cyprus?', 's0', 'm1', '2026-10-02T10:00:00.000Z'), // out of range, earliest
        occurrence('Do you ship to Cyprus?', 's2', 'm1', '2026-11-25T10:00:00.000Z'),
        occurrence('Do you ship to Cyprus?', 's1', 'm2', '2026-11-03T08:00:00.000Z'),
        occurrence('Do you ship to Cyprus?', 's2', 'm1', '2026-11-25T10:00:09.000Z'), // same pair again
      ],
      { range: november },
    );
    expect(details).toEqual({
      question: 'Do you ship to Cyprus?',
      occurrencesInRange: 3,
      totalOccurrences: 4,
      distinctSessions: 2,
      occurrences: [
        { sessionId: 's2', messageId: 'm1', occurredAt: '2026-11-25T10:00:00.000Z' },
        { sessionId: 's1', messageId: 'm4', occurredAt: '2026-11-20T09:00:00.000Z' },
        { sessionId: 's1', messageId: 'm2', occurredAt: '2026-11-03T08:00:00.000Z' },
      ],
    });
  });

  it('lists occurrences at the same instant by session and message id, and everything without a range', () => {
    const at = '2026-11-25T10:00:00.000Z';
    const details = missedQuestionDetails([
      occurrence('Hours?', 's2', 'm1', at),
      occurrence('Hours?', 's1', 'm2', at),
      occurrence('Hours?', 's1', 'm1', at),
    ]);
    expect(details.occurrences.map((o) => `${o.sessionId}/${o.messageId}`)).toEqual([
      's1/m1',
      's1/m2',
      's2/m1',
    ]);
    expect(details.occurrencesInRange).toBe(details.totalOccurrences);
  });

  it('reports an empty group as zeros', () => {
    expect(missedQuestionDetails([], { range: november })).toEqual({
      question: '',
      occurrencesInRange: 0,
      totalOccurrences: 0,
      distinctSessions: 0,
      occurrences: [],
    });
  });
});
