import type { DateRange } from '@observatory/core';
import type { SqlQueryable, SqlRow } from './driver.js';
import { countQuery, orderBy, questionsWhere, type StatsFilter, statsQuery } from './missed-stats.js';

/**
 * Pages ending deeper than this read the whole aggregate (see {@link topByRangeCount}).
 *
 * @example
 * ```ts
 * const pruned = (page + 1) * pageSize <= PRUNED_TOP_MAX;
 * ```
 */
export const PRUNED_TOP_MAX = 500;
/**
 * Shorter ranges read the whole aggregate: their counts are far below the all-time ones that bound them, so the
 * rounds seldom prove a page (measured at 1M occurrences over 90 days: one day's top 10 took 58 ms read whole,
 * 218 ms through two rounds and the fallback, load ~13), while the whole aggregate of a few days is small.
 *
 * @example
 * ```ts
 * const pruned = Date.parse(range.to) - Date.parse(range.from) >= PRUNED_TOP_MIN_RANGE_MS;
 * ```
 */
export const PRUNED_TOP_MIN_RANGE_MS = 7 * 86_400_000;
/** Rounds of candidates read at most before the whole aggregate is read instead. */
const MAX_ROUNDS = 2;

/**
 * What {@link topByRangeCount} answers: the rows in list order (at most `need`), undefined when the rounds could
 * not prove them; and the total of the list when it was asked for.
 *
 * @example
 * ```ts
 * const { rows, total }: PrunedTop = await topByRangeCount(db, 'org-1', { range }, 20, true);
 * ```
 */
export interface PrunedTop {
  readonly rows: SqlRow[] | undefined;
  readonly total: number | undefined;
}

/**
 * The first `need` questions of a range by in-range count (most first, then core's tie rule), without adding up
 * every question's rows: a question's count in any range is at most its all-time count (a column of the
 * question, indexed by migration 11), so candidates are taken in descending all-time count, their in-range stats
 * computed for them alone (the rollups narrowed to their ids), until the `need`-th in-range count is above the
 * all-time count of every question not yet read, which can then neither outrank nor tie it. A popular question
 * is read first, so a page of the top usually costs one round (4 × `need` questions, at least 16), O(those ×
 * days) instead of O(questions × days); a second round reads three times as many. A round is one statement: the
 * candidates, their stats in list order and the bound (the all-time count of the first question left out), with
 * the list's total ({@link countQuery}) when `withTotal` (the first round only), so an engine that runs one
 * statement at a time answers a page and its total in one. A range much shorter than the history (one day's
 * counts, far below the all-time ones) would need most questions: after {@link MAX_ROUNDS} rounds the rows are
 * undefined, and the caller adds up every question instead (measured: a day of 90 took 7× longer when the rounds
 * went on doubling). Each row is a {@link statsQuery} row.
 *
 * @example
 * ```ts
 * const { rows } = await topByRangeCount(db, 'org-1', { range }, 10, false);
 * ```
 */
export async function topByRangeCount(
  db: SqlQueryable,
  orgId: string,
  filter: StatsFilter & { range: DateRange },
  need: number,
  withTotal: boolean,
): Promise<PrunedTop> {
  let total: number | undefined;
  for (let round = 0, size = Math.max(4 * need, 16); round < MAX_ROUNDS; round++, size *= 3) {
    const { sql, params } = prunedTopQuery(orgId, filter, need, size, withTotal && round === 0);
    const rows = await db.query(sql, params);
    const head = rows[0] as SqlRow;
    if (head.total !== null) total = Number(head.total);
    const page = head.id === null ? [] : rows;
    const last = page[need - 1];
    if (head.bound === null || (last !== undefined && Number(last.filtered) > Number(head.bound)))
      return { rows: page, total };
  }
  return { rows: undefined, total };
}

/**
 * One round of {@link topByRangeCount}: the first `size` questions in descending all-time count (from the
 * `missed_questions_org_count` index), their stats in list order (`need` rows at most), and on every row the
 * all-time count of the question after them (`bound`, null when there is none) and the list's total (`total`,
 * null unless `withTotal`). No candidate in the range still answers one row, of nulls but those two.
 */
function prunedTopQuery(
  orgId: string,
  filter: StatsFilter & { range: DateRange },
  need: number,
  size: number,
  withTotal: boolean,
): { sql: string; params: unknown[] } {
  const { where } = questionsWhere(orgId, filter);
  const stats = statsQuery(orgId, { ...filter, idsSql: '(SELECT ids FROM head)::text[]' });
  const counted = countQuery(orgId, filter);
  // The count's parameters begin with the stats' (both are the filter's), then its own.
  const params = withTotal ? counted.params : stats.params;
  params.push(size, need);
  const [sizeAt, needAt] = [`$${params.length - 1}::integer`, `$${params.length}::integer`];
  const sql = `
    WITH candidates AS MATERIALIZED (
      SELECT q.id, q.occurrence_count FROM missed_questions q WHERE ${where} AND q.occurrence_count > 0
      ORDER BY q.occurrence_count DESC, q.id LIMIT ${sizeAt} + 1
    ), head AS MATERIALIZED (
      SELECT
        (SELECT array_agg(id) FROM (SELECT id FROM candidates ORDER BY occurrence_count DESC, id LIMIT ${sizeAt}) c) AS ids,
        (SELECT occurrence_count FROM candidates ORDER BY occurrence_count DESC, id OFFSET ${sizeAt} LIMIT 1) AS bound
    )
    SELECT (SELECT bound FROM head) AS bound, ${withTotal ? `(${counted.sql})` : 'NULL'} AS total, page.*
    FROM (SELECT 1) one LEFT JOIN (
      ${stats.sql} ${orderBy({ sort: { by: 'filteredOccurrences', order: 'desc' } })} LIMIT ${needAt}
    ) page ON true`;
  return { sql, params };
}
