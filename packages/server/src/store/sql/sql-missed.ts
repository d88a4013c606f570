import {
  compileSearch,
  type DateRange,
  type MissedQuestion,
  type MissedQuestionOccurrence,
  type MissedQuestionStatus,
  type MissedQuestionTieField,
  missedQuestionTieBreaks,
  normalizePageRequest,
  type Page,
  type PageRequest,
} from '@observatory/core';
import type { MissedQuestionFilter, MissedQuestionSortBy } from '../store.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { STREAM_BATCH } from './sql-sessions.js';

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

const iso = (value: unknown): string => (value as Date).toISOString();

function toQuestion(row: SqlRow): MissedQuestion {
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

/** An occurrence row (joined with its question's agent and wording) as core's type. */
export function toOccurrence(row: SqlRow): MissedQuestionOccurrence {
  return {
    id: String(row.id),
    missedQuestionId: String(row.missed_question_id),
    agentId: String(row.agent_id),
    question: String(row.question),
    sessionId: String(row.session_id),
    messageId: String(row.message_id),
    occurredAt: iso(row.occurred_at),
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
 * The aggregate behind every missed-question read, from the rollups kept with each report (migration 5): all-time
 * counts are columns of the question; with a range, `$2`–`$5` are its parts (see {@link rangeParts}) and the
 * in-range count, distinct sessions and last occurrence add up whole days' rows and the partial days'
 * occurrences, O(questions × days). A session counted on k UTC days of the range is one session: the last
 * branch takes k - 1 back, from the few (question, session) pairs whose occurrences span days. A list keeps only
 * questions seen (in the range, when given), as core's grouping does, while a lookup by `questionId` finds the
 * question whatever its count.
 */
function statsQuery(
  orgId: string,
  filter: MissedQuestionFilter & {
    readonly questionId?: string;
    readonly ids?: readonly string[] | undefined;
  },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [orgId];
  const ranged = filter.range !== undefined;
  if (filter.range !== undefined) {
    const parts = rangeParts(filter.range);
    params.push(parts.from, parts.to, parts.dayFrom, parts.dayTo);
  }
  let where = 'q.org_id = $1';
  // The same narrowing on the rollup rows (a day row and an occurrence carry the question's agent), so only the
  // asked-for questions' rows are added up.
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
  const columns = 'q.id, q.agent_id, q.question, q.status, q.language, q.created_at, q.updated_at';
  if (!ranged) {
    const seen = filter.questionId === undefined ? ' AND q.occurrence_count > 0' : '';
    const sql = `
      SELECT * FROM (
        SELECT ${columns}, q.occurrence_count AS occurrences, q.occurrence_count AS filtered,
          q.session_count AS distinct_sessions, q.last_seen
        FROM missed_questions q WHERE ${where}${seen}
      ) stats`;
    return { sql, params };
  }
  const sql = `
    SELECT * FROM (
      SELECT ${columns}, q.occurrence_count AS occurrences, coalesce(r.filtered, 0) AS filtered,
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

function orderBy(filter: MissedQuestionFilter): string {
  const sort = filter.sort ?? { by: 'createdAt', order: 'desc' };
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  // Ties follow core's rule whatever the direction (most recent in range first, then wording, then agent), then
  // id, so equal counts list as core's grouping lists them, on every engine and every run, and pages never overlap.
  const ties = missedQuestionTieBreaks.map((tie) => `${TIE_COLUMNS[tie.field]} ${tie.order.toUpperCase()}`);
  return `ORDER BY ${SORT_COLUMNS[sort.by]} ${direction}, ${ties.join(', ')}, id ASC`;
}

/**
 * Ids of the questions matching `search` by core's plain search: a case-insensitive substring with Unicode case
 * folding (`Σ`, `σ` and `ς` alike), which SQL's `lower()` on the byte-ordered ("C") column does not do. The
 * wordings are read in keyset batches on the primary key; only the matching ids are kept.
 */
async function searchedIds(
  db: SqlQueryable,
  orgId: string,
  search: string | undefined,
): Promise<string[] | undefined> {
  if (search === undefined) return undefined;
  const matches = compileSearch({ term: search, mode: 'plain' });
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const rows = await db.query(
      'SELECT id, question FROM missed_questions WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [orgId, after, STREAM_BATCH],
    );
    for (const row of rows) if (matches(String(row.question))) ids.push(String(row.id));
    const last = rows.at(-1);
    if (last === undefined || rows.length < STREAM_BATCH) return ids;
    after = String(last.id);
  }
}

/** One page of missed questions with their counts. */
export async function pageMissedQuestions(
  db: SqlQueryable,
  orgId: string,
  filter: MissedQuestionFilter,
  request?: PageRequest,
): Promise<Page<MissedQuestion>> {
  const { page, pageSize } = normalizePageRequest(request);
  const ids = await searchedIds(db, orgId, filter.search);
  const { sql, params } = statsQuery(orgId, { ...filter, ids });
  const n = params.length;
  // The total comes with the page (a window count over the whole result), so the aggregation runs once per page
  // instead of twice; only a page past the end needs a separate count.
  const rows = await db.query(
    `SELECT *, count(*) OVER () AS total_count FROM (${sql}) listed ${orderBy(filter)} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, pageSize, page * pageSize],
  );
  const total =
    rows.length > 0
      ? Number(rows[0]?.total_count)
      : Number((await db.query(`SELECT count(*) AS total FROM (${sql}) counted`, params))[0]?.total ?? 0);
  return { items: rows.map(toQuestion), page, pageSize, total };
}

/** Every matching missed question, in batches of {@link STREAM_BATCH}. */
export async function* streamMissedQuestionRows(
  db: SqlQueryable,
  orgId: string,
  filter: MissedQuestionFilter,
): AsyncGenerator<MissedQuestion> {
  const ids = await searchedIds(db, orgId, filter.search);
  const { sql, params } = statsQuery(orgId, { ...filter, ids });
  const n = params.length;
  for (let offset = 0; ; offset += STREAM_BATCH) {
    const rows = await db.query(`${sql} ${orderBy(filter)} LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...params,
      STREAM_BATCH,
      offset,
    ]);
    yield* rows.map(toQuestion);
    if (rows.length < STREAM_BATCH) return;
  }
}

/** One missed question with its counts (in `range` for `filteredOccurrences`). */
export async function readMissedQuestion(
  db: SqlQueryable,
  orgId: string,
  id: string,
  range?: DateRange,
): Promise<MissedQuestion | undefined> {
  const { sql, params } = statsQuery(orgId, { range, questionId: id });
  const [row] = await db.query(sql, params);
  return row === undefined ? undefined : toQuestion(row);
}

/** Sets a question's status; undefined when no such question. */
export async function updateMissedQuestionStatus(
  db: SqlQueryable,
  orgId: string,
  id: string,
  status: MissedQuestionStatus,
): Promise<MissedQuestion | undefined> {
  const rows = await db.query(
    'UPDATE missed_questions SET status = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id, status],
  );
  return rows.length === 0 ? undefined : readMissedQuestion(db, orgId, id);
}

/** Occurrences newest first, keyset-paged on (occurred_at, id). */
export async function* streamOccurrenceRows(
  db: SqlQueryable,
  orgId: string,
  filter: { questionId?: string; agents?: readonly string[] | undefined; range?: DateRange | undefined },
): AsyncGenerator<MissedQuestionOccurrence> {
  let cursor: { at: string; id: string } | undefined;
  for (;;) {
    const params: unknown[] = [orgId];
    let where = 'o.org_id = $1';
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where += ` AND ${sql(params.length)}`;
    };
    if (filter.questionId !== undefined) add((n) => `o.missed_question_id = $${n}`, filter.questionId);
    if (filter.agents !== undefined) add((n) => `q.agent_id = ANY($${n}::text[])`, filter.agents);
    if (filter.range !== undefined) {
      add((n) => `o.occurred_at >= $${n}::timestamptz`, filter.range.from);
      add((n) => `o.occurred_at < $${n}::timestamptz`, filter.range.to);
    }
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where += ` AND (o.occurred_at, o.id) < ($${params.length - 1}::timestamptz, $${params.length})`;
    }
    params.push(STREAM_BATCH);
    const rows = await db.query(
      `SELECT o.*, q.agent_id, q.question FROM missed_question_occurrences o
       JOIN missed_questions q ON q.org_id = o.org_id AND q.id = o.missed_question_id
       WHERE ${where} ORDER BY o.occurred_at DESC, o.id DESC LIMIT $${params.length}`,
      params,
    );
    yield* rows.map(toOccurrence);
    const last = rows.at(-1);
    if (last === undefined || rows.length < STREAM_BATCH) return;
    cursor = { at: iso(last.occurred_at), id: String(last.id) };
  }
}
