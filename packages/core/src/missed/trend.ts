import { ObservatoryInputError } from '../errors/errors.js';
import type { MissedQuestionTrend, TrendBucket, TrendBucketSize } from '../model/analytics.js';
import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import type { DateRange } from '../time/date-range.js';
import { rangeBuckets } from '../time/range-buckets.js';
import { assertTimeZone } from '../time/resolve-date-range.js';
import { canonicalRange } from './internal/instant.js';

/**
 * A user message counted as a question in the trend: a message of the session `sessionId` of agent `agentId`
 * (session ids are unique per agent, so two agents' sessions may share an id).
 *
 * @example
 * ```ts
 * const question: QuestionRef = { agentId: 'faq-bot', sessionId: 's1', messageId: 'm1', createdAt: '2026-11-25T10:00:00.000Z' };
 * ```
 */
export interface QuestionRef {
  readonly agentId: string;
  readonly sessionId: string;
  readonly messageId: string;
  readonly createdAt: string;
}

/**
 * Input of {@link missedQuestionTrend}.
 *
 * @example
 * ```ts
 * const input: MissedQuestionTrendInput = {
 *   questions: [], occurrences: [], timeZone: 'Europe/Athens', bucket: 'week',
 *   range: { from: '2026-11-01T22:00:00.000Z', to: '2026-11-29T22:00:00.000Z' },
 * };
 * ```
 */
export interface MissedQuestionTrendInput {
  /** Every user message in the range (questions asked); an (agentId, sessionId, messageId) triple counts once. */
  readonly questions: Iterable<QuestionRef>;
  /**
   * Missed-question occurrences; an (agentId, sessionId, messageId) triple counts once, and is the miss of the
   * question with the same triple (an agent's report names its own session's message).
   */
  readonly occurrences: Iterable<MissedQuestionOccurrence>;
  /** Half-open range; only questions and misses inside it are counted. */
  readonly range: DateRange;
  /** The viewer's IANA zone: buckets are its local days, weeks (from Monday) or months. */
  readonly timeZone: string;
  /** @default 'day' */
  readonly bucket?: TrendBucketSize;
  /**
   * Questions and misses already counted, e.g. from a store's rollups: each adds `questions` and `missed` to the
   * bucket holding `at` (nothing outside the range). The caller vouches that every one of them lies in that same
   * bucket, that each miss is of one of those questions, and that none of their pairs is also in `questions` or
   * `occurrences`: then the answer is the one their refs would give.
   */
  readonly counts?: Iterable<TrendCount>;
}

/**
 * Questions and misses counted at one instant, for {@link MissedQuestionTrendInput.counts}.
 *
 * @example
 * ```ts
 * const count: TrendCount = { at: '2026-11-25T08:00:00.000Z', questions: 12, missed: 3 };
 * ```
 */
export interface TrendCount {
  readonly at: string;
  readonly questions: number;
  readonly missed: number;
}

const BUCKET_SIZES: readonly TrendBucketSize[] = ['day', 'week', 'month'];

/**
 * Missed vs answered per day/week/month bucket of the viewer's zone, plus totals over the range.
 *
 * Every bucket that overlaps the range is present, zero-filled, in order; `start`/`end` are its full local
 * bounds in UTC (a local day lasts 23, 24 or 25 hours), while counts only include instants inside the range.
 * Questions are placed by `createdAt`, misses by `occurredAt`. A missed message is always counted as a question
 * in the bucket of its miss — also when it is missing from `questions`, or its `createdAt` falls in another
 * bucket — so `missed` never exceeds `questions` and `answered = questions - missed` is never negative.
 * `missedPercentage` is `missed / questions * 100` rounded to 2 decimals, 0 without questions. A range is cut
 * into at most `MAX_BUCKETS_PER_RANGE` (1,000) buckets; a longer one is refused.
 *
 * @throws InvalidTimeZoneError (field `timeZone`), InvalidDateRangeError (field `range.from`/`range.to`; on
 *   `range.to` also when the range spans more than `MAX_BUCKETS_PER_RANGE` buckets),
 *   ObservatoryInputError (field `bucket`, or `questions[i].createdAt` / `occurrences[i].occurredAt` /
 *   `counts[i].at`).
 * @example
 * ```ts
 * import { missedQuestionTrend } from '@observatory/core';
 * const trend = missedQuestionTrend({
 *   questions: [
 *     { agentId: 'faq-bot', sessionId: 's1', messageId: 'm1', createdAt: '2026-11-25T08:00:00.000Z' },
 *     { agentId: 'faq-bot', sessionId: 's1', messageId: 'm2', createdAt: '2026-11-25T08:01:00.000Z' },
 *   ],
 *   occurrences: [
 *     { agentId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm2', occurredAt: '2026-11-25T08:01:01.000Z' },
 *   ],
 *   range: { from: '2026-11-24T22:00:00.000Z', to: '2026-11-25T22:00:00.000Z' },
 *   timeZone: 'Europe/Athens',
 * });
 * // trend.buckets[0]: { label: '2026-11-25', questions: 2, missed: 1, answered: 1, missedPercentage: 50, ... }
 * ```
 */
