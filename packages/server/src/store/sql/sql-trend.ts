import {
  assertTimeZone,
  bucketStart,
  type DateRange,
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
import { onSlot, slotStart } from './trend-rollup.js';

/**
 * Whether the range and every bucket edge inside it fall on 15-minute UTC slots, so that each slot of the
 * rollups lies whole in one bucket. True for local days, weeks and months of every current IANA zone; false for
 * an instant bound off a slot or a zone's historic offset with seconds (LMT).
 */
function onSlots(range: DateRange, timeZone: string, size: TrendBucketSize): boolean {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!onSlot(from) || !onSlot(to)) return false;
  let start = bucketStart(new Date(from), size, timeZone);
  for (let walked = 0; start.getTime() < to; walked++) {
    if (walked > MAX_BUCKETS_PER_RANGE) return false; // core refuses such a range; let it say so
    if (start.getTime() > from && !onSlot(start.getTime())) return false;
    start = nextBucketStart(start, size, timeZone);
  }
  return true;
}

// One round trip: whether a session of the organization mixes agents (see trend-rollup.ts), the slots' counts
// and the split occurrences that touch the range by their miss or by their question.
function trendSql(agents: readonly string[] | undefined): string {
  const byAgent = agents === undefined ? '' : ' AND agent_id = ANY ($4::text[])';
  return `
    SELECT EXISTS (SELECT 1 FROM missed_trend_sessions WHERE org_id = $1 AND mixed) AS mixed,
      (SELECT coalesce(jsonb_agg(jsonb_build_array(c.slot, c.q, c.m)), '[]') FROM (
        SELECT slot, sum(questions + unasked) AS q, sum(missed) AS m FROM missed_trend_slots
        WHERE org_id = $1 AND slot >= $2::timestamptz AND slot < $3::timestamptz${byAgent}
        GROUP BY slot) c) AS counts,
      (SELECT coalesce(jsonb_agg(jsonb_build_array(x.agent_id, x.session_id, x.message_id, x.occurred_at,
          x.asked_at)), '[]') FROM (
        SELECT * FROM missed_trend_split
        WHERE org_id = $1 AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz${byAgent}
        UNION
        SELECT * FROM missed_trend_split
        WHERE org_id = $1 AND asked_at >= $2::timestamptz AND asked_at < $3::timestamptz${byAgent}) x) AS splits`;
}

type SplitRow = [agentId: string, sessionId: string, messageId: string, occurredAt: string, askedAt: string];

/**
 * Core's `missedQuestionTrend` for the organization's user messages and occurrences (of `agents`, when given)
 * in `range`, from the rollups of migration 7 (trend-rollup.ts): the slots' counts, in one bucket each, and
 * one by one the few occurrences whose question is in another slot, O(slots + those), never O(messages). When
 * a slot may straddle a bucket edge, or a session mixes agents, it reads every message and occurrence of the
 * range instead: the same answer, slower.
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
  if (!onSlots(range, timeZone, bucket)) return exact();
  const params: unknown[] = [orgId, range.from, range.to];
  if (agents !== undefined) params.push(agents);
  const [row] = (await db.query(trendSql(agents), params)) as [SqlRow];
  if (row.mixed === true) return exact();
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const inRange = (time: number) => time >= from && time < to;
  const counts = new Map<number, { questions: number; missed: number }>();
  for (const [slot, questions, missed] of row.counts as [string, number, number][]) {
    counts.set(Date.parse(slot), { questions: Number(questions), missed: Number(missed) });
  }
  // A split occurrence and its question are counted in their slots: they leave the counts and go to core as
  // refs, so core moves the question to the bucket of its miss as its rule says.
  const questions: QuestionRef[] = [];
  const occurrences: MissedQuestionOccurrence[] = [];
  for (const [agentId, sessionId, messageId, occurredAt, askedAt] of row.splits as SplitRow[]) {
    const occurred = Date.parse(occurredAt);
    const asked = Date.parse(askedAt);
    const missSlot = counts.get(slotStart(occurred));
    if (inRange(occurred) && missSlot !== undefined) missSlot.missed--;
    const askSlot = counts.get(slotStart(asked));
    if (inRange(asked) && askSlot !== undefined) askSlot.questions--;
    questions.push({ sessionId, messageId, createdAt: new Date(asked).toISOString() });
    occurrences.push({
      agentId,
      question: '',
      sessionId,
      messageId,
      occurredAt: new Date(occurred).toISOString(),
    });
  }
  const slotCounts: TrendCount[] = [...counts].map(([slot, count]) => ({
    at: new Date(slot).toISOString(),
    ...count,
  }));
  return missedQuestionTrend({ questions, occurrences, counts: slotCounts, range, timeZone, bucket });
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
