import type { DateRange } from '@observatory/core';
import type { SqlQueryable, SqlRow } from './driver.js';
import { orderBy, type StatsFilter, statsQuery } from './missed-stats.js';

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
 * The first `need` questions of a range by in-range count (most first, then core's tie rule), without adding up
 * every question's rows: a question's count in any range is at most its all-time count (a column of the
 * question), so candidates are taken in descending all-time count, their in-range stats computed for them alone
 * (the rollups narrowed to their ids), until the `need`-th in-range count is above the all-time count of every
 * question not yet read, which can then neither outrank nor tie it. A popular question is read first, so a page
 * of the top usually costs one round (4 × `need` questions, at least 16), O(those × days) instead of
 * O(questions × days); a second round reads twice as many more. A range much shorter than the history (one
 * day's counts, far below the all-time ones) would need most questions: after {@link MAX_ROUNDS} rounds this
 * answers undefined, and the caller adds up every question instead (measured: a day of 90 took 7× longer when
 * the rounds went on doubling). Otherwise the rows in list order (at most `need`), each a {@link statsQuery}
 * row.
 *
 * @example
 * ```ts
 * const top = await topByRangeCount(db, 'org-1', { range }, 10);
 * ```
 */
export async function topByRangeCount(
  db: SqlQueryable,
  orgId: string,
  filter: StatsFilter & { range: DateRange },
  need: number,
): Promise<SqlRow[] | undefined> {
  const order = orderBy({ sort: { by: 'filteredOccurrences', order: 'desc' } });
  const read: string[] = [];
  for (let round = 0, size = Math.max(4 * need, 16); round < MAX_ROUNDS; round++, size *= 2) {
    // The next candidates, and the all-time count of the one after them: the bound of every question unread.
    const candidates = await nextCandidates(db, orgId, filter, read.length, size);
    read.push(...candidates.ids);
    const { sql, params } = statsQuery(orgId, { ...filter, ids: read });
    const rows = await db.query(`${sql} ${order} LIMIT $${params.length + 1}`, [...params, need]);
    const last = rows[need - 1];
    if (candidates.bound === undefined || (last !== undefined && Number(last.filtered) > candidates.bound))
      return rows;
  }
  return undefined;
}

/** `limit` questions after the first `offset` in descending all-time count, and the count of the next one. */
async function nextCandidates(
  db: SqlQueryable,
  orgId: string,
  filter: StatsFilter,
  offset: number,
  limit: number,
): Promise<{ ids: string[]; bound: number | undefined }> {
  const params: unknown[] = [orgId, offset, limit + 1];
  let where = 'org_id = $1 AND occurrence_count > 0';
  if (filter.agents !== undefined) {
    params.push(filter.agents);
    where += ` AND agent_id = ANY($${params.length}::text[])`;
  }
  if (filter.statuses !== undefined) {
    params.push(filter.statuses);
    where += ` AND status = ANY($${params.length}::text[])`;
  }
  if (filter.ids !== undefined) {
    params.push(filter.ids);
    where += ` AND id = ANY($${params.length}::text[])`;
  }
  const rows = await db.query(
    `SELECT id, occurrence_count FROM missed_questions WHERE ${where}
     ORDER BY occurrence_count DESC, id OFFSET $2 LIMIT $3`,
    params,
  );
  const next = rows[limit];
  return {
    ids: rows.slice(0, limit).map((row) => String(row.id)),
    bound: next === undefined ? undefined : Number(next.occurrence_count),
  };
}