export function missedQuestionTrend(input: MissedQuestionTrendInput): MissedQuestionTrend {
  const { timeZone } = input;
  const size = input.bucket ?? 'day';
  assertTimeZone(timeZone, 'timeZone');
  if (!BUCKET_SIZES.includes(size)) {
    throw new ObservatoryInputError('bucket', "'day', 'week' or 'month'", size);
  }
  const range = canonicalRange(input.range);
  if (range === undefined) throw new ObservatoryInputError('range', 'a { from, to } range', input.range);
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);

  // The walk over buckets is bounded before it starts (at most MAX_BUCKETS_PER_RANGE, else a refusal).
  const cut = rangeBuckets(from, to, size, timeZone, 'range.to');
  const starts = cut.map((bucket) => bucket.start);
  const buckets: MutableBucket[] = cut.map((bucket) => ({
    label: bucket.label,
    start: new Date(bucket.start).toISOString(),
    end: new Date(bucket.end).toISOString(),
    questions: 0,
    missed: 0,
  }));
  /** Index of the bucket holding `time`, or -1 outside the range. */
  const bucketOf = (time: number): number => {
    if (!(time >= from && time < to)) return -1;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= time) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  // Bucket of each distinct question (-1 outside the range), so a miss can move its question to its own bucket.
  // The pair key is a joined string: the trend is not the hot path that grouping is.
  const questionBucket = new Map<string, number>();
  let index = 0;
  for (const question of input.questions) {
    const time = parseInstant(question.createdAt, 'questions', index++);
    const key = pairKey(question.agentId, question.sessionId, question.messageId);
    if (questionBucket.has(key)) continue;
    const bucket = bucketOf(time);
    questionBucket.set(key, bucket);
    if (bucket >= 0) (buckets[bucket] as MutableBucket).questions++;
  }

  const missedPairs = new Set<string>();
  index = 0;
  for (const occurrence of input.occurrences) {
    const time = parseInstant(occurrence.occurredAt, 'occurrences', index++);
    const key = pairKey(occurrence.agentId, occurrence.sessionId, occurrence.messageId);
    if (missedPairs.has(key)) continue;
    missedPairs.add(key);
    const bucket = bucketOf(time);
    if (bucket < 0) continue;
    const target = buckets[bucket] as MutableBucket;
    target.missed++;
    const asked = questionBucket.get(key);
    if (asked === bucket) continue;
    target.questions++;
    if (asked !== undefined && asked >= 0) (buckets[asked] as MutableBucket).questions--;
  }

  index = 0;
  for (const count of input.counts ?? []) {
    const bucket = bucketOf(parseInstant(count.at, 'counts', index++));
    if (bucket < 0) continue;
    const target = buckets[bucket] as MutableBucket;
    target.questions += count.questions;
    target.missed += count.missed;
  }

  let totalQuestions = 0;
  let totalMissedQuestions = 0;
  const result: TrendBucket[] = buckets.map((bucket) => {
    totalQuestions += bucket.questions;
    totalMissedQuestions += bucket.missed;
    return {
      ...bucket,
      answered: bucket.questions - bucket.missed,
      missedPercentage: percentage(bucket.missed, bucket.questions),
    };
  });
  return {
    timeZone,
    bucket: size,
    totalQuestions,
    totalMissedQuestions,
    missedPercentage: percentage(totalMissedQuestions, totalQuestions),
    buckets: result,
  };
}

interface MutableBucket {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  questions: number;
  missed: number;
}

function pairKey(agentId: string, sessionId: string, messageId: string): string {
  return `${agentId}\u0000${sessionId}\u0000${messageId}`;
}

const INSTANT_FIELDS = { questions: 'createdAt', occurrences: 'occurredAt', counts: 'at' } as const;

function parseInstant(value: string, list: keyof typeof INSTANT_FIELDS, index: number): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    const field = `${list}[${index}].${INSTANT_FIELDS[list]}`;
    throw new ObservatoryInputError(field, 'an ISO-8601 instant', value);
  }
  return time;
}

/** `part / whole * 100` rounded to 2 decimals; 0 when `whole` is 0. */
function percentage(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;
}
