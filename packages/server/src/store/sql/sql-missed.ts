import {
  compileSearch,
  type DateRange,
  type MissedQuestion,
  type MissedQuestionOccurrence,
  type MissedQuestionStatus,
  normalizePageRequest,
  type Page,
  type PageRequest,
} from '@observatory/core';
import type { MissedQuestionFilter } from '../store.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { countQuery, iso, orderBy, type StatsFilter, statsQuery, toQuestion } from './missed-stats.js';
import { PRUNED_TOP_MAX, PRUNED_TOP_MIN_RANGE_MS, topByRangeCount } from './missed-top.js';
import { STREAM_BATCH } from './sql-sessions.js';

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

/** The range of a most-missed list (by in-range count, most first) whose first `need` can be read pruned. */
function prunableRange(filter: MissedQuestionFilter, need: number): DateRange | undefined {
  const { range, sort } = filter;
  return range !== undefined &&
    sort?.by === 'filteredOccurrences' &&
    sort.order === 'desc' &&
    need <= PRUNED_TOP_MAX &&
    Date.parse(range.to) - Date.parse(range.from) >= PRUNED_TOP_MIN_RANGE_MS
    ? range
    : undefined;
}

/**
 * The first `limit` missed questions in the list's order, without the total: a most-missed list from the
 * questions that can reach it (missed-top.ts), else the ordered aggregate with a limit.
 *
 * @example
 * ```ts
 * const top = await topMissedQuestionRows(db, 'org-1', { range, sort: { by: 'filteredOccurrences', order: 'desc' } }, 10);
 * ```
 */
export async function topMissedQuestionRows(
  db: SqlQueryable,
  orgId: string,
  filter: MissedQuestionFilter,
  limit: number,
): Promise<MissedQuestion[]> {
  const ids = await searchedIds(db, orgId, filter.search);
  const range = prunableRange(filter, limit);
  const top = range && (await topByRangeCount(db, orgId, { ...filter, range, ids }, limit, false)).rows;
  return (top ?? (await orderedRows(db, orgId, { ...filter, ids }, limit, 0))).map(toQuestion);
}

/** The aggregate of every matching question in the list's order, `limit` rows after the first `offset`. */
function orderedRows(
  db: SqlQueryable,
  orgId: string,
  filter: MissedQuestionFilter & { readonly ids: readonly string[] | undefined },
  limit: number,
  offset: number,
): Promise<SqlRow[]> {
  const { sql, params } = statsQuery(orgId, filter);
  const n = params.length;
  return db.query(`${sql} ${orderBy(filter)} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, limit, offset]);
}

/** The list's total ({@link countQuery}) run on its own. */
async function countTotal(
  db: SqlQueryable,
  orgId: string,
  filter: StatsFilter & { range: DateRange },
): Promise<number> {
  const { sql, params } = countQuery(orgId, filter);
  const [row] = await db.query(sql, params);
  return Number(row?.total);
}

/**
 * One page of missed questions with their counts. `concurrent`: whether the database runs two statements at once
 * (PostgreSQL on a pool; PGlite runs one at a time), which decides whether a most-missed page and its total are
 * two statements run together or one.
 */
export async function pageMissedQuestions(
  db: SqlQueryable,
  orgId: string,
  filter: MissedQuestionFilter,
  request: PageRequest | undefined,
  concurrent: boolean,
): Promise<Page<MissedQuestion>> {
  const { page, pageSize } = normalizePageRequest(request);
  const ids = await searchedIds(db, orgId, filter.search);
  const need = (page + 1) * pageSize;
  const range = prunableRange(filter, need);
  if (range !== undefined) {
    // The most-missed first (the analytics' top, the grouped list's default view): the page from the few
    // questions that can reach it (missed-top.ts; undefined when too many can) and the total: counted apart at
    // once on two connections where the database runs statements concurrently, else in the top's first round.
    const pruned = { ...filter, range, ids };
    const [top, total] = concurrent
      ? await Promise.all([topByRangeCount(db, orgId, pruned, need, false), countTotal(db, orgId, pruned)])
      : await topByRangeCount(db, orgId, pruned, need, true).then((t) => [t, t.total] as const);
    // When too many questions could reach the page, the whole aggregate reads it; the total is counted already.
    const rows =
      top.rows?.slice(page * pageSize) ??
      (await orderedRows(db, orgId, { ...filter, ids }, pageSize, page * pageSize));
    return { items: rows.map(toQuestion), page, pageSize, total: Number(total) };
  }
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
