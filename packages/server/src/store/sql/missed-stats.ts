import {
  type DateRange,
  type MissedQuestion,
  type MissedQuestionStatus,
  type MissedQuestionTieField,
  missedQuestionTieBreaks,
} from '@observatory/core';
import type { MissedQuestionFilter, MissedQuestionSortBy } from '../store.js';
import { activeBetween } from './active-days.js';
import type { SqlRow } from './driver.js';

// The statements behind every missed-question read (list, stream, one question, the pruned top of
// missed-top.ts): built here once, so each read counts, narrows and orders alike.

/**
 * What a missed-question read selects: the filter, plus one question's id or a set of ids.
 *
 * @example
 * ```ts
 * const filter: StatsFilter = { range, ids: ['q1', 'q2'] };
 * ```
 */
export type StatsFilter = MissedQuestionFilter & {
  readonly questionId?: string;
  readonly ids?: readonly string[] | undefined;
  /** SQL of a `text[]` of ids computed in the same statement (the pruned top's candidates), narrowing as `ids` does. */
  readonly idsSql?: string;
};

const SORT_COLUMNS: Record<MissedQuestionSortBy, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  occurrences: 'occurrences',
  filteredOccurrences: 'filtered',
  question: 'question',
};

// The tie rule is core's (`missedQuestionTieBreaks`); this says where each of its fields lives. Text compares
// byte-wise (COLLATE "C"), as core compares code units, so both order ties alike.
const TIE_COLUMNS: Record<MissedQuestionTieField, string> = {
  lastSeen: 'last_seen',
  question: 'question COLLATE "C"',
  agentId: 'agent_id COLLATE "C"',
};

/**
 * A timestamptz column's value as ISO 8601.
 *
 * @example
 * ```ts
 * iso(row.occurred_at); // '2026-10-01T00:00:00.000Z'
 * ```
 */
export const iso = (value: unknown): string => (value as Date).toISOString();

/**
 * A row of {@link statsQuery} as core's type.
 *
 * @example
 * ```ts
 * const items = (await db.query(sql, params)).map(toQuestion);
 * ```
 */
export function toQuestion(row: SqlRow): MissedQuestion {
  return {
    id: String(row.id),
    agentId: String(row.agent_id),
    question: String(row.question),
    status: row.status as MissedQuestionStatus,
    ...(row.language === null || row.language === undefined ? {} : { language: String(row.language) }),
    occurrences: Number(row.occurrences),
    filteredOccurrences: Number(row.filtered),
    distinctSessions: Number(row.distinct_sessions),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    // The latest occurrence in the range (all time without one); none in the range leaves it out.
    ...(row.last_seen === null || row.last_seen === undefined ? {} : { lastOccurredAt: iso(row.last_seen) }),
  };
}

const DAY_MS = 86_400_000;

/**
 * How a range is read from the rollups: the whole UTC days inside it from `missed_question_days`, and the parts
 * before the first and after the last whole day (each within one UTC day) from the occurrences themselves. Any
 * bound is exact this way — a local midnight of a zone 30 or 45 minutes off UTC, or any instant. A range inside
 * one UTC day reads only occurrences (`dayFrom` = `dayTo` = `to`); one crossing a single midnight reads its two
 * partial days (`dayFrom` = `dayTo`). Each part lying within one UTC day is what lets a session counted in
 * several parts be told apart by its days.
 */
function rangeParts(range: DateRange): { from: string; to: string; dayFrom: string; dayTo: string } {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  let dayFrom = Math.ceil(from / DAY_MS) * DAY_MS;
  let dayTo = Math.floor(to / DAY_MS) * DAY_MS;
  if (dayFrom > dayTo) dayFrom = dayTo = to;
  const iso = (time: number) => new Date(time).toISOString();
  return { from: iso(from), to: iso(to), dayFrom: iso(dayFrom), dayTo: iso(dayTo) };
}

/**
 * The parameters and conditions every statement of a filter shares: `$1` the organization, `$2`–`$5` the range's
 * parts when ranged (see {@link rangeParts}), then the narrowing values. `where` narrows the questions (`q`),
 * `narrow` the rollup rows (`x`: a day row and an occurrence carry the question's agent), so only the asked-for
 * questions' rows are added up.
 */
