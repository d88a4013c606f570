import { randomUUID } from 'node:crypto';
import type { MissedQuestionOccurrence } from '@observatory/core';
import { ConflictError } from '../../errors.js';
import type { MissedQuestionReport, ReportResult } from '../store.js';
import type { SqlQueryable } from './driver.js';
import { readMissedQuestion, toOccurrence } from './sql-missed.js';

/**
 * Records a report inside one transaction. Exactness under concurrency comes from the unique constraints:
 * `INSERT … ON CONFLICT DO NOTHING` on the question and on (org, agent, sessionId, messageId), then reading back
 * the row that won; counts are always computed, never incremented. A repeat (same pair, agent and question)
 * changes nothing. An occurrence is its agent's own: the same pair reported under another agent is that agent's
 * occurrence, and only the reporting agent's sessions give the message's time. Throws ConflictError, which rolls
 * the transaction back (so a question this report created goes too), when the pair was reported with another
 * question (field `missedQuestion.question`, the stored question in `stored`) or the given question id names
 * another question.
 */
export async function insertReport(
  tx: SqlQueryable,
  orgId: string,
  report: MissedQuestionReport,
): Promise<{ questionId: string; occurrence: MissedQuestionOccurrence; created: boolean }> {
  await tx.query(
    `INSERT INTO missed_questions (org_id, id, agent_id, question, status, language, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now(), now()) ON CONFLICT DO NOTHING`,
    [
      orgId,
      report.questionId ?? randomUUID(),
      report.agentId,
      report.question,
      report.status ?? 'UNRESOLVED',
      report.language ?? null,
    ],
  );
  const [question] = await tx.query(
    'SELECT id FROM missed_questions WHERE org_id = $1 AND agent_id = $2 AND question = $3',
    [orgId, report.agentId, report.question],
  );
  if (question === undefined) {
    throw new ConflictError('missedQuestion.id', 'an id not used by another missed question');
  }
  const questionId = String(question.id);
  const occurredAt = report.occurredAt ?? (await messageTime(tx, orgId, report));
  const inserted = await tx.query(
    `INSERT INTO missed_question_occurrences
       (org_id, id, missed_question_id, agent_id, session_id, message_id, occurred_at, doc)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::timestamptz, now()), $8)
     ON CONFLICT (org_id, agent_id, session_id, message_id) DO NOTHING RETURNING id`,
    [
      orgId,
      randomUUID(),
      questionId,
      report.agentId,
      report.sessionId,
      report.messageId,
      occurredAt ?? null,
      JSON.stringify(report.metadata ?? {}),
    ],
  );
  const [row] = await tx.query(
    `SELECT o.*, q.agent_id, q.question FROM missed_question_occurrences o
     JOIN missed_questions q ON q.org_id = o.org_id AND q.id = o.missed_question_id
     WHERE o.org_id = $1 AND o.agent_id = $2 AND o.session_id = $3 AND o.message_id = $4`,
    [orgId, report.agentId, report.sessionId, report.messageId],
  );
  if (row === undefined) throw new Error('occurrence vanished inside its transaction');
  // One message is one question: another wording is not stored, and the caller learns which one is (the same
  // agent's, so the caller may see it). Only the same text again is a repeat.
  const stored = String(row.question);
  if (stored !== report.question) {
    throw new ConflictError(
      'missedQuestion.question',
      `the question this message was first reported with (${JSON.stringify(stored)})`,
      stored,
    );
  }
  return {
    questionId: String(row.missed_question_id),
    occurrence: toOccurrence(row),
    created: inserted.length > 0,
  };
}

/** When the reported message was sent, from the reporting agent's own session only. */
async function messageTime(
  db: SqlQueryable,
  orgId: string,
  report: MissedQuestionReport,
): Promise<string | undefined> {
  const [row] = await db.query(
    `SELECT m ->> 'createdAt' AS created_at FROM sessions, jsonb_array_elements(doc -> 'messages') m
     WHERE org_id = $1 AND id = $2 AND agent_id = $3 AND m ->> 'id' = $4 LIMIT 1`,
    [orgId, report.sessionId, report.agentId, report.messageId],
  );
  return row === undefined ? undefined : String(row.created_at);
}

/** Full report: the occurrence plus the question with fresh counts. */
export async function reportMissedQuestionRow(
  tx: SqlQueryable,
  orgId: string,
  report: MissedQuestionReport,
): Promise<ReportResult> {
  const { questionId, occurrence, created } = await insertReport(tx, orgId, report);
  const question = await readMissedQuestion(tx, orgId, questionId);
  if (question === undefined) throw new Error('missed question vanished inside its transaction');
  return { question, occurrence, created };
}
