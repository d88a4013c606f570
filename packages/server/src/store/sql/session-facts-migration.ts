import type { SessionDoc } from '../session-merge.js';
import type { SqlQueryable } from './driver.js';
import { sessionRowValues } from './session-row.js';

const BACKFILL_BATCH = 500;
// insufficient_privilege, undefined_file (contrib package not installed), feature_not_supported.
const NO_EXTENSION_STATES = new Set(['42501', '58P01', '0A000']);

/**
 * Fills the quick-filter facts and the search text of every stored session (migration 4), in keyset batches of
 * 500 rows, each written back with one statement.
 *
 * @example
 * ```ts
 * await driver.transaction((tx) => backfillSessionFacts(tx));
 * ```
 */
export async function backfillSessionFacts(tx: SqlQueryable): Promise<void> {
  let cursor: { orgId: string; id: string } | undefined;
  for (;;) {
    const rows = await tx.query(
      `SELECT org_id, id, doc FROM sessions ${cursor ? 'WHERE (org_id, id) > ($1, $2)' : ''}
       ORDER BY org_id, id LIMIT ${BACKFILL_BATCH}`,
      cursor ? [cursor.orgId, cursor.id] : [],
    );
    if (rows.length === 0) return;
    const facts = rows.map((row) => ({
      ...sessionRowValues(row.doc as SessionDoc),
      org_id: String(row.org_id),
    }));
    await tx.query(
      `UPDATE sessions s SET has_fallback = x.has_fallback, has_feedback = x.has_feedback,
         has_livechat = x.has_livechat, has_csat = x.has_csat,
         csat_statuses = ARRAY(SELECT jsonb_array_elements_text(x.csat_statuses)), search_text = x.search_text
       FROM jsonb_to_recordset($1::jsonb) AS x(org_id text, id text, has_fallback boolean, has_feedback boolean,
         has_livechat boolean, has_csat boolean, csat_statuses jsonb, search_text text)
       WHERE s.org_id = x.org_id AND s.id = x.id`,
      [JSON.stringify(facts)],
    );
    const last = rows.at(-1) as { org_id: unknown; id: unknown };
    cursor = { orgId: String(last.org_id), id: String(last.id) };
  }
}

/**
 * Creates the trigram index on `search_text` when the database has `pg_trgm` (PGlite loads it; on PostgreSQL
 * it is a trusted extension of the contrib package, which a database owner may create). Without it, search
 * still answers exactly, by scanning the organization's rows.
 *
 * @example
 * ```ts
 * await driver.transaction((tx) => createSearchIndex(tx));
 * ```
 */
export async function createSearchIndex(tx: SqlQueryable): Promise<void> {
  const [available] = await tx.query("SELECT 1 AS ok FROM pg_available_extensions WHERE name = 'pg_trgm'");
  if (available === undefined) return;
  await tx.query('SAVEPOINT search_index');
  try {
    await tx.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await tx.query('CREATE INDEX sessions_search_text ON sessions USING gin (search_text gin_trgm_ops)');
    await tx.query('RELEASE SAVEPOINT search_index');
  } catch (error) {
    // Not allowed to create the extension (not the database owner, or an older PostgreSQL where it is not
    // trusted), or its files are missing: keep the schema without the index. Any other error stops the migration.
    if (!NO_EXTENSION_STATES.has((error as { code?: unknown }).code as string)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT search_index');
  }
}
