import type { MissedQuestionOccurrence, Session } from '@observatory/core';
import type { SqlDriver } from '../../packages/server/src/store/sql/driver.js';
import { autovacuumPass } from '../../packages/server/src/store/sql/pglite-autovacuum.js';
import { INSERT_SESSION_ROWS, sessionRowValues } from '../../packages/server/src/store/sql/session-row.js';
import { backfillMissedTrend } from '../../packages/server/src/store/sql/trend-rollup.js';

const BATCH = 1000;

/**
 * Inserts sessions straight into the store's tables, a thousand rows per statement. Seeding through the store's
 * API costs milliseconds per session on the embedded engine (a transaction, a read-back), which would make a
 * 100,000-session read benchmark spend most of its time loading; the rows written are the ones `upsertSession`
 * writes for a new session (the same `sessionRowValues`, interaction logs left out: the read figures do not
 * read them).
 *
 * @example
 * ```ts
 * await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 7, count: 100_000 }));
 * ```
 */
export async function seedSessions(
  driver: SqlDriver,
  orgId: string,
  sessions: Iterable<Session>,
): Promise<number> {
  let batch: unknown[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await driver.query(INSERT_SESSION_ROWS, [orgId, JSON.stringify(batch)]);
    batch = [];
  };
  for (const session of sessions) {
    const doc = { ...session, interactions: [] };
    batch.push({ ...sessionRowValues(doc), doc });
    count++;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return count;
}

/**
 * Inserts missed questions (one per distinct wording), their occurrences and the rollups kept with them straight
 * into the store's tables, in batches, as {@link seedSessions} does for sessions; the trend's rollups, which
 * count the sessions' messages too, are filled last (seed the sessions first).
 *
 * @example
 * ```ts
 * await seedOccurrences(engine.driver, BENCH_ORG, generateOccurrences({ seed: 8, count: 1_000_000, distinctWordings: 20_000 }));
 * ```
 */
export async function seedOccurrences(
  driver: SqlDriver,
  orgId: string,
  occurrences: readonly MissedQuestionOccurrence[],
): Promise<void> {
  const questionIds = new Map<string, { id: string; agentId: string; firstAt: string }>();
  for (const occurrence of occurrences) {
    const key = `${occurrence.agentId}\u0000${occurrence.question}`;
    const known = questionIds.get(key);
    if (known === undefined) {
      questionIds.set(key, {
        id: `mq${questionIds.size}`,
        agentId: occurrence.agentId,
        firstAt: occurrence.occurredAt,
      });
    } else if (occurrence.occurredAt < known.firstAt) {
      known.firstAt = occurrence.occurredAt;
    }
  }
  const questions = [...questionIds].map(([key, q]) => ({
    id: q.id,
    agent_id: q.agentId,
    question: key.slice(q.agentId.length + 1),
    created_at: q.firstAt,
  }));
  for (let i = 0; i < questions.length; i += BATCH) {
    await driver.query(
      `INSERT INTO missed_questions (org_id, id, agent_id, question, status, language, created_at, updated_at)
       SELECT $1, x.id, x.agent_id, x.question, 'UNRESOLVED', NULL, x.created_at, x.created_at
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, agent_id text, question text, created_at timestamptz)`,
      [orgId, JSON.stringify(questions.slice(i, i + BATCH))],
    );
  }
  for (let i = 0; i < occurrences.length; i += BATCH * 5) {
    const rows = occurrences.slice(i, i + BATCH * 5).map((occurrence, j) => ({
      id: `o${i + j}`,
      agent_id: occurrence.agentId,
      missed_question_id: questionIds.get(`${occurrence.agentId}\u0000${occurrence.question}`)?.id,
      session_id: occurrence.sessionId,
      message_id: occurrence.messageId,
      occurred_at: occurrence.occurredAt,
    }));
    await driver.query(
      `INSERT INTO missed_question_occurrences
         (org_id, id, agent_id, missed_question_id, session_id, message_id, occurred_at)
       SELECT $1, x.id, x.agent_id, x.missed_question_id, x.session_id, x.message_id, x.occurred_at
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, agent_id text, missed_question_id text, session_id text,
         message_id text, occurred_at timestamptz)`,
      [orgId, JSON.stringify(rows)],
    );
  }
  // The rollups a report keeps in step with its occurrence (the store's migration 5), written in bulk here.
  await driver.query(
    `INSERT INTO missed_question_sessions (org_id, missed_question_id, session_id)
     SELECT DISTINCT org_id, missed_question_id, session_id FROM missed_question_occurrences WHERE org_id = $1`,
    [orgId],
  );
  await driver.query(
    `INSERT INTO missed_question_days (org_id, day, missed_question_id, agent_id, occurrences, sessions, last_seen)
     SELECT org_id, date_trunc('day', occurred_at, 'UTC'), missed_question_id, min(agent_id), count(*),
       count(DISTINCT session_id), max(occurred_at)
     FROM missed_question_occurrences WHERE org_id = $1 GROUP BY 1, 2, 3`,
    [orgId],
  );
  await driver.query(
    `INSERT INTO missed_question_session_days (org_id, missed_question_id, session_id, day)
     SELECT DISTINCT org_id, missed_question_id, session_id, date_trunc('day', occurred_at, 'UTC')
     FROM missed_question_occurrences WHERE org_id = $1`,
    [orgId],
  );
  await driver.query(
    `INSERT INTO missed_question_multiday (org_id, missed_question_id, session_id, agent_id)
     SELECT org_id, missed_question_id, session_id, min(agent_id) FROM missed_question_occurrences
     WHERE org_id = $1 GROUP BY 1, 2, 3 HAVING count(DISTINCT date_trunc('day', occurred_at, 'UTC')) > 1`,
    [orgId],
  );
  await driver.query(
    `UPDATE missed_questions q SET occurrence_count = c.occurrences, session_count = c.sessions, last_seen = c.last_seen
     FROM (SELECT missed_question_id, count(*) AS occurrences, count(DISTINCT session_id) AS sessions,
             max(occurred_at) AS last_seen
           FROM missed_question_occurrences WHERE org_id = $1 GROUP BY 1) c
     WHERE q.org_id = $1 AND q.id = c.missed_question_id`,
    [orgId],
  );
  // The trend's rollups (migration 7) of the sessions seeded before and of these occurrences.
  await backfillMissedTrend(driver, orgId);
  await settleAfterSeeding(driver);
}

/**
 * What autovacuum does within its naptime (a minute) of a bulk load, and only that: `VACUUM` / `ANALYZE` of the
 * tables past its default thresholds. PostgreSQL's daemon does it by itself; on the embedded engine the driver's
 * own loop runs the same pass (`pglite-autovacuum.ts`). A figure seeds, settles, then times, so its plans are the
 * ones a running store has, not ones from statistics no user's store would hold.
 *
 * @example
 * ```ts
 * await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 7, count: 100_000 }));
 * await settleAfterSeeding(engine.driver);
 * ```
 */
export async function settleAfterSeeding(driver: SqlDriver): Promise<void> {
  await autovacuumPass(driver);
}
