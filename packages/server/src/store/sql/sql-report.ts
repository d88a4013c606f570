import { randomUUID } from 'node:crypto';
import type { MissedQuestionStatus } from '@observatory/core';
import { ConflictError } from '../../errors.js';
import type { MissedQuestionReport, ReportResult } from '../store.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { TREND_REPORT_CTES } from './trend-rollup.js';

// One statement records a report and keeps the rollups in step (see migration 5). Data-modifying CTEs share one
// snapshot, so each step reads what an earlier one wrote only through its RETURNING:
// - `t` is the message's time (given, else the reporting agent's stored message's, else now);
// - `created_q` inserts the question (counts 1/1 and last seen `t`: a new question's first occurrence is new, or
//   the report is a 409 and rolls back) and `found_q` finds a stored one;
// - `created_o` inserts the occurrence; `found_o` finds the stored one of the pair (a repeat, or another wording);
// - `new_session`, `new_session_day`, `multiday`, `day` and `counted` update the rollups from `created_o` only,
//   so a repeat changes nothing. A session's first occurrence of the question on a UTC day adds one to that
//   day's sessions; when the session already had one on another day, the pair goes to `multiday`.
// `trend_*` keep the trend's rollups (migration 7, trend-rollup.ts), also from `created_o` only.
// `counted` runs for a stored question only: the same statement cannot update the row `created_q` inserted.
// Counts are increments under the rows' locks: a concurrent report of the same question waits for this one to
// commit and then adds to its result, so no increment is lost.
// A question or occurrence committed by a concurrent report after this statement's snapshot is neither inserted
// (its unique key is taken) nor found: the statement then writes nothing, returns a row without the question or
// the occurrence, and runs again with a new snapshot. A question id taken by another question (`id_taken`) while
// no question of this agent and wording exists is the report's own error.
const REPORT_SQL = `
  WITH t AS (
    SELECT coalesce($10::timestamptz,
      (SELECT (m ->> 'createdAt')::timestamptz FROM sessions s, jsonb_array_elements(s.doc -> 'messages') m
       WHERE s.org_id = $1 AND s.id = $8 AND s.agent_id = $3 AND m ->> 'id' = $9 LIMIT 1), now()) AS at
  ), created_q AS (
    INSERT INTO missed_questions (org_id, id, agent_id, question, status, language, created_at, updated_at,
      occurrence_count, session_count, last_seen)
    SELECT $1, $2, $3, $4, $5, $6, now(), now(), 1, 1, t.at FROM t
    ON CONFLICT DO NOTHING
    RETURNING id, status, language, created_at, updated_at, occurrence_count, session_count, true AS created
  ), found_q AS (
    SELECT id, status, language, created_at, updated_at, occurrence_count, session_count, false AS created
    FROM missed_questions WHERE org_id = $1 AND agent_id = $3 AND question = $4
  ), q AS (
    SELECT * FROM created_q UNION ALL SELECT * FROM found_q LIMIT 1
  ), created_o AS (
    INSERT INTO missed_question_occurrences
      (org_id, id, missed_question_id, agent_id, session_id, message_id, occurred_at, doc)
    SELECT $1, $7, q.id, $3, $8, $9, t.at, $11::jsonb FROM q, t
    ON CONFLICT (org_id, agent_id, session_id, message_id) DO NOTHING
    RETURNING id, missed_question_id, session_id, message_id, occurred_at
  ), found_o AS (
    SELECT o.id, o.missed_question_id, o.session_id, o.message_id, o.occurred_at
    FROM missed_question_occurrences o
    WHERE o.org_id = $1 AND o.agent_id = $3 AND o.session_id = $8 AND o.message_id = $9
  ), new_session AS (
    INSERT INTO missed_question_sessions (org_id, missed_question_id, session_id)
    SELECT $1, missed_question_id, session_id FROM created_o
    ON CONFLICT DO NOTHING RETURNING session_id
  ), new_session_day AS (
    INSERT INTO missed_question_session_days (org_id, missed_question_id, session_id, day)
    SELECT $1, missed_question_id, session_id, date_trunc('day', occurred_at, 'UTC') FROM created_o
    ON CONFLICT DO NOTHING RETURNING 1
  ), multiday AS (
    INSERT INTO missed_question_multiday (org_id, missed_question_id, session_id, agent_id)
    SELECT $1, missed_question_id, session_id, $3 FROM created_o
    WHERE EXISTS (SELECT 1 FROM new_session_day) AND NOT EXISTS (SELECT 1 FROM new_session)
    ON CONFLICT DO NOTHING RETURNING 1
  ), day AS (
    INSERT INTO missed_question_days AS d
      (org_id, day, missed_question_id, agent_id, occurrences, sessions, last_seen)
    SELECT $1, date_trunc('day', occurred_at, 'UTC'), missed_question_id, $3, 1,
      (SELECT count(*) FROM new_session_day)::integer, occurred_at
    FROM created_o
    ON CONFLICT (org_id, day, missed_question_id)
    DO UPDATE SET occurrences = d.occurrences + 1, sessions = d.sessions + excluded.sessions,
      last_seen = greatest(d.last_seen, excluded.last_seen)
    RETURNING 1
  ), counted AS (
    UPDATE missed_questions m SET occurrence_count = m.occurrence_count + 1,
      session_count = m.session_count + (SELECT count(*) FROM new_session)::integer,
      last_seen = greatest(m.last_seen, o.occurred_at)
    FROM found_q, created_o o WHERE m.org_id = $1 AND m.id = found_q.id
    RETURNING m.occurrence_count, m.session_count
  ), ${TREND_REPORT_CTES}, o AS (
    SELECT *, true AS inserted FROM created_o UNION ALL SELECT *, false FROM found_o LIMIT 1
  )
  SELECT q.id, q.status, q.language, q.created_at, q.updated_at,
    coalesce((SELECT occurrence_count FROM counted), q.occurrence_count) AS occurrence_count,
    coalesce((SELECT session_count FROM counted), q.session_count) AS session_count,
    o.id AS occurrence_id, o.missed_question_id, o.occurred_at, o.inserted,
    (SELECT question FROM missed_questions WHERE org_id = $1 AND id = o.missed_question_id) AS stored_question,
    EXISTS (SELECT 1 FROM missed_questions WHERE org_id = $1 AND id = $2) AS id_taken
  FROM (SELECT 1) one LEFT JOIN q ON true LEFT JOIN o ON true`;

