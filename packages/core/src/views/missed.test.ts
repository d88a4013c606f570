import { describe, expect, it } from 'vitest';
import { ObservatoryInputError } from '../errors/errors.js';
import { missedQuestionDetails } from '../missed/details.js';
import { groupMissedQuestions } from '../missed/group.js';
import { MissedQuestion } from '../model/missed-question.js';
import { missedDetailsView, missedListRow } from './missed.js';
import { sampleSession } from './sample-session.fixture.js';

const november = { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' };
const occurrence = (sessionId: string, messageId: string, occurredAt: string) => ({
  agentId: 'faq-bot',
  question: 'Do you ship to Cyprus?',
  sessionId,
  messageId,
  occurredAt,
});
const occurrences = [
  occurrence('s-old', 'm1', '2026-10-02T10:00:00.000Z'),
  occurrence('s-7', 'm2', '2026-11-20T08:00:00.000Z'),
  occurrence('s-42', 'm1', '2026-11-25T10:00:00.000Z'),
];

describe('missedListRow', () => {
  it('shows a group with its counts and first/last occurrence in the viewer zone', () => {
    const [group] = groupMissedQuestions(occurrences, { range: november });
    expect(group).toBeDefined();
    const row = missedListRow(group as NonNullable<typeof group>, { timeZone: 'Europe/Athens' });
    expect(row).toMatchObject({
      agentId: 'faq-bot',
      question: 'Do you ship to Cyprus?',
      status: 'UNRESOLVED',
      occurrences: 2,
      totalOccurrences: 3,
      distinctSessions: 2,
      firstOccurredLocal: '2026-11-20 10:00:00',
      lastOccurredLocal: '2026-11-25 12:00:00',
    });
    expect(row.id).toBe(group?.key);
  });

  it('shows a stored question from the API list with its in-range count', () => {
    const question = MissedQuestion.parse({
      id: 'q1',
      agentId: 'faq-bot',
      question: 'Do you ship to Cyprus?',
      status: 'RESOLVED',
      occurrences: 12,
      filteredOccurrences: 3,
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-28T10:00:00.000Z',
      lastOccurredAt: '2026-11-25T10:00:00.000Z',
    });
    // Last asked is the latest occurrence, not the last change (a triage on the 28th).
    expect(missedListRow(question, { timeZone: 'Europe/Athens' })).toEqual({
      id: 'q1',
      agentId: 'faq-bot',
      question: 'Do you ship to Cyprus?',
      status: 'RESOLVED',
      occurrences: 3,
      totalOccurrences: 12,
      firstOccurredLocal: '2026-11-01 11:00:00',
      lastOccurredLocal: '2026-11-25 12:00:00',
    });
    const { lastOccurredAt: _asked, ...notAskedInRange } = question;
    expect(missedListRow(notAskedInRange, { timeZone: 'UTC' }).lastOccurredLocal).toBe('');
  });
});

describe('missedDetailsView', () => {
  const details = missedQuestionDetails(occurrences, { range: november });

  it('gives the three stats and one row per session newest first, in local time', () => {
    const view = missedDetailsView(details, { timeZone: 'Europe/Athens' });
    expect(view.question).toBe('Do you ship to Cyprus?');
    expect(view.stats).toEqual({ occurrencesInRange: 2, totalSinceCreated: 3, distinctSessions: 2 });
    expect(view.sessions).toEqual([
      {
        sessionId: 's-42',
        occurrences: 1,
        messageIds: ['m1'],
        lastOccurredAt: '2026-11-25T10:00:00.000Z',
        lastOccurredAtLocal: '2026-11-25 12:00:00',
      },
      {
        sessionId: 's-7',
        occurrences: 1,
        messageIds: ['m2'],
        lastOccurredAt: '2026-11-20T08:00:00.000Z',
        lastOccurredAtLocal: '2026-11-20 10:00:00',
      },
    ]);
    expect(view.moreSessions).toBe(0);
    expect(view.defaultSessionId).toBe('s-42');
    expect(view.transcript).toBeUndefined();
  });

  it('counts a session asked in many times once, and lists the latest sessionLimit of them', () => {
    // 15 sessions, the question asked three times in the latest: 17 occurrences, 15 rows.
    const many = Array.from({ length: 15 }, (_, day) =>
      occurrence(`s-${day + 1}`, 'm1', `2026-11-${String(day + 1).padStart(2, '0')}T10:00:00.000Z`),
    );
    many.push(
      occurrence('s-15', 'm5', '2026-11-15T10:05:00.000Z'),
      occurrence('s-15', 'm9', '2026-11-15T10:09:00.000Z'),
    );
    const manyDetails = missedQuestionDetails(many, { range: november });
    const view = missedDetailsView(manyDetails, { timeZone: 'UTC' });
    expect(view.stats).toEqual({ occurrencesInRange: 17, totalSinceCreated: 17, distinctSessions: 15 });
    expect(view.sessions.map((row) => row.sessionId)).toEqual([
      's-15',
      's-14',
      's-13',
      's-12',
      's-11',
      's-10',
      's-9',
      's-8',
      's-7',
      's-6',
    ]);
    expect(view.sessions[0]).toMatchObject({ occurrences: 3, messageIds: ['m9', 'm5', 'm1'] });
    expect(view.moreSessions).toBe(5);
    const all = missedDetailsView(manyDetails, { timeZone: 'UTC', sessionLimit: 'all' });
    expect(all.sessions).toHaveLength(15);
    expect(all.moreSessions).toBe(0);
    expect(missedDetailsView(manyDetails, { timeZone: 'UTC', sessionLimit: 2 }).moreSessions).toBe(13);
    expect(() => missedDetailsView(manyDetails, { timeZone: 'UTC', sessionLimit: 0 })).toThrow(
      ObservatoryInputError,
    );
  });

  it('highlights the missed message in the chosen session transcript', () => {
    const view = missedDetailsView(details, { timeZone: 'Europe/Athens', session: sampleSession });
    expect(view.transcript?.sessionId).toBe('s-42');
    expect(view.transcript?.lines.filter((line) => line.highlighted).map((line) => line.messageId)).toEqual([
      'm1',
    ]);
  });

  it('accepts the client details, whose question is the stored question', () => {
    const view = missedDetailsView(
      { ...details, question: { question: 'Do you ship to Cyprus?' } },
      { timeZone: 'UTC' },
    );
    expect(view.question).toBe('Do you ship to Cyprus?');
  });
});
