import { describe, expect, it } from 'vitest';
import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import { missedQuestionTrend, type QuestionRef } from './trend.js';

const HOUR = 3_600_000;
const question = (sessionId: string, messageId: string, createdAt: string): QuestionRef => ({
  sessionId,
  messageId,
  createdAt,
});
const miss = (sessionId: string, messageId: string, occurredAt: string): MissedQuestionOccurrence => ({
  agentId: 'faq-bot',
  question: 'Do you ship to Cyprus?',
  sessionId,
  messageId,
  occurredAt,
});

// Europe/Athens leaves summer time on Sunday 2026-10-25 at 04:00 local (UTC+3 → UTC+2), so that local day
// lasts 25 hours. The local week Monday 19th – Sunday 25th is [2026-10-18T21:00Z, 2026-10-25T22:00Z).
const dstWeek = { from: '2026-10-18T21:00:00.000Z', to: '2026-10-25T22:00:00.000Z' };

describe('missedQuestionTrend', () => {
  it('covers a DST week in Europe/Athens with seven local days, one of them 25 hours, all zero-filled', () => {
    const trend = missedQuestionTrend({
      questions: [],
      occurrences: [],
      range: dstWeek,
      timeZone: 'Europe/Athens',
    });
    expect(trend.buckets.map((b) => b.label)).toEqual([
      '2026-10-19',
      '2026-10-20',
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
    ]);
    const hours = trend.buckets.map((b) => (Date.parse(b.end) - Date.parse(b.start)) / HOUR);
    expect(hours).toEqual([24, 24, 24, 24, 24, 24, 25]);
    expect(trend.buckets[6]).toEqual({
      label: '2026-10-25',
      start: '2026-10-24T21:00:00.000Z',
      end: '2026-10-25T22:00:00.000Z',
      questions: 0,
      missed: 0,
      answered: 0,
      missedPercentage: 0,
    });
    expect(trend).toMatchObject({ totalQuestions: 0, totalMissedQuestions: 0, missedPercentage: 0 });
  });

  it('places questions by local day and misses by their instant, with the percentage math', () => {
    const trend = missedQuestionTrend({
      questions: [
        question('s1', 'm1', '2026-10-24T20:59:00.000Z'), // 23:59 on the 24th, local
        question('s1', 'm2', '2026-10-24T21:30:00.000Z'), // 00:30 on the 25th (UTC+3)
        question('s2', 'm1', '2026-10-25T12:00:00.000Z'),
        question('s2', 'm2', '2026-10-25T21:30:00.000Z'), // 23:30 on the 25th (UTC+2)
        question('s2', 'm2', '2026-10-25T21:30:00.000Z'), // listed twice: counted once
      ],
      occurrences: [
        miss('s1', 'm2', '2026-10-24T21:30:01.000Z'),
        miss('s2', 'm2', '2026-10-25T21:30:01.000Z'),
        miss('s2', 'm2', '2026-10-25T21:30:05.000Z'), // a retry of the same pair
      ],
      range: dstWeek,
      timeZone: 'Europe/Athens',
    });
    const byLabel = Object.fromEntries(trend.buckets.map((b) => [b.label, b]));
    expect(byLabel['2026-10-24']).toMatchObject({
      questions: 1,
      missed: 0,
      answered: 1,
      missedPercentage: 0,
    });
    // 2 of 3 missed: 66.666… → 66.67.
    expect(byLabel['2026-10-25']).toMatchObject({
      questions: 3,
      missed: 2,
      answered: 1,
      missedPercentage: 66.67,
    });
    expect(byLabel['2026-10-19']).toMatchObject({ questions: 0, missed: 0, missedPercentage: 0 });
    // 2 of 4 over the range.
    expect(trend).toMatchObject({ totalQuestions: 4, totalMissedQuestions: 2, missedPercentage: 50 });
  });

  it('counts a missed message as a question in the bucket of its miss, so missed never exceeds questions', () => {
    const trend = missedQuestionTrend({
      questions: [
        question('s1', 'm1', '2026-10-20T10:00:00.000Z'),
        question('s1', 'm2', '2026-10-20T20:59:59.000Z'), // 23:59:59 on the 20th, local …
      ],
      occurrences: [
        miss('s1', 'm2', '2026-10-20T21:00:01.000Z'), // … its miss lands on the 21st
        miss('s9', 'm9', '2026-10-22T10:00:00.000Z'), // not among the questions at all
      ],
      range: dstWeek,
      timeZone: 'Europe/Athens',
    });
    const byLabel = Object.fromEntries(trend.buckets.map((b) => [b.label, b]));
    expect(byLabel['2026-10-20']).toMatchObject({ questions: 1, missed: 0 });
    expect(byLabel['2026-10-21']).toMatchObject({ questions: 1, missed: 1, missedPercentage: 100 });
    expect(byLabel['2026-10-22']).toMatchObject({ questions: 1, missed: 1, answered: 0 });
    expect(trend).toMatchObject({ totalQuestions: 3, totalMissedQuestions: 2, missedPercentage: 66.67 });
    for (const bucket of trend.buckets) expect(bucket.missed).toBeLessThanOrEqual(bucket.questions);
  });

  it('ignores questions and misses outside the range', () => {
    const trend = missedQuestionTrend({
      questions: [question('s1', 'm1', '2026-10-18T20:59:59.999Z'), question('s1', 'm2', dstWeek.to)],
      occurrences: [miss('s1', 'm2', dstWeek.to)],
      range: dstWeek,
      timeZone: 'Europe/Athens',
    });
    expect(trend).toMatchObject({ totalQuestions: 0, totalMissedQuestions: 0 });
  });

  it('buckets by ISO week (Monday start) and by month', () => {
    const weekly = missedQuestionTrend({
      questions: [question('s1', 'm1', '2026-10-25T12:00:00.000Z')],
      occurrences: [],
      range: dstWeek,
      timeZone: 'Europe/Athens',
      bucket: 'week',
    });
    expect(weekly.buckets).toHaveLength(1);
    expect(weekly.buckets[0]).toMatchObject({
      label: '2026-10-19',
      start: dstWeek.from,
      end: dstWeek.to,
      questions: 1,
    });

    const monthly = missedQuestionTrend({
      questions: [],
      occurrences: [],
      range: { from: '2026-01-15T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
      timeZone: 'UTC',
      bucket: 'month',
    });
    expect(monthly.buckets.map((b) => [b.label, b.start])).toEqual([
      ['2026-01-01', '2026-01-01T00:00:00.000Z'],
      ['2026-02-01', '2026-02-01T00:00:00.000Z'],
      ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it('rejects an unknown time zone and bucket size with typed errors', () => {
    const base = { questions: [], occurrences: [], range: dstWeek };
    expect(() => missedQuestionTrend({ ...base, timeZone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ name: 'InvalidTimeZoneError', field: 'timeZone' }),
    );
    expect(() =>
      missedQuestionTrend({ ...base, timeZone: 'UTC', bucket: 'hour' as unknown as 'day' }),
    ).toThrow(expect.objectContaining({ field: 'bucket' }));
  });
});