/**
 * Records a report in one statement (see `REPORT_SQL`) inside the caller's transaction: the question, the
 * occurrence and the rollups, answered from the statement's own rows, with no read-back. A repeat (same pair,
 * agent and question) changes nothing. An occurrence is its agent's own: the same pair reported under another
 * agent is that agent's occurrence, and only the reporting agent's sessions give the message's time. Throws
 * ConflictError, which rolls the transaction back (so a question this report created goes too), when the pair
 * was reported with another question (field `missedQuestion.question`, the stored question in `stored`) or the
 * given question id names another question (field `missedQuestion.id`).
 *
 * @example
 * ```ts
 * const { question, occurrence, created } = await driver.transaction((tx) =>
 *   reportMissedQuestionRow(tx, 'org-1', { agentId: 'faq-bot', question: 'Crypto?', sessionId: 's1', messageId: 'm1' }),
 * );
 * ```
 */
export async function reportMissedQuestionRow(
  tx: SqlQueryable,
  orgId: string,
  report: MissedQuestionReport,
): Promise<ReportResult> {
  const params = [
    orgId,
    report.questionId ?? randomUUID(),
    report.agentId,
    report.question,
    report.status ?? 'UNRESOLVED',
    report.language ?? null,
    randomUUID(),
    report.sessionId,
    report.messageId,
    report.occurredAt ?? null,
    JSON.stringify(report.metadata ?? {}),
  ];
  // A run that raced a concurrent report (see REPORT_SQL) wrote nothing; the next one sees what that report
  // committed. Each run that finds nothing follows another report's commit, so the loop ends.
  let row: SqlRow | undefined;
  for (;;) {
    row = (await tx.query(REPORT_SQL, params))[0];
    if (row === undefined) throw new Error('the report statement returned no row');
    if (row.id === null && row.id_taken === true) {
      throw new ConflictError('missedQuestion.id', 'an id not used by another missed question');
    }
    if (row.id !== null && row.occurrence_id !== null) break;
  }
  // One message is one question: another wording is not stored, and the caller learns which one is (the same
  // agent's, so the caller may see it). Only the same text again is a repeat.
  const stored = String(row.stored_question);
  if (String(row.missed_question_id) !== String(row.id)) {
    throw new ConflictError(
      'missedQuestion.question',
      `the question this message was first reported with (${JSON.stringify(stored)})`,
      stored,
    );
  }
  return toResult(row, report);
}

const iso = (value: unknown): string => (value as Date).toISOString();

function toResult(row: SqlRow, report: MissedQuestionReport): ReportResult {
  const occurrences = Number(row.occurrence_count);
  return {
    question: {
      id: String(row.id),
      agentId: report.agentId,
      question: report.question,
      status: row.status as MissedQuestionStatus,
      ...(row.language === null || row.language === undefined ? {} : { language: String(row.language) }),
      occurrences,
      filteredOccurrences: occurrences,
      distinctSessions: Number(row.session_count),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    },
    occurrence: {
      id: String(row.occurrence_id),
      missedQuestionId: String(row.missed_question_id),
      agentId: report.agentId,
      question: report.question,
      sessionId: report.sessionId,
      messageId: report.messageId,
      occurredAt: iso(row.occurred_at),
    },
    created: row.inserted === true,
  };
}
