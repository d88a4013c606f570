import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidDateRangeError } from '../errors/errors.js';
import type { TrendBucket } from '../model/analytics.js';
import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import { MAX_BUCKETS_PER_RANGE } from '../time/range-buckets.js';
import { missedQuestionTrend, type QuestionRef } from './trend.js';

const HOUR = 3_600_000;
const question = (
  sessionId: string,
  messageId: string,
  createdAt: string,
  agentId = 'faq-bot',
): QuestionRef => ({ agentId, sessionId, messageId, createdAt });
const miss = (
  sessionId: string,
  messageId: string,
  occurredAt: string,
  agentId = 'faq-bot',
): MissedQuestionOccurrence => ({
  agentId,
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

  it('adds pre-counted questions and misses to the bucket of their instant, as their refs would count', () => {
    const refs = {
      questions: [
        question('s1', 'm1', '2026-10-20T10:00:00.000Z'),
        question('s1', 'm2', '2026-10-20T10:00:01.000Z'),
        question('s2', 'm1', '2026-10-21T08:00:00.000Z'),
        question('s3', 'm1', dstWeek.to), // outside the range: not counted
      ],
      occurrences: [miss('s1', 'm2', '2026-10-20T10:00:02.000Z'), miss('s3', 'm1', dstWeek.to)],
    };
    const counts = [
      { at: '2026-10-20T10:00:00.000Z', questions: 2, missed: 1 },
      { at: '2026-10-21T08:00:00.000Z', questions: 1, missed: 0 },
      { at: dstWeek.to, questions: 1, missed: 1 },
    ];
    const base = { range: dstWeek, timeZone: 'Europe/Athens' };
    const counted = missedQuestionTrend({ ...base, questions: [], occurrences: [], counts });
    expect(counted).toEqual(missedQuestionTrend({ ...base, ...refs }));
    expect(counted).toMatchObject({ totalQuestions: 3, totalMissedQuestions: 1 });
    expect(() =>
      missedQuestionTrend({
        ...base,
        questions: [],
        occurrences: [],
        counts: [{ at: 'soon', questions: 1, missed: 0 }],
      }),
    ).toThrow(expect.objectContaining({ field: 'counts[0].at' }));
  });

  it("pairs a miss with its own agent's question: two agents' sessions may share an id and message ids", () => {
    const trend = missedQuestionTrend({
      questions: [
        question('s1', 'm1', '2026-10-20T10:00:00.000Z', 'faq-bot'),
        question('s1', 'm1', '2026-10-21T10:00:00.000Z', 'sales-bot'),
      ],
      occurrences: [
        miss('s1', 'm1', '2026-10-20T10:00:01.000Z', 'faq-bot'),
        miss('s1', 'm1', '2026-10-21T10:00:01.000Z', 'sales-bot'),
      ],
      range: dstWeek,
      timeZone: 'Europe/Athens',
    });
    expect(trend).toMatchObject({ totalQuestions: 2, totalMissedQuestions: 2 });
    expect(trend.buckets.filter((b) => b.missed > 0).map((b) => [b.label, b.questions, b.missed])).toEqual([
      ['2026-10-20', 1, 1],
      ['2026-10-21', 1, 1],
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

describe('missedQuestionTrend properties', () => {
  const DAY = 24 * HOUR;
  // Near the DST changes of 2026 (New York: 8 March and 1 November; Athens: 29 March and 25 October); Kathmandu
  // is UTC+5:45 all year, so its buckets start at a quarter past the UTC hour.
  const anchors = [
    '2026-03-08T00:00:00Z',
    '2026-03-29T00:00:00Z',
    '2026-10-25T00:00:00Z',
    '2026-11-01T00:00:00Z',
  ];
  const zones = ['Europe/Athens', 'America/New_York', 'Asia/Kathmandu'];

  // An oracle independent of date-fns: the wall-clock reading of an instant in a zone, from Intl.
  const wallClock = (at: string, timeZone: string) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(Date.parse(at))
        .map((part) => [part.type, part.value]),
    );
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${parts.hour}:${parts.minute}:${parts.second}`,
      weekday: parts.weekday,
    };
  };

  const scenario = fc
    .record({
      anchor: fc.constantFrom(...anchors),
      startMinutes: fc.integer({ min: -10 * 24 * 60, max: 10 * 24 * 60 }),
      lengthMinutes: fc.integer({ min: 1, max: 50 * 24 * 60 }),
      timeZone: fc.constantFrom(...zones),
      bucket: fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
      turns: fc.array(
        fc.record({
          sessionId: fc.constantFrom('s1', 's2', 's3'),
          messageId: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
          // Where the question falls from two days before the range to two days after it, in thousandths.
          permille: fc.integer({ min: -200, max: 1200 }),
          asked: fc.boolean(),
          // A miss comes seconds after its question, or (a late report) up to three days after, so misses often
          // land in another bucket than their question, or in the range when the question is not.
          missedAfterSeconds: fc.option(
            fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 3 * 24 * 3600 })),
            { nil: undefined },
          ),
        }),
        { maxLength: 40 },
      ),
    })
    .map(({ anchor, startMinutes, lengthMinutes, timeZone, bucket, turns }) => {
      const from = Date.parse(anchor) + startMinutes * 60_000;
      const to = from + lengthMinutes * 60_000;
      const span = to - from + 4 * DAY;
      const questions: QuestionRef[] = [];
      const occurrences: MissedQuestionOccurrence[] = [];
      for (const turn of turns) {
        const askedAt = Math.round(from - 2 * DAY + (turn.permille / 1000) * span);
        if (turn.asked)
          questions.push(question(turn.sessionId, turn.messageId, new Date(askedAt).toISOString()));
        if (turn.missedAfterSeconds !== undefined) {
          const missedAt = new Date(askedAt + turn.missedAfterSeconds * 1000).toISOString();
          occurrences.push(miss(turn.sessionId, turn.messageId, missedAt));
        }
      }
      const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      return { range, timeZone, bucket, questions, occurrences };
    });

  it('covers the range with contiguous local buckets and counts every question and miss in its own bucket', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const trend = missedQuestionTrend(input);
        const { buckets } = trend;
        const from = Date.parse(input.range.from);
        const to = Date.parse(input.range.to);

        // The buckets tile the range: each starts where the previous ended, the first holds `from`, the last `to`.
        expect(buckets.length).toBeGreaterThan(0);
        expect(Date.parse((buckets[0] as TrendBucket).start)).toBeLessThanOrEqual(from);
        expect(Date.parse((buckets.at(-1) as TrendBucket).end)).toBeGreaterThanOrEqual(to);
        buckets.forEach((bucket, i) => {
          if (i > 0) expect(bucket.start).toBe((buckets[i - 1] as TrendBucket).end);
          expect(Date.parse(bucket.start)).toBeLessThan(to);
          // Each starts at a local midnight (on a Monday, or the 1st), which is the day its label names.
          const local = wallClock(bucket.start, input.timeZone);
          expect(local.time).toBe('00:00:00');
          expect(bucket.label).toBe(local.date);
          if (input.bucket === 'week') expect(local.weekday).toBe('Mon');
          if (input.bucket === 'month') expect(local.date.endsWith('-01')).toBe(true);
          const hours = (Date.parse(bucket.end) - Date.parse(bucket.start)) / HOUR;
          if (input.bucket === 'day') expect([23, 24, 25]).toContain(hours);
        });

        // An independent count: first report of each pair wins; a miss places its question in the miss's bucket.
        const inRange = (iso: string) => Date.parse(iso) >= from && Date.parse(iso) < to;
        const bucketOf = (iso: string) =>
          buckets.findIndex(
            (b) => Date.parse(b.start) <= Date.parse(iso) && Date.parse(iso) < Date.parse(b.end),
          );
        const asked = new Map<string, string>();
        for (const q of input.questions) {
          const key = `${q.sessionId}/${q.messageId}`;
          if (!asked.has(key)) asked.set(key, q.createdAt);
        }
        const missed = new Map<string, string>();
        for (const o of input.occurrences) {
          const key = `${o.sessionId}/${o.messageId}`;
          if (!missed.has(key)) missed.set(key, o.occurredAt);
        }
        const expectedQuestions = buckets.map(() => 0);
        const expectedMissed = buckets.map(() => 0);
        const count = (counts: number[], at: string) => {
          const index = bucketOf(at);
          counts[index] = (counts[index] ?? Number.NaN) + 1;
        };
        for (const key of new Set([...asked.keys(), ...missed.keys()])) {
          const missedAt = missed.get(key);
          const askedAt = asked.get(key);
          if (missedAt !== undefined && inRange(missedAt)) {
            count(expectedMissed, missedAt);
            count(expectedQuestions, missedAt);
          } else if (askedAt !== undefined && inRange(askedAt)) {
            count(expectedQuestions, askedAt);
          }
        }
        expect(buckets.map((b) => b.missed)).toEqual(expectedMissed);
        expect(buckets.map((b) => b.questions)).toEqual(expectedQuestions);
        for (const bucket of buckets) {
          expect(bucket.answered).toBe(bucket.questions - bucket.missed);
          expect(bucket.missedPercentage).toBe(
            bucket.questions === 0 ? 0 : Math.round((bucket.missed / bucket.questions) * 10_000) / 100,
          );
        }
        expect(trend.totalQuestions).toBe(expectedQuestions.reduce((a, b) => a + b, 0));
        expect(trend.totalMissedQuestions).toBe(expectedMissed.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a range into at most MAX_BUCKETS_PER_RANGE buckets and refuses one more, naming range.to', () => {
    const empty = { questions: [], occurrences: [], timeZone: 'UTC' };
    // 1000 UTC days from 2026-01-01 end on 2028-09-27 (2026: 365 days, 2027: 365, then 270 days of leap 2028).
    const thousand = { from: '2026-01-01T00:00:00.000Z', to: '2028-09-27T00:00:00.000Z' };
    expect(missedQuestionTrend({ ...empty, range: thousand }).buckets).toHaveLength(MAX_BUCKETS_PER_RANGE);
    // One millisecond more touches a 1001st day.
    const more = { ...thousand, to: '2028-09-27T00:00:00.001Z' };
    let error: unknown;
    try {
      missedQuestionTrend({ ...empty, range: more });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidDateRangeError);
    expect(error).toMatchObject({ field: 'range.to' });
    expect((error as Error).message).toContain('at most 1,000 day buckets (this one spans 1,001)');
    // The same range in weeks is 144 buckets.
    expect(missedQuestionTrend({ ...empty, range: more, bucket: 'week' }).buckets).toHaveLength(144);
  });
});