function clauses(orgId: string, filter: StatsFilter) {
  const params: unknown[] = [orgId];
  if (filter.range !== undefined) {
    const parts = rangeParts(filter.range);
    params.push(parts.from, parts.to, parts.dayFrom, parts.dayTo);
  }
  let where = 'q.org_id = $1';
  let narrow = '';
  if (filter.questionId !== undefined) {
    params.push(filter.questionId);
    where += ` AND q.id = $${params.length}`;
    narrow += ` AND x.missed_question_id = $${params.length}`;
  }
  if (filter.agents !== undefined) {
    params.push(filter.agents);
    where += ` AND q.agent_id = ANY($${params.length}::text[])`;
    narrow += ` AND x.agent_id = ANY($${params.length}::text[])`;
  }
  if (filter.ids !== undefined) {
    params.push(filter.ids);
    where += ` AND q.id = ANY($${params.length}::text[])`;
    narrow += ` AND x.missed_question_id = ANY($${params.length}::text[])`;
  }
  if (filter.statuses !== undefined) {
    params.push(filter.statuses);
    where += ` AND q.status = ANY($${params.length}::text[])`;
  }
  if (filter.idsSql !== undefined) {
    where += ` AND q.id = ANY(${filter.idsSql})`;
    narrow += ` AND x.missed_question_id = ANY(${filter.idsSql})`;
  }
  return { params, where, narrow };
}

/**
 * The condition on the questions (`q`) of `filter` and its parameters, numbered as {@link statsQuery} and
 * {@link countQuery} number theirs (their parameters begin with these), for a statement that picks questions
 * before adding up their rows.
 *
 * @example
 * ```ts
 * const { where, params } = questionsWhere('org-1', { range, agents: ['faq-bot'] });
 * ```
 */
export function questionsWhere(orgId: string, filter: StatsFilter): { where: string; params: unknown[] } {
  const { params, where } = clauses(orgId, filter);
  return { params, where };
}

const COLUMNS = 'q.id, q.agent_id, q.question, q.status, q.language, q.created_at, q.updated_at';

/**
 * The aggregate behind every missed-question read, from the rollups kept with each report (migration 5): all-time
 * counts are columns of the question; with a range, the in-range count, distinct sessions and last occurrence
 * add up whole days' rows and the partial days' occurrences, O(questions × days). A session counted on k UTC
 * days of the range is one session: the last branch takes k - 1 back, from the few (question, session) pairs
 * whose occurrences span days. A list keeps only questions seen (in the range, when given), as core's grouping
 * does, while a lookup by `questionId` finds the question whatever its count.
 *
 * @example
 * ```ts
 * const { sql, params } = statsQuery('org-1', { range, ids: ['q1', 'q2'] });
 * ```
 */
