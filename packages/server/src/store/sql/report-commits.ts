import { StoreUnavailableError } from '../../errors.js';
import { type BatchOutcome, GroupCommit } from '../group-commit.js';
import type { ReportResult, StoreEngine } from '../store.js';
import type { SqlDriver } from './driver.js';
import { type ReportItem, reportMissedQuestionRows } from './sql-report.js';

/** Most reports in one batch. */
const MAX_BATCH = 128;
// One batch at a time on every engine: queuing the reports that arrive meanwhile into the next batch makes it
// larger, where a second batch in flight would only wait. PGlite runs one transaction at a time. On PostgreSQL
// concurrent batches share their popular questions' keys, so each waited on the others' advisory locks (measured,
// bench/findings.md section 25: one batch in flight 1.4–2.4× the reports/s of four); the pool's other connections
// stay free for reads.
const IN_FLIGHT = 1;

/**
 * The group commit of a store's reports: concurrent reports run as one transaction of
 * {@link reportMissedQuestionRows}, each caller answered with its own outcome. When that transaction fails on a
 * database error, it wrote nothing, and each report runs again alone, so a report the database refuses fails
 * alone; an outage ({@link StoreUnavailableError}) fails the batch's callers at once.
 *
 * @example
 * ```ts
 * const reports = reportCommits(driver, 'postgres');
 * const { created } = await reports.submit({ orgId: 'org-1', report });
 * ```
 */
export function reportCommits(db: SqlDriver, engine: StoreEngine): GroupCommit<ReportItem, ReportResult> {
  const options = { concurrent: engine === 'postgres' };
  const run = (items: readonly ReportItem[]) =>
    db.transaction((tx) => reportMissedQuestionRows(tx, items, options));
  const alone = (item: ReportItem): Promise<BatchOutcome<ReportResult>> =>
    run([item]).then(
      ([outcome]) => outcome ?? { ok: false, error: new Error('the report statement returned no row') },
      (error: unknown) => ({ ok: false, error }),
    );
  return new GroupCommit(
    async (items) => {
      try {
        return await run(items);
      } catch (error) {
        if (items.length === 1 || error instanceof StoreUnavailableError) throw error;
        return Promise.all(items.map(alone));
      }
    },
    { maxBatch: MAX_BATCH, maxInFlight: IN_FLIGHT },
  );
}
