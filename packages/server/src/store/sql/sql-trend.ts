import {
  assertTimeZone,
  bucketStart,
  MAX_BUCKETS_PER_RANGE,
  type MissedQuestionOccurrence,
  type MissedQuestionTrend,
  missedQuestionTrend,
  nextBucketStart,
  type QuestionRef,
  type TrendBucketSize,
  type TrendCount,
} from '@observatory/core';
import type { MissedTrendFilter } from '../store.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { streamOccurrenceRows } from './sql-missed.js';
import { streamUserMessageRows } from './sql-sessions.js';
import { onSlot } from './trend-rollup.js';

/**
 * Where the buckets of the range begin (epoch ms), the first at the range's start, when all of them fall on
 * 15-minute UTC slots, so that each slot of the rollups lies whole in one bucket: true for local days, weeks and
 * months of every current IANA zone. Undefined for an instant bound off a slot or a zone's historic offset with
 * seconds (LMT), and for a range core refuses (too many buckets; core then says so).
 */
function slotAlignedStarts(
  from: number,
  to: number,
  timeZone: string,
  size: TrendBucketSize,
): number[] | undefined {
  if (!onSlot(from) || !onSlot(to)) return undefined;
  const starts = [from];
  let start = nextBucketStart(bucketStart(new Date(from), size, timeZone), size, timeZone).getTime();
  for (; start < to; start = nextBucketStart(new Date(start), size, timeZone).getTime()) {
    if (starts.length > MAX_BUCKETS_PER_RANGE || !onSlot(start)) return undefined;
    starts.push(start);
  }
  return starts;
}

// One round trip: per bucket ($4, its starts) the slots' questions and misses, less the split occurrences' own (they go to core one by one); and
// those split occurrences that touch the range by their miss or by their question.
function trendSql(agents: readonly string[] | undefined): string {
  const byAgent = agents === undefined ? '' : ' AND agent_id = ANY ($5::text[])';
  const split = (column: string) =>
    `FROM missed_trend_split WHERE org_id = $1 AND ${column} >= $2::timestamptz AND ${column} < $3::timestamptz${byAgent}`;
  return `
    SELECT (SELECT coalesce(jsonb_agg(jsonb_build_array(c.b, c.q, c.m)), '[]') FROM (
        SELECT b, sum(q) AS q, sum(m) AS m FROM (
          SELECT width_bucket(slot, $4::timestamptz[]) AS b, questions + unasked AS q, missed AS m
          FROM missed_trend_slots WHERE org_id = $1 AND slot >= $2::timestamptz AND slot < $3::timestamptz${byAgent}
          UNION ALL SELECT width_bucket(occurred_at, $4::timestamptz[]), 0, -1 ${split('occurred_at')}
          UNION ALL SELECT width_bucket(asked_at, $4::timestamptz[]), -1, 0 ${split('asked_at')}
        ) parts GROUP BY b) c) AS counts,
      (SELECT coalesce(jsonb_agg(jsonb_build_array(x.agent_id, x.session_id, x.message_id, x.occurred_at,
          x.asked_at)), '[]') FROM (
        SELECT * ${split('occurred_at')} UNION SELECT * ${split('asked_at')}) x) AS splits`;
}

type SplitRow = [agentId: string, sessionId: string, messageId: string, occurredAt: string, askedAt: string];

/**
 * Core's `missedQuestionTrend` for the organization's user messages and occurrences (of `agents`, when given)
 * in `range`, from the rollups of migration 7 (trend-rollup.ts): the slots' counts added up per bucket in SQL,
 * and one by one the few occurrences whose question is in another slot, O(slots + those), never O(messages).
 * When a slot may straddle a bucket edge, it reads every message and occurrence of the range instead: the same
 * answer, slower.
 */
export async function readMissedTrend(
  db: SqlQueryable,
  orgId: string,
  filter: MissedTrendFilter,
): Promise<MissedQuestionTrend> {
  const { agents, range, timeZone } = filter;
  const bucket = filter.bucket ?? 'day';
  assertTimeZone(timeZone, 'timeZone');
  const exact = () => exactTrend(db, orgId, filter);
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const starts = from <= to ? slotAlignedStarts(from, to, timeZone, bucket) : undefined;
  if (starts === undefined) return exact();
  const iso = (time: number) => new Date(time).toISOString();
  const params: unknown[] = [orgId, range.from, range.to, starts.map(iso)];
  if (agents !== undefined) params.push(agents);
  const [row] = (await db.query(trendSql(agents), params)) as [SqlRow];
  // A bucket's count stands at its first instant in the range (`width_bucket` numbers the starts from 1).
  const counts: TrendCount[] = (row.counts as [number, number, number][]).map(([b, questions, missed]) => ({
    at: iso(starts[b - 1] as number),
    questions: Number(questions),
    missed: Number(missed),
  }));
  // A split occurrence and its question go to core as refs, so core moves the question to the bucket of its
  // miss as its rule says.
  const questions: QuestionRef[] = [];
  const occurrences: MissedQuestionOccurrence[] = [];
  for (const [agentId, sessionId, messageId, occurredAt, askedAt] of row.splits as SplitRow[]) {
    questions.push({ agentId, sessionId, messageId, createdAt: iso(Date.parse(askedAt)) });
    occurrences.push({
      agentId,
      question: '',
      sessionId,
      messageId,
      occurredAt: iso(Date.parse(occurredAt)),
    });
  }
  return missedQuestionTrend({ questions, occurrences, counts, range, timeZone, bucket });
}

/** The trend from every user message and occurrence of the range, streamed (the path before the rollups). */
async function exactTrend(
  db: SqlQueryable,
  orgId: string,
  filter: MissedTrendFilter,
): Promise<MissedQuestionTrend> {
  const { agents, range, timeZone } = filter;
  const bucket = filter.bucket ?? 'day';
  const questions: QuestionRef[] = [];
  for await (const ref of streamUserMessageRows(db, orgId, { agents, range })) questions.push(ref);
  const occurrences: MissedQuestionOccurrence[] = [];
  for await (const occurrence of streamOccurrenceRows(db, orgId, { agents, range }))
    occurrences.push(occurrence);
  return missedQuestionTrend({ questions, occurrences, range, timeZone, bucket });
}