export function statsQuery(orgId: string, filter: StatsFilter): { sql: string; params: unknown[] } {
  const { params, where, narrow } = clauses(orgId, filter);
  if (filter.range === undefined) {
    const seen = filter.questionId === undefined ? ' AND q.occurrence_count > 0' : '';
    const sql = `
      SELECT * FROM (
        SELECT ${COLUMNS}, q.occurrence_count AS occurrences, q.occurrence_count AS filtered,
          q.session_count AS distinct_sessions, q.last_seen
        FROM missed_questions q WHERE ${where}${seen}
      ) stats`;
    return { sql, params };
  }
  const sql = `
    SELECT * FROM (
      SELECT ${COLUMNS}, q.occurrence_count AS occurrences, coalesce(r.filtered, 0) AS filtered,
        coalesce(r.sessions, 0) AS distinct_sessions, r.last_seen
      FROM missed_questions q
      ${filter.questionId === undefined ? 'JOIN' : 'LEFT JOIN'} (
        SELECT missed_question_id, sum(n) AS filtered, sum(s) AS sessions, max(last_seen) AS last_seen FROM (
          SELECT x.missed_question_id, x.occurrences AS n, x.sessions AS s, x.last_seen FROM missed_question_days x
          WHERE x.org_id = $1 AND x.day >= $4::timestamptz AND x.day < $5::timestamptz${narrow}
          UNION ALL
          SELECT x.missed_question_id, count(*), count(DISTINCT x.session_id), max(x.occurred_at)
          FROM missed_question_occurrences x
          WHERE x.org_id = $1 AND x.occurred_at >= $2::timestamptz AND x.occurred_at < $4::timestamptz${narrow}
          GROUP BY x.missed_question_id
          UNION ALL
          SELECT x.missed_question_id, count(*), count(DISTINCT x.session_id), max(x.occurred_at)
          FROM missed_question_occurrences x
          WHERE x.org_id = $1 AND x.occurred_at >= $5::timestamptz AND x.occurred_at < $3::timestamptz${narrow}
          GROUP BY x.missed_question_id
          UNION ALL
          SELECT x.missed_question_id, 0, 1 - count(DISTINCT date_trunc('day', o.occurred_at, 'UTC')), NULL
          FROM missed_question_multiday x
          JOIN missed_question_occurrences o ON o.org_id = x.org_id AND o.agent_id = x.agent_id
            AND o.session_id = x.session_id AND o.missed_question_id = x.missed_question_id
          WHERE x.org_id = $1 AND o.occurred_at >= $2::timestamptz AND o.occurred_at < $3::timestamptz${narrow}
          GROUP BY x.missed_question_id, x.session_id
        ) parts GROUP BY missed_question_id
      ) r ON r.missed_question_id = q.id
      WHERE ${where}
    ) stats`;
  return { sql, params };
}

/**
 * How many questions {@link statsQuery} lists for `filter` (a range given): those with a day row or an
 * occurrence in it, without adding anything up. The whole days are read from each question's bits of active days
 * (active-days.ts), one row per question; a partial day's occurrences are looked up only for the questions active
 * on that day.
 *
 * @example
 * ```ts
 * const { sql, params } = countQuery('org-1', { range });
 * ```
 */
export function countQuery(orgId: string, filter: StatsFilter & { range: DateRange }) {
  const { params, where } = clauses(orgId, filter);
  const parts = rangeParts(filter.range);
  const day = (instant: string) => Math.floor(Date.parse(instant) / DAY_MS);
  params.push(day(parts.from), day(parts.dayFrom), day(parts.dayTo));
  const n = params.length;
  const [first, whole, last] = [`$${n - 2}::integer`, `$${n - 1}::integer`, `$${n}::integer`];
  // A partial day (an edge off UTC midnight) is asked of the occurrences, for the questions active that day only.
  // IN, not EXISTS: a hashed subplan, read once, which the planner costs as such (an EXISTS here is costed per
  // question, which took the statement over PostgreSQL's JIT threshold and cost more to compile than to run).
  const some = (day: string, from: string, to: string) => `
      OR ${activeBetween(day, `${day} + 1`)} AND q.id IN (SELECT x.missed_question_id FROM missed_question_occurrences x
        WHERE x.org_id = $1 AND x.occurred_at >= ${from} AND x.occurred_at < ${to})`;
  const sql = `
    SELECT count(*) AS total FROM missed_questions q WHERE ${where} AND (${activeBetween(whole, last)}${some(
      first,
      '$2::timestamptz',
      '$4::timestamptz',
    )}${some(last, '$5::timestamptz', '$3::timestamptz')})`;
  return { sql, params };
}

/**
 * The ORDER BY of a list: the sort asked for, then core's tie rule, then id.
 *
 * @example
 * ```ts
 * orderBy({ sort: { by: 'filteredOccurrences', order: 'desc' } });
 * ```
 */
export function orderBy(filter: MissedQuestionFilter): string {
  const sort = filter.sort ?? { by: 'createdAt', order: 'desc' };
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  // Ties follow core's rule whatever the direction (most recent in range first, then wording, then agent), then
  // id, so equal counts list as core's grouping lists them, on every engine and every run, and pages never overlap.
  const ties = missedQuestionTieBreaks.map((tie) => `${TIE_COLUMNS[tie.field]} ${tie.order.toUpperCase()}`);
  return `ORDER BY ${SORT_COLUMNS[sort.by]} ${direction}, ${ties.join(', ')}, id ASC`;
}
