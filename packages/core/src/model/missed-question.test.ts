import { describe, expect, it } from 'vitest';
import { MissedQuestionTrend, TrendBucket } from './analytics.js';
import {
  MissedQuestion,
  MissedQuestionGroup,
  MissedQuestionOccurrence,
  MissedQuestionStatus,
} from './missed-question.js';

const question = { id: 'q1', agentId: 'faq-bot', question: 'Do you ship to Cyprus?' };

describe('MissedQuestion', () => {
  it('is UNRESOLVED until triaged, and knows exactly three statuses', () => {
    expect(MissedQuestion.parse(question)).toMatchObject({ status: 'UNRESOLVED', occurrences: 0 });
    expect(MissedQuestionStatus.options).toEqual(['UNRESOLVED', 'RESOLVED', 'IGNORED']);
    for (const status of ['RESOLVED', 'IGNORED'] as const) {
      expect(MissedQuestion.parse({ ...question, status }).status).toBe(status);
    }
    expect(MissedQuestion.safeParse({ ...question, status: 'DONE' }).success).toBe(false);
  });

  it('refuses an empty question and one over the platform limit of 500 characters', () => {
    expect(MissedQuestion.safeParse({ ...question, question: '' }).success).toBe(false);
    expect(MissedQuestion.safeParse({ ...question, question: 'x'.repeat(500) }).success).toBe(true);
    expect(MissedQuestion.safeParse({ ...question, question: 'x'.repeat(501) }).success).toBe(false);
  });
});

describe('MissedQuestionOccurrence', () => {
  it('ties an occurrence to exactly one (sessionId, messageId) pair', () => {
    const occurrence = {
      agentId: 'faq-bot',
      question: 'Do you ship to Cyprus?',
      sessionId: 's1',
      messageId: 'm3',
      occurredAt: '2026-11-25T10:00:00.000Z',
    };
    expect(MissedQuestionOccurrence.parse(occurrence)).toEqual(occurrence);
    for (const missing of ['sessionId', 'messageId', 'occurredAt'] as const) {
      const result = MissedQuestionOccurrence.safeParse({ ...occurrence, [missing]: undefined });
      expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual([
        missing,
      ]);
    }
  });
});

describe('MissedQuestionGroup and the trend', () => {
  it('hold non-negative whole counts and a percentage from 0 to 100', () => {
    const group = {
      key: 'faq-bot\u0000Hours?',
      agentId: 'faq-bot',
      question: 'Hours?',
      occurrencesInRange: 3,
      totalOccurrences: 12,
      distinctSessions: 2,
      firstSeen: '2026-11-20T08:00:00.000Z',
      lastSeen: '2026-11-25T10:00:00.000Z',
      status: 'UNRESOLVED',
    };
    expect(MissedQuestionGroup.parse(group)).toEqual(group);
    expect(MissedQuestionGroup.safeParse({ ...group, occurrencesInRange: -1 }).success).toBe(false);
    expect(MissedQuestionGroup.safeParse({ ...group, distinctSessions: 1.5 }).success).toBe(false);

    const bucket = {
      label: '2026-11-25',
      start: '2026-11-24T22:00:00.000Z',
      end: '2026-11-25T22:00:00.000Z',
      questions: 4,
      missed: 1,
      answered: 3,
      missedPercentage: 25,
    };
    expect(TrendBucket.parse(bucket)).toEqual(bucket);
    expect(TrendBucket.safeParse({ ...bucket, missedPercentage: 101 }).success).toBe(false);
    const trend = {
      timeZone: 'Europe/Athens',
      bucket: 'day',
      totalQuestions: 4,
      totalMissedQuestions: 1,
      missedPercentage: 25,
      buckets: [bucket],
    };
    expect(MissedQuestionTrend.parse(trend)).toEqual(trend);
    expect(MissedQuestionTrend.safeParse({ ...trend, bucket: 'hour' }).success).toBe(false);
  });
});
