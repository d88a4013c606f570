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

/**
 * The aggregate behind every missed-question read: counts in SQL, one group per stored question. With a range,
 * `$2`/`$3` are its bounds. A list keeps only questions seen in the range (as core's grouping does), while a lookup by
 * `questionId` finds the question whatever its count in range.
 */
function statsQuery(
  orgId: string,
  filter: MissedQuestionFilter & {
    readonly questionId?: string;
    readonly ids?: readonly string[] | undefined;
  },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [orgId];
  if (filter.range !== undefined) params.push(filter.range.from, filter.range.to);
  let where = 'q.org_id = $1';
  if (filter.questionId !== undefined) {
    params.push(filter.questionId);
    where += ` AND q.id = $${params.length}`;
  }
  if (filter.agents !== undefined) {
    params.push(filter.agents);
    where += ` AND q.agent_id = ANY($${params.length}::text[])`;
  }
  if (filter.ids !== undefined) {
    params.push(filter.ids);
    where += ` AND q.id = ANY($${params.length}::text[])`;
  }
  if (filter.statuses !== undefined) {
    params.push(filter.statuses);
    where += ` AND q.status = ANY($${params.length}::text[])`;
  }
  const ranged = filter.range !== undefined;
  // Only the occurrences in the range are aggregated (the `occurrences_org_time` index finds them); the all-time
  // total is counted per listed question from `occurrences_question_time`, and equals the in-range count when
  // there is no range. A lookup by id keeps its question even with nothing in range.
  const inRange = ranged ? 'AND o.occurred_at >= $2::timestamptz AND o.occurred_at < $3::timestamptz' : '';
  const total = ranged
    ? `(SELECT count(*) FROM missed_question_occurrences t WHERE t.org_id = q.org_id AND t.missed_question_id = q.id)`
    : 'coalesce(r.filtered, 0)';
  const sql = `
    SELECT * FROM (
      SELECT q.id, q.agent_id, q.question, q.status, q.language, q.created_at, q.updated_at,
        ${total} AS occurrences,
        coalesce(r.filtered, 0) AS filtered,
        coalesce(r.distinct_sessions, 0) AS distinct_sessions,
        r.last_seen
      FROM missed_questions q
      ${filter.questionId === undefined ? 'JOIN' : 'LEFT JOIN'} (
        SELECT o.missed_question_id, count(*) AS filtered, count(DISTINCT o.session_id) AS distinct_sessions,
          max(o.occurred_at) AS last_seen
        FROM missed_question_occurrences o
        WHERE o.org_id = $1 ${inRange}
        GROUP BY o.missed_question_id
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
